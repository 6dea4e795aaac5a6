import path from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import type { DB, MediaAssetStatus } from '../../db/types.ts';
import type { Config } from '../../config.ts';
import { enqueueJob } from '../jobs/queue.ts';
import { findAssetWithJob, upsertAsset } from './assets-repository.ts';
import type { Rendition } from './transcode-plan.ts';

export const MEDIA_TRANSCODE = 'media.transcode';

/** Where a stored file's HLS output lives once published. */
export function mediaDir(config: Config, fileId: string) {
  return path.join(config.dataDir, 'media', fileId);
}

/**
 * Queues the transcode of an uploaded video and (re)sets its media_assets row to pending. Pass the
 * transaction that records the upload, so the job exists exactly when the upload does; a plain
 * database handle gets a transaction of its own. `orgPath` decides who may follow and retry the job
 * (the entry's unit); `now` is the injected clock's time.
 */
export async function enqueueTranscode(
  db: Kysely<DB> | Transaction<DB>,
  input: { fileId: string; orgPath: string | null; now: Date },
): Promise<{ jobId: string }> {
  const run = async (tx: Kysely<DB> | Transaction<DB>) => {
    const jobId = await enqueueJob(tx, {
      type: MEDIA_TRANSCODE,
      payload: { fileId: input.fileId },
      orgPath: input.orgPath,
      now: input.now,
    });
    await upsertAsset(tx, input.fileId, { status: 'pending', jobId }, input.now);
    return { jobId };
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

const STATUS_LABELS: Record<MediaAssetStatus, string> = {
  pending: '等待处理',
  processing: '正在转码',
  ready: '可以播放',
  failed: '处理失败',
};

/**
 * The status a user should see. The job is the truth while it is not finished: a runner that died
 * mid-transcode leaves the asset row at "processing", but its job is queued again (or failed).
 */
export async function presentAsset(db: Kysely<DB>, fileId: string) {
  const a = await findAssetWithJob(db, fileId);
  if (!a) return null;
  let status: MediaAssetStatus = a.status;
  if (a.status !== 'ready' && a.job_status) {
    status =
      a.job_status === 'failed'
        ? 'failed'
        : a.job_status === 'running'
          ? 'processing'
          : a.job_status === 'queued'
            ? 'pending'
            : a.status;
  }
  const base = `/api/media/${fileId}`;
  const renditions = status === 'ready' ? (a.renditions as Rendition[]) : [];
  const error =
    status === 'failed'
      ? (a.job_error ?? a.error ?? '视频处理失败')
      : status === 'pending' && a.job_error && (a.job_attempts ?? 0) > 0
        ? `上次处理失败，系统将自动重试：${a.job_error}`
        : null;
  return {
    fileId,
    status,
    statusLabel: STATUS_LABELS[status],
    mode: status === 'ready' ? a.mode : null,
    /** 0–100 while processing. */
    progress: status === 'ready' ? 100 : (a.job_progress ?? 0),
    jobId: a.job_id,
    error,
    durationSeconds: status === 'ready' ? a.duration_seconds : null,
    masterUrl: status === 'ready' ? `${base}/hls/master.m3u8` : null,
    posterUrl: status === 'ready' && a.poster ? `${base}/poster.jpg` : null,
    renditions: renditions.map((r) => ({
      name: r.name,
      width: r.width,
      height: r.height,
      bandwidth: r.bandwidth,
      url: `${base}/hls/${r.playlist}`,
    })),
  };
}

export type MediaAssetView = NonNullable<Awaited<ReturnType<typeof presentAsset>>>;
