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

export interface ReportRead {
  id: string;
  member_id: string;
  lecture_id: string;
  last_report_at: Date;
  reports: number;
  superseded_at: Date | null;
  duration_seconds: number;
  state: string;
  intervals: Interval[] | null;
  resume_seconds: number | null;
  completed_at: Date | null;
}

/**
 * Sessions with their lectures and the members' stored progress, read without a lock: saveReports
 * writes only if a session's report count is still the one read here (see there). Any number of
 * sessions in one statement: concurrent reports share it (see service.ts).
 */
export async function readForReports(db: Db, sessionIds: readonly string[]) {
  const { rows } = await sql<ReportRead>`
    SELECT s.id, s.member_id, s.lecture_id, s.last_report_at, s.reports, s.superseded_at,
           l.duration_seconds, l.state, p.intervals, p.resume_seconds, p.completed_at
      FROM learning_sessions s
      JOIN classroom_lectures l ON l.id = s.lecture_id
      LEFT JOIN learning_progress p ON p.member_id = s.member_id AND p.lecture_id = s.lecture_id
     WHERE s.id = ANY(${[...sessionIds]}::bigint[])`.execute(db);
  return rows;
}

export interface ReportWrite {
  sessionId: string;
  readReports: number;
  intervals: Interval[];
  watched: number;
  resume: number;
  completedAt: Date | null;
  now: Date;
}

/**
 * Stores credited reports, any number in one statement: a session moves on (its budget's start and
 * report count) only if it is still active and no other report of it was saved since it was read, and
 * its progress is written only through that row. So two reports of one session cannot spend the same
 * time budget twice or lose each other's intervals, and a superseded page writes nothing. The caller
 * puts at most one report per member in a statement (a row is written at most once per statement).
 * Answers the ids of the sessions saved; the others must read again.
 */
export async function saveReports(db: Db, writes: readonly ReportWrite[]): Promise<Set<string>> {
  const values = writes.map((r) => ({
    session_id: r.sessionId,
    read_reports: r.readReports,
    intervals: r.intervals,
    watched: r.watched,
    resume: r.resume,
    completed_at: r.completedAt?.toISOString() ?? null,
    at: r.now.toISOString(),
  }));
  const { rows } = await sql<{ id: string }>`
    WITH v AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb)
          AS v(session_id bigint, read_reports int, intervals jsonb, watched int, resume int,
               completed_at timestamptz, at timestamptz)
    ), s AS (
      UPDATE learning_sessions AS s SET last_report_at = v.at, reports = s.reports + 1
        FROM v
       WHERE s.id = v.session_id AND s.superseded_at IS NULL AND s.reports = v.read_reports
      RETURNING s.id, s.member_id, s.lecture_id, v.intervals, v.watched, v.resume, v.completed_at, v.at
    ), p AS (
      INSERT INTO learning_progress AS p
             (member_id, lecture_id, intervals, watched_seconds, resume_seconds, completed_at, updated_at)
      SELECT member_id, lecture_id, intervals, watched, resume, completed_at, at FROM s
      ON CONFLICT (member_id, lecture_id) DO UPDATE
         SET intervals = excluded.intervals, watched_seconds = excluded.watched_seconds,
             resume_seconds = excluded.resume_seconds,
             -- Once 已学完, always 已学完.
             completed_at = coalesce(p.completed_at, excluded.completed_at), updated_at = excluded.updated_at
      RETURNING 1
    )
    SELECT id::text AS id FROM s`.execute(db);
  return new Set(rows.map((r) => r.id));
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

/** Published lectures open to the whole subtree below `above` (public, or published by one of `above`). */
export function assignableLectures(db: Db, above: string[], q: string, limit: number) {
  let query = db
    .selectFrom('classroom_lectures')
    .select(['id', 'title', 'speaker_name', 'duration_seconds', 'visibility'])
    .where('state', '=', 'published')
    .where((eb) => eb.or([eb('visibility', '=', 'public'), eb('org_path', 'in', above)]));
  if (q) query = query.where('title', 'ilike', `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return query.orderBy('published_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}
