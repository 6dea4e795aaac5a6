import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, Job } from '../../db/types.ts';
import { pathCopy } from '../../db/path-copies.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface NewJob {
  type: string;
  payload: unknown;
  orgPath: string | null;
  maxAttempts?: number;
  runAt: Date;
}

export async function insertJob(db: Db, job: NewJob & { now: Date }): Promise<string> {
  const row = await db
    .insertInto('jobs')
    .values({
      type: job.type,
      payload: JSON.stringify(job.payload ?? null),
      org_path: job.orgPath,
      ...(job.maxAttempts !== undefined ? { max_attempts: job.maxAttempts } : {}),
      run_at: job.runAt,
      created_at: job.now,
      updated_at: job.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function findJob(db: Db, id: string) {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Takes the next due job, or one whose runner stopped renewing its lease (crashed), and leases it to
 * `worker`. FOR UPDATE SKIP LOCKED makes concurrent claimers pass over a row another one is taking,
 * so a job is never handed to two runners; the same statement works on PGlite and PostgreSQL.
 */
export async function claimNextJob(
  db: Db,
  opts: { worker: string; now: Date; leaseUntil: Date; types: string[] },
): Promise<Job | undefined> {
  if (opts.types.length === 0) return undefined;
  const result = await sql<Job>`
    UPDATE jobs
       SET status = 'running', attempts = attempts + 1, locked_by = ${opts.worker},
           lease_until = ${opts.leaseUntil}, updated_at = ${opts.now}
     WHERE id = (
       SELECT id FROM jobs
        WHERE type IN (${sql.join(opts.types)})
          AND ((status = 'queued' AND run_at <= ${opts.now})
               OR (status = 'running' AND lease_until < ${opts.now}))
        ORDER BY run_at, id
        FOR UPDATE SKIP LOCKED
        LIMIT 1)
    RETURNING *`.execute(db);
  return result.rows[0];
}

/** Extends the lease; false when the job is no longer ours (its lease ran out and another runner took it). */
export async function renewLease(db: Db, id: string, worker: string, leaseUntil: Date, now: Date) {
  const r = await db
    .updateTable('jobs')
    .set({ lease_until: leaseUntil, updated_at: now })
    .where('id', '=', id)
    .where('locked_by', '=', worker)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function setProgress(db: Db, id: string, worker: string, progress: number, now: Date) {
  await db
    .updateTable('jobs')
    .set({ progress, updated_at: now })
    .where('id', '=', id)
    .where('locked_by', '=', worker)
    .where('status', '=', 'running')
    .execute();
}

export async function markSucceeded(db: Db, id: string, worker: string, result: unknown, now: Date) {
  const r = await db
    .updateTable('jobs')
    .set({
      status: 'succeeded',
      progress: 100,
      result: JSON.stringify(result ?? null),
      last_error: null,
      locked_by: null,
      lease_until: null,
      updated_at: now,
      finished_at: now,
    })
    .where('id', '=', id)
    .where('locked_by', '=', worker)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** A failed attempt: back to the queue at `retryAt`, or `failed` for good when retryAt is null. */
export async function markAttemptFailed(
  db: Db,
  id: string,
  worker: string,
  error: string,
  retryAt: Date | null,
  now: Date,
) {
  await db
    .updateTable('jobs')
    .set({
      status: retryAt ? 'queued' : 'failed',
      run_at: retryAt ?? sql<Date>`run_at`,
      last_error: error,
      locked_by: null,
      lease_until: null,
      updated_at: now,
      finished_at: retryAt ? null : now,
    })
    .where('id', '=', id)
    .where('locked_by', '=', worker)
    .where('status', '=', 'running')
    .execute();
}

/** Hands a job back untouched (the runner is shutting down): the attempt does not count. */
export async function releaseJob(db: Db, id: string, worker: string, now: Date) {
  await db
    .updateTable('jobs')
    .set({
      status: 'queued',
      attempts: sql<number>`greatest(attempts - 1, 0)`,
      run_at: now,
      locked_by: null,
      lease_until: null,
      updated_at: now,
    })
    .where('id', '=', id)
    .where('locked_by', '=', worker)
    .where('status', '=', 'running')
    .execute();
}

/** failed → queued with a fresh set of attempts; false when the job was not failed (any more). */
export async function requeueFailed(db: Db, id: string, now: Date) {
  const r = await db
    .updateTable('jobs')
    .set({
      status: 'queued',
      attempts: 0,
      progress: 0,
      run_at: now,
      finished_at: null,
      updated_at: now,
    })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** A job's org path decides who follows and retries it; it follows the org when it moves. */
export const jobPathCopies = [pathCopy('jobs', 'org_path')];
