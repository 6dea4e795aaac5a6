import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, MediaAssetStatus } from '../../db/types.ts';
import type { Rendition } from './transcode-plan.ts';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * One asset per stored file: a new transcode job takes the row over (status back to pending, or
 * processing when its handler starts), creating it if the job was queued without one.
 */
export async function upsertAsset(
  db: Db,
  fileId: string,
  state: { status: 'pending' | 'processing'; jobId: string },
  now: Date,
) {
  await db
    .insertInto('media_assets')
    .values({
      file_id: fileId,
      job_id: state.jobId,
      status: state.status,
      renditions: '[]',
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc
        .column('file_id')
        .doUpdateSet({ job_id: state.jobId, status: state.status, error: null, updated_at: now }),
    )
    .execute();
}

export async function setAssetStatus(
  db: Db,
  fileId: string,
  change: { status: MediaAssetStatus; error?: string | null; jobId?: string },
  now: Date,
) {
  await db
    .updateTable('media_assets')
    .set({
      status: change.status,
      ...(change.error !== undefined ? { error: change.error } : {}),
      ...(change.jobId !== undefined ? { job_id: change.jobId } : {}),
      updated_at: now,
    })
    .where('file_id', '=', fileId)
    .execute();
}

export async function markAssetReady(
  db: Db,
  fileId: string,
  ready: {
    mode: 'remux' | 'ladder';
    renditions: Rendition[];
    poster: string | null;
    durationSeconds: number;
  },
  now: Date,
) {
  await db
    .updateTable('media_assets')
    .set({
      status: 'ready',
      mode: ready.mode,
      renditions: JSON.stringify(ready.renditions),
      poster: ready.poster,
      duration_seconds: ready.durationSeconds,
      error: null,
      updated_at: now,
    })
    .where('file_id', '=', fileId)
    .execute();
}

/**
 * The asset with its job's state (the job says how far processing is, and whether it gave up). A
 * job queued without an asset row yet (its handler creates the row) is shown as a pending asset.
 */
export async function findAssetWithJob(db: Db, fileId: string) {
  const row = await db
    .selectFrom('media_assets as a')
    .leftJoin('jobs as j', 'j.id', 'a.job_id')
    .selectAll('a')
    .select([
      'j.status as job_status',
      'j.progress as job_progress',
      'j.attempts as job_attempts',
      'j.max_attempts as job_max_attempts',
      'j.last_error as job_error',
    ])
    .where('a.file_id', '=', fileId)
    .executeTakeFirst();
  if (row) return row;
  const job = await findLatestTranscodeJob(db, fileId);
  if (!job) return undefined;
  return {
    id: '',
    file_id: fileId,
    status: 'pending' as const,
    mode: null,
    renditions: [] as unknown,
    poster: null,
    duration_seconds: null,
    job_id: job.id,
    error: null,
    created_at: new Date(0),
    updated_at: new Date(0),
    job_status: job.status,
    job_progress: job.progress,
    job_attempts: job.attempts,
    job_max_attempts: job.max_attempts,
    job_error: job.last_error,
  };
}

export function findStoredFile(db: Db, fileId: string) {
  return db.selectFrom('stored_files').selectAll().where('id', '=', fileId).executeTakeFirst();
}

/** The newest transcode job for a file: a job queued without its asset row still shows progress. */
export function findLatestTranscodeJob(db: Db, fileId: string) {
  return db
    .selectFrom('jobs')
    .select(['id', 'status', 'progress', 'attempts', 'max_attempts', 'last_error'])
    .where('type', '=', 'media.transcode')
    .where(sql<string>`payload->>'fileId'`, '=', fileId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}
