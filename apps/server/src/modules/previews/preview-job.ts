import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { AppDeps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import type { JobHandler } from '../jobs/runner.ts';
import { findStoredFile } from '../media/assets-repository.ts';
import { localCopy } from '../uploads/stored-files.ts';
import {
  PREVIEW_FAILED,
  PREVIEWABLE,
  previewPath,
  publishPreview,
  setPreviewStatus,
} from './previews-service.ts';
import { renderPlatformPdf } from './render.ts';

const payloadSchema = z.object({ fileId: z.string().regex(/^\d+$/) });

/**
 * 'document.preview' {fileId}: the platform's own PDF of a manuscript or courseware (any Office
 * file, PDF or image) at DATA_DIR/previews/<fileId>.pdf, published atomically. It is the only form
 * in which a judge of a blind round gets the document, so it is made, not cleaned: see render.ts.
 * A failed attempt leaves the row "pending" while the queue will retry, "failed" after the last.
 */
export function previewJobHandler(deps: AppDeps, opts: { timeoutMs?: number } = {}): JobHandler {
  return async (job, ctx) => {
    const parsed = payloadSchema.safeParse(job.payload);
    if (!parsed.success) throw new AppError('BAD_REQUEST', '预览任务缺少文件编号，无法处理');
    const { fileId } = parsed.data;
    const { db, clock } = deps;
    const work = await fsp.mkdtemp(path.join(os.tmpdir(), 'preview-'));
    try {
      const file = await findStoredFile(db, fileId);
      if (!file || !PREVIEWABLE.has(file.detected_type))
        throw new AppError('NOT_FOUND', '要预览的文档已被删除或不是可转换的文档');
      await setPreviewStatus(db, fileId, 'processing', null, clock.now());
      const local = await localCopy(deps, file);
      let bytes: Buffer;
      try {
        // A neutral name: LibreOffice may use the file name as a title.
        const input = path.join(work, `document.${file.detected_type}`);
        await fsp.copyFile(local.path, input);
        bytes = await renderPlatformPdf({
          input,
          type: file.detected_type,
          workDir: work,
          signal: ctx.signal,
          timeoutMs: opts.timeoutMs,
        });
      } finally {
        await local.cleanup();
      }
      const target = previewPath(deps.config, fileId);
      await fsp.mkdir(path.dirname(target), { recursive: true });
      const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await fsp.writeFile(tmp, bytes);
        await fsp.rename(tmp, target);
      } catch (err) {
        await fsp.rm(tmp, { force: true });
        throw err;
      }
      await publishPreview(deps.config, fileId);
      await setPreviewStatus(db, fileId, 'ready', null, clock.now());
      return { bytes: bytes.length };
    } catch (err) {
      if (ctx.signal.aborted) throw err;
      const last = job.attempt >= job.maxAttempts;
      await setPreviewStatus(db, fileId, last ? 'failed' : 'pending', PREVIEW_FAILED, clock.now());
      // The job keeps the technical cause for admins; judges only see PREVIEW_FAILED.
      throw err instanceof AppError
        ? err
        : new AppError(
            'UNSUPPORTED_FILE',
            `${PREVIEW_FAILED}（${String((err as Error).message ?? err).slice(0, 300)}）`,
          );
    } finally {
      await fsp.rm(work, { recursive: true, force: true });
    }
  };
}
