import fs from 'node:fs';
import path from 'node:path';
import { buildPresetSettings } from '../campaigns/presets.ts';
import { insertCampaign } from '../campaigns/repository.ts';
import { localFilePath } from '../uploads/stored-files.ts';
import { only, rows, type MatrixEntry, type Scene, type Side } from '../../test/authz-scene.ts';
import { insertFile } from './files-repository.ts';
import { insertRecord } from './repository.ts';

/** Admins over the branch (unit A's), inside their subtree only. */
const admins = only({ platform_admin: ['ok', 'deny'], unit_admin: ['ok', 'deny'] });
/** Whoever sees a record: admins over its branch, and the campaign's organisers and supervisors. */
const readers = only({
  platform_admin: ['ok', 'deny'],
  unit_admin: ['ok', 'deny'],
  organiser: ['ok', 'deny'],
  supervisor: ['ok', 'deny'],
});

const campaigns = new WeakMap<Scene, Map<Side, Promise<string>>>();
/** A published campaign organised by the side's unit, running from March (the clock is 1 July). */
function campaignOf(s: Scene, side: Side) {
  const ofScene = campaigns.get(s) ?? new Map<Side, Promise<string>>();
  campaigns.set(s, ofScene);
  let id = ofScene.get(side);
  if (!id) {
    const unit = s.side[side].unit;
    id = insertCampaign(s.t.db, {
      settings: {
        ...buildPresetSettings('yueyang', { year: 2026 }),
        startsOn: '2026-03-01',
        endsOn: '2026-12-31',
      },
      organiserOrgId: unit.id,
      organiserOrgPath: unit.path,
      status: 'published',
      presetKey: 'yueyang',
      copiedFromId: null,
      createdBy: null,
      now: s.t.clock.now(),
    });
    ofScene.set(side, id);
  }
  return id;
}

const fields = (memberId: string, n: number) => ({
  heldOn: '2026-06-20',
  occasion: 'theme_day',
  topic: `矩阵宣讲${n}`,
  categoryKey: 'theory',
  speaker: { kind: 'member', memberId },
  attendance: 1,
});

/** A fresh record of the side's branch (with a new member as speaker), in the given state. */
async function recordOn(s: Scene, side: Side, n: number, status: 'recorded' | 'confirmed' = 'recorded') {
  const branch = s.side[side].branch;
  const member = await s.t.factories.member(branch, { name: `矩阵宣讲人${n}` });
  const by = s.userIn[side].id;
  const id = await insertRecord(s.t.db, {
    campaign_id: await campaignOf(s, side),
    org_id: branch.id,
    org_path: branch.path,
    held_on: '2026-06-20',
    occasion: 'theme_day',
    topic: `矩阵宣讲${n}`,
    category_key: 'theory',
    speaker_member_id: member.id,
    attendance: 1,
    status,
    created_by: by,
  });
  return { id, member, branch };
}

/** A record with one file on it (the bytes on disk, so the download really streams). */
async function fileOn(s: Scene, side: Side, n: number) {
  const { id, branch } = await recordOn(s, side, n);
  const key = `matrix/lecture-${n}.pdf`;
  const target = localFilePath(s.t.deps, key);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, '%PDF-1.4\n%%EOF\n');
  const stored = await s.t.db
    .insertInto('stored_files')
    .values({
      detected_type: 'pdf',
      mime: 'application/pdf',
      size_bytes: 15,
      sha256: '0'.repeat(64),
      original_name: '讲稿.pdf',
      storage: 'local',
      storage_key: key,
      uploaded_by: s.userIn[side].id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const fileId = await insertFile(s.t.db, {
    orgId: branch.id,
    kind: 'manuscript',
    fileId: stored.id,
    thumbFileId: null,
    width: null,
    height: null,
    uploadedBy: s.userIn[side].id,
    now: s.t.clock.now(),
  });
  await s.t.db.updateTable('lecture_record_files').set({ record_id: id }).where('id', '=', fileId).execute();
  return fileId;
}

export const lecturesMatrix: MatrixEntry[] = [
  {
    route: 'GET /api/lectures/branches',
    request: () => ({ method: 'GET', url: '/api/lectures/branches' }),
    expect: rows.everyone,
  },
  {
    route: 'GET /api/lectures/branches/:orgId/form',
    request: (s, side) => ({ method: 'GET', url: `/api/lectures/branches/${s.side[side].branch.id}/form` }),
    expect: admins,
  },
  {
    route: 'POST /api/lectures/records',
    request: async (s, side, n) => {
      const member = await s.t.factories.member(s.side[side].branch, { name: `矩阵新宣讲人${n}` });
      return {
        method: 'POST',
        url: '/api/lectures/records',
        payload: {
          ...fields(member.id, n),
          campaignId: await campaignOf(s, side),
          orgId: s.side[side].branch.id,
          clientKey: `matrix-${n}-${Date.now()}`,
        },
      };
    },
    expect: admins,
  },
  {
    route: 'GET /api/lectures/records',
    request: () => ({ method: 'GET', url: '/api/lectures/records?status=recorded' }),
    expect: rows.everyone,
  },
  {
    // Narrowed to an org's subtree (the dashboard's 宣讲开展): only an org the list shows the actor.
    route: 'GET /api/lectures/records',
    request: (s, side) => ({
      method: 'GET',
      url: `/api/lectures/records?status=counted&underOrgId=${s.side[side].unit.id}`,
    }),
    expect: readers,
  },
  {
    route: 'GET /api/lectures/mine',
    request: () => ({ method: 'GET', url: '/api/lectures/mine' }),
    expect: rows.everyone,
  },
  {
    route: 'GET /api/lectures/records/:id',
    request: async (s, side, n) => ({
      method: 'GET',
      url: `/api/lectures/records/${(await recordOn(s, side, n)).id}`,
    }),
    expect: readers,
  },
  {
    route: 'PATCH /api/lectures/records/:id',
    request: async (s, side, n) => {
      const r = await recordOn(s, side, n);
      return { method: 'PATCH', url: `/api/lectures/records/${r.id}`, payload: fields(r.member.id, n) };
    },
    expect: admins,
  },
  {
    route: 'POST /api/lectures/records/:id/confirm',
    request: async (s, side, n) => ({
      method: 'POST',
      url: `/api/lectures/records/${(await recordOn(s, side, n)).id}/confirm`,
    }),
    expect: admins,
  },
  {
    route: 'POST /api/lectures/records/:id/return',
    request: async (s, side, n) => ({
      method: 'POST',
      url: `/api/lectures/records/${(await recordOn(s, side, n)).id}/return`,
      payload: { reason: '请补充照片' },
    }),
    expect: admins,
  },
  {
    route: 'POST /api/lectures/records/:id/corrections',
    request: async (s, side, n) => {
      const r = await recordOn(s, side, n, 'confirmed');
      return {
        method: 'POST',
        url: `/api/lectures/records/${r.id}/corrections`,
        payload: { ...fields(r.member.id, n), topic: `更正后${n}`, reason: '主题写错' },
      };
    },
    expect: admins,
  },
  {
    route: 'POST /api/lectures/records/:id/delete',
    request: async (s, side, n) => ({
      method: 'POST',
      url: `/api/lectures/records/${(await recordOn(s, side, n)).id}/delete`,
      payload: { reason: '重复登记' },
    }),
    expect: admins,
  },
  {
    route: 'GET /api/lectures/files/:id',
    request: async (s, side, n) => ({
      method: 'GET',
      url: `/api/lectures/files/${await fileOn(s, side, n)}`,
    }),
    expect: readers,
  },
];
