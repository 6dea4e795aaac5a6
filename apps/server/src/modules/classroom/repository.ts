import type { Insertable, Kysely, Transaction, Updateable } from 'kysely';
import { pathCopy } from '../../db/path-copies.ts';
import type { ClassroomLectureState, DB } from '../../db/types.ts';
import { LIVE_STATES } from './state.ts';

/** A classroom lecture's `org_path` follows its publishing org when the tree is restructured. */
export const classroomPathCopies = [pathCopy('classroom_lectures', 'org_path')];

// ---------- SQL only below; rules live in the services and policy.ts ----------

export type Db = Kysely<DB> | Transaction<DB>;

function selectLectures(db: Db) {
  return db
    .selectFrom('classroom_lectures as l')
    .innerJoin('orgs as o', 'o.id', 'l.org_id')
    .leftJoin('users as cu', 'cu.id', 'l.consent_user_id')
    .selectAll('l')
    .select(['o.name as org_name', 'cu.display_name as consent_user_name']);
}

export type LectureRow = NonNullable<
  Awaited<ReturnType<ReturnType<typeof selectLectures>['executeTakeFirst']>>
>;

export async function findLecture(db: Db, id: string, opts: { forUpdate?: boolean } = {}) {
  let q = selectLectures(db).where('l.id', '=', id);
  if (opts.forUpdate) q = q.forUpdate('l');
  return q.executeTakeFirst();
}

export function findByShareCode(db: Db, code: string) {
  return selectLectures(db).where('l.share_code', '=', code).executeTakeFirst();
}

/** The entry's lecture that still stands (awaiting consent, consented or published), if any. */
export function liveLectureOfEntry(db: Db, entryId: string) {
  return db
    .selectFrom('classroom_lectures')
    .select(['id', 'state'])
    .where('source_entry_id', '=', entryId)
    .where('state', 'in', [...LIVE_STATES])
    .executeTakeFirst();
}

/** Lectures playing this stored video (for the media routes' file check). */
export function lecturesOfVideo(db: Db, fileId: string) {
  return db
    .selectFrom('classroom_lectures')
    .select(['id', 'state', 'visibility', 'org_path', 'speaker_member_id'])
    .where('video_file_id', '=', fileId)
    .execute();
}

export async function insertLecture(db: Db, row: Insertable<DB['classroom_lectures']>) {
  const { id } = await db
    .insertInto('classroom_lectures')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateLecture(db: Db, id: string, set: Updateable<DB['classroom_lectures']>) {
  await db.updateTable('classroom_lectures').set(set).where('id', '=', id).execute();
}

export async function insertEvent(
  db: Db,
  e: {
    lectureId: string;
    action: string;
    from: string | null;
    to: string;
    reason: string | null;
    actorUserId: string | null;
    actorName: string | null;
    at: Date;
  },
) {
  await db
    .insertInto('classroom_lecture_events')
    .values({
      lecture_id: e.lectureId,
      action: e.action,
      from_state: e.from,
      to_state: e.to,
      reason: e.reason,
      actor_user_id: e.actorUserId,
      actor_name: e.actorName,
      at: e.at,
    })
    .execute();
}

export function listEvents(db: Db, lectureId: string) {
  return db
    .selectFrom('classroom_lecture_events')
    .selectAll()
    .where('lecture_id', '=', lectureId)
    .orderBy('id', 'asc')
    .execute();
}

/** Every lecture published under one of the prefixes, in every state (微课堂管理). */
export function listManaged(db: Db, prefixes: string[], state?: ClassroomLectureState) {
  if (prefixes.length === 0) return Promise.resolve([]);
  let q = selectLectures(db).where((eb) => eb.or(prefixes.map((p) => eb('l.org_path', 'like', `${p}%`))));
  if (state) q = q.where('l.state', '=', state);
  return q.orderBy('l.proposed_at', 'desc').orderBy('l.id', 'desc').limit(500).execute();
}

/** The active accounts of a member (users.member_id): who answers a consent question in the app. */
export async function memberAccountIds(db: Db, memberId: string | null): Promise<string[]> {
  if (!memberId) return [];
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('member_id', '=', memberId)
    .where('active', '=', true)
    .execute();
  return rows.map((r) => r.id);
}

/** Which of these members have an active account (the managers' list says who answers). */
export async function membersWithAccounts(db: Db, memberIds: string[]): Promise<Set<string>> {
  if (memberIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('users')
    .select('member_id')
    .where('member_id', 'in', memberIds)
    .where('active', '=', true)
    .execute();
  return new Set(rows.map((r) => r.member_id!));
}

export function findOrg(db: Db, id: string) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'path', 'active'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function orgsByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'path'])
    .where('id', 'in', ids)
    .where('active', '=', true)
    .orderBy('depth')
    .orderBy('id')
    .execute();
}

/** A stored file's name and type (the lecture's manuscript and courseware). */
export function storedFile(db: Db, id: string) {
  return db
    .selectFrom('stored_files')
    .select(['id', 'original_name', 'detected_type', 'mime', 'size_bytes', 'storage', 'storage_key'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function mediaAsset(db: Db, fileId: string) {
  return db
    .selectFrom('media_assets')
    .select(['status', 'poster', 'duration_seconds'])
    .where('file_id', '=', fileId)
    .executeTakeFirst();
}
