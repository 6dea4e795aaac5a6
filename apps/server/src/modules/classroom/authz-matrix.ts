import type { ClassroomLectureState } from '../../db/types.ts';
import { only, rows, type MatrixEntry, type Scene, type Side } from '../../test/authz-scene.ts';
import { matrixCampaign, matrixEntry } from '../../test/matrix-campaign.ts';
import { equipEntry, lecture } from './test-publish-scene.ts';

/** The publishing org's managers (organiser, unit or platform admin on unit A): inside yes, unit B no. */
const managers = only({
  organiser: ['ok', 'deny'],
  unit_admin: ['ok', 'deny'],
  platform_admin: ['ok', 'deny'],
});
/** An internal published lecture: its managers and those holding a reader's role over it; no judge. */
const readers = only({
  organiser: ['ok', 'deny'],
  unit_admin: ['ok', 'deny'],
  platform_admin: ['ok', 'deny'],
  supervisor: ['ok', 'deny'],
});

const lectureOn = (s: Scene, side: Side, state: ClassroomLectureState = 'published') =>
  lecture(s.t, s.side[side].unit, { state });

/** A 复赛 entry of the side's branch with a processed video, in a campaign the side's unit organises. */
async function entryWithVideo(s: Scene, side: Side, n: number) {
  const c = await matrixCampaign(s, side);
  const entryId = await matrixEntry(s, side, { ...c, stageKey: 'semifinal', title: `作品${n}` });
  await equipEntry(s.t, entryId);
  return entryId;
}

/**
 * 网上微课堂, publishing side. Proposing takes a manager's role and sight of the entry; a lecture's steps
 * are its publishing org's managers'; an internal lecture is read by its managers and those with a
 * reader's role over it (members inside the subtree in classroom-api.test.ts), never by a judge for
 * being one; the consent answer is the speaker's alone (no matrix role is a speaker).
 */
export const classroomMatrix: MatrixEntry[] = [
  {
    route: 'GET /api/classroom/entries/:id/proposal',
    request: async (s, side, n) => ({
      method: 'GET',
      url: `/api/classroom/entries/${await entryWithVideo(s, side, n)}/proposal`,
    }),
    expect: managers,
  },
  {
    route: 'POST /api/classroom/lectures',
    request: async (s, side, n) => ({
      method: 'POST',
      url: '/api/classroom/lectures',
      payload: {
        entryId: await entryWithVideo(s, side, n),
        orgId: s.side[side].unit.id,
        title: `微课${n}`,
        visibility: 'internal',
      },
    }),
    expect: managers,
  },
  {
    route: 'GET /api/classroom/manage/lectures',
    request: () => ({ method: 'GET', url: '/api/classroom/manage/lectures' }),
    expect: only({ organiser: ['ok', 'ok'], unit_admin: ['ok', 'ok'], platform_admin: ['ok', 'ok'] }),
  },
  {
    route: 'GET /api/classroom/lectures/:id',
    request: async (s, side) => ({
      method: 'GET',
      url: `/api/classroom/lectures/${(await lectureOn(s, side)).id}`,
    }),
    expect: readers,
  },
  {
    route: 'PATCH /api/classroom/lectures/:id',
    request: async (s, side, n) => ({
      method: 'PATCH',
      url: `/api/classroom/lectures/${(await lectureOn(s, side)).id}`,
      payload: { title: `改名${n}` },
    }),
    expect: managers,
  },
  {
    route: 'POST /api/classroom/lectures/:id/consent',
    request: async (s, side) => ({
      method: 'POST',
      url: `/api/classroom/lectures/${(await lectureOn(s, side, 'awaiting_consent')).id}/consent`,
      payload: { agree: true },
    }),
    expect: rows.nobody,
  },
  {
    route: 'POST /api/classroom/lectures/:id/consent-on-behalf',
    request: async (s, side) => ({
      method: 'POST',
      url: `/api/classroom/lectures/${(await lectureOn(s, side, 'awaiting_consent')).id}/consent-on-behalf`,
      payload: { agree: true, note: '书面授权书已存档' },
    }),
    expect: managers,
  },
  {
    route: 'POST /api/classroom/lectures/:id/publish',
    request: async (s, side) => ({
      method: 'POST',
      url: `/api/classroom/lectures/${(await lectureOn(s, side, 'consented')).id}/publish`,
    }),
    expect: managers,
  },
  {
    route: 'POST /api/classroom/lectures/:id/unpublish',
    request: async (s, side) => ({
      method: 'POST',
      url: `/api/classroom/lectures/${(await lectureOn(s, side)).id}/unpublish`,
      payload: { reason: '内容需要更新' },
    }),
    expect: managers,
  },
  {
    route: 'POST /api/classroom/lectures/:id/republish',
    request: async (s, side) => ({
      method: 'POST',
      url: `/api/classroom/lectures/${(await lectureOn(s, side, 'unpublished')).id}/republish`,
    }),
    expect: managers,
  },
  {
    route: 'GET /api/classroom/lectures/:id/files/:kind',
    request: async (s, side) => ({
      method: 'GET',
      url: `/api/classroom/lectures/${(await lectureOn(s, side)).id}/files/manuscript`,
    }),
    expect: readers,
  },
  {
    route: 'GET /api/classroom/lectures/:id/files/:kind/preview',
    request: async (s, side) => ({
      method: 'GET',
      url: `/api/classroom/lectures/${(await lectureOn(s, side)).id}/files/manuscript/preview`,
    }),
    expect: readers,
  },
];
