import type { MenuLectureChoice } from '@jiangtai/contracts';
import type { Actor } from '../../lib/actor.ts';
import { invalid } from '../../lib/errors.ts';
import { mayViewLecture, publishedVisibleTo, viewerPlaces, type ViewerPlaces } from '../classroom/policy.ts';
import type { Db } from './repository.ts';

/**
 * A menu item's recording in the online classroom (网上微课堂; classroom_lectures belongs to
 * modules/classroom, read here). The lectures an item may point at are the published ones the pool's
 * org sees — as a member of that org would (its path as the place) —, those given by one of the
 * item's speakers first. A menu reader sees the 观看视频 link only when they may view the lecture.
 */
export const poolPlace = (poolPath: string): ViewerPlaces => ({
  memberPath: poolPath,
  memberId: null,
  grantPaths: [],
});

const lectureColumns = [
  'l.id',
  'l.title',
  'l.speaker_name',
  'l.speaker_member_id',
  'l.state',
  'l.visibility',
  'l.org_path',
] as const;

/** The choices for an item of the pool whose speakers are `speakerIds` (member ids read from the pool). */
export async function lectureChoices(
  db: Db,
  poolPath: string,
  speakerIds: string[],
  q: string | undefined,
): Promise<MenuLectureChoice[]> {
  const members = speakerIds.length
    ? (
        await db
          .selectFrom('pool_speakers')
          .select('member_id')
          .where('id', 'in', speakerIds)
          .where('member_id', 'is not', null)
          .execute()
      ).map((r) => r.member_id!)
    : [];
  let query = db
    .selectFrom('classroom_lectures as l')
    .select(lectureColumns)
    .where(publishedVisibleTo(poolPlace(poolPath)));
  if (q) query = query.where((eb) => eb(eb.fn('strpos', ['l.title', eb.val(q)]), '>', 0));
  const rows = await query.orderBy('l.published_at', 'desc').limit(200).execute();
  const bySpeaker = (r: (typeof rows)[number]) =>
    !!r.speaker_member_id && members.includes(r.speaker_member_id);
  return rows
    .map((r) => ({ id: r.id, title: r.title, speakerName: r.speaker_name, bySpeaker: bySpeaker(r) }))
    .sort((a, b) => Number(b.bySpeaker) - Number(a.bySpeaker))
    .slice(0, 50);
}

/** 400 unless the lecture is one the pool's org sees published. */
export async function checkLectureChoice(db: Db, poolPath: string, lectureId: string) {
  const found = await db
    .selectFrom('classroom_lectures as l')
    .select('l.id')
    .where('l.id', '=', lectureId)
    .where(publishedVisibleTo(poolPlace(poolPath)))
    .executeTakeFirst();
  if (!found)
    throw invalid('所选微课不存在、未发布，或本师资库所属组织看不到', [
      { path: 'classroomLectureId', message: '请重新选择微课' },
    ]);
}

/** The items' lectures the actor may view, by id. */
export async function viewableLectures(db: Db, actor: Actor, ids: string[]) {
  const out = new Map<string, { id: string; title: string; url: string }>();
  if (ids.length === 0) return out;
  const [rows, places] = await Promise.all([
    db
      .selectFrom('classroom_lectures as l')
      .select(lectureColumns)
      .where('l.id', 'in', [...new Set(ids)])
      .execute(),
    viewerPlaces(db, actor),
  ]);
  for (const r of rows)
    if (mayViewLecture(actor, places, r))
      out.set(r.id, { id: r.id, title: r.title, url: `/classroom/lectures/${r.id}` });
  return out;
}
