import { sql, type Kysely, type Transaction } from 'kysely';
import { pathCopy } from '../../db/path-copies.ts';
import type { DB } from '../../db/types.ts';
import type { Interval } from './intervals.ts';

export type Db = Kysely<DB> | Transaction<DB>;

/** A study task's `org_path` follows its org when the tree is restructured. */
export const learningPathCopies = [pathCopy('learning_tasks', 'org_path')];

// ---------- SQL only below; rules live in the services, intervals.ts and policy.ts ----------

export function findLecture(db: Db, id: string) {
  return db
    .selectFrom('classroom_lectures')
    .select([
      'id',
      'title',
      'duration_seconds',
      'state',
      'visibility',
      'org_path',
      'speaker_member_id',
      'unpublish_reason',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findProgress(db: Db, memberId: string, lectureId: string) {
  return db
    .selectFrom('learning_progress')
    .select(['watched_seconds', 'resume_seconds', 'completed_at'])
    .where('member_id', '=', memberId)
    .where('lecture_id', '=', lectureId)
    .executeTakeFirst();
}

/** Supersedes the member's active sessions (any lecture) and opens a new one. */
export async function startSession(tx: Db, memberId: string, lectureId: string, now: Date) {
  await tx
    .updateTable('learning_sessions')
    .set({ superseded_at: now })
    .where('member_id', '=', memberId)
    .where('superseded_at', 'is', null)
    .execute();
  const row = await tx
    .insertInto('learning_sessions')
    .values({ member_id: memberId, lecture_id: lectureId, started_at: now, last_report_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * A session with its lecture and the member's stored progress, the session row locked, so two reports
 * of one session are applied one after the other and cannot spend the same time budget twice.
 */
export async function lockSessionForReport(tx: Db, sessionId: string) {
  const { rows } = await sql<{
    member_id: string;
    lecture_id: string;
    last_report_at: Date;
    superseded_at: Date | null;
    duration_seconds: number;
    state: string;
    intervals: Interval[] | null;
    resume_seconds: number | null;
    completed_at: Date | null;
  }>`
    SELECT s.member_id, s.lecture_id, s.last_report_at, s.superseded_at, l.duration_seconds, l.state,
           p.intervals, p.resume_seconds, p.completed_at
      FROM learning_sessions s
      JOIN classroom_lectures l ON l.id = s.lecture_id
      LEFT JOIN learning_progress p ON p.member_id = s.member_id AND p.lecture_id = s.lecture_id
     WHERE s.id = ${sessionId}
       FOR UPDATE OF s`.execute(tx);
  return rows[0];
}

export async function saveReport(
  tx: Db,
  r: {
    sessionId: string;
    memberId: string;
    lectureId: string;
    intervals: Interval[];
    watched: number;
    resume: number;
    completedAt: Date | null;
    now: Date;
  },
) {
  await tx
    .insertInto('learning_progress')
    .values({
      member_id: r.memberId,
      lecture_id: r.lectureId,
      intervals: JSON.stringify(r.intervals),
      watched_seconds: r.watched,
      resume_seconds: r.resume,
      completed_at: r.completedAt,
      updated_at: r.now,
    })
    .onConflict((oc) =>
      oc.columns(['member_id', 'lecture_id']).doUpdateSet({
        intervals: JSON.stringify(r.intervals),
        watched_seconds: r.watched,
        resume_seconds: r.resume,
        // Once 已学完, always 已学完.
        completed_at: sql`coalesce(learning_progress.completed_at, excluded.completed_at)`,
        updated_at: r.now,
      }),
    )
    .execute();
  await tx
    .updateTable('learning_sessions')
    .set({ last_report_at: r.now, reports: sql`reports + 1` })
    .where('id', '=', r.sessionId)
    .execute();
}

export function findOrg(db: Db, id: string) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'type', 'path', 'active'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function orgNames(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('orgs').select(['id', 'name', 'type']).where('id', 'in', ids).execute();
}

export function memberPath(db: Db, memberId: string) {
  return db
    .selectFrom('members')
    .select(['org_path'])
    .where('id', '=', memberId)
    .where('active', '=', true)
    .executeTakeFirst();
}

export function lecturesByIds(db: Db, ids: string[]) {
  return db
    .selectFrom('classroom_lectures')
    .select(['id', 'title', 'state', 'visibility', 'org_path'])
    .where('id', 'in', ids)
    .execute();
}
