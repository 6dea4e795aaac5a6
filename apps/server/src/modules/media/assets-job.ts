import { z } from 'zod';
import type { StoredFile } from '../../db/types.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import type { JobHandler } from '../jobs/runner.ts';
import { localCopy } from '../uploads/stored-files.ts';
import { findStoredFile, markAssetReady, setAssetStatus, upsertAsset } from './assets-repository.ts';
import { mediaDir } from './assets-service.ts';
import { publishMediaOutputs } from './output-store.ts';
import { removeStaleTemp, transcodeToHls } from './transcode.ts';
import { probeForTranscode } from './transcode-probe.ts';

const payloadSchema = z.object({ fileId: z.string().regex(/^\d+$/) });

/** A local path to the stored file's bytes (ffmpeg needs one), and how to clean up after. */
export type LocalFileResolver = (
  deps: AppDeps,
  file: StoredFile,
) => Promise<{ path: string; cleanup(): Promise<void> }>;

/**
 * 'media.transcode' {fileId}: fetch the stored video (S3: a temporary local copy), probe it, make HLS into DATA_DIR/media/<fileId>/ (published
 * atomically; copied to the bucket with S3 storage) and record the result on its media_assets row. A failed attempt leaves the row
 * "pending" while the queue will retry, "failed" after the last attempt.
 */
export function transcodeJobHandler(
  deps: AppDeps,
  opts: { resolveFile?: LocalFileResolver } = {},
): JobHandler {
  const resolveFile = opts.resolveFile ?? localCopy;
  return async (job, ctx) => {
    const parsed = payloadSchema.safeParse(job.payload);
    if (!parsed.success) throw new AppError('BAD_REQUEST', '转码任务缺少文件编号，无法处理');
    const { fileId } = parsed.data;
    const { db, clock } = deps;
    try {
      const file = await findStoredFile(db, fileId);
      if (!file) throw new AppError('NOT_FOUND', '要转码的视频文件已被删除，无法处理');
      await upsertAsset(db, fileId, { status: 'processing', jobId: job.id }, clock.now());
      const local = await resolveFile(deps, file);
      try {
        const info = await probeForTranscode(local.path);
        const outDir = mediaDir(deps.config, fileId);
        await removeStaleTemp(outDir); // left by an attempt whose process was killed
        const result = await transcodeToHls({
          input: local.path,
          outDir,
          info,
          signal: ctx.signal,
          onProgress: (pct) => void ctx.progress(pct).catch(() => {}),
        });
        // With S3 the outputs go to the bucket, where every instance serves them from.
        await publishMediaOutputs(deps.config, fileId);
        await markAssetReady(
          db,
          fileId,
          {
            mode: result.mode,
            renditions: result.renditions,
            poster: result.poster,
            durationSeconds: info.durationSeconds,
          },
          clock.now(),
        );
        return { mode: result.mode, renditions: result.renditions.map((r) => r.name) };
      } finally {
        await local.cleanup();
      }
    } catch (err) {
      if (!ctx.signal.aborted) {
        const last = job.attempt >= job.maxAttempts;
        const message = err instanceof AppError ? err.message : '视频处理出错';
        await setAssetStatus(
          db,
          fileId,
          { status: last ? 'failed' : 'pending', error: message },
          clock.now(),
        );
      }
      throw err;
    }
  };
}
