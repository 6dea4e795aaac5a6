import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { AppDeps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import type { JobHandler } from '../jobs/runner.ts';
import { findStoredFile } from '../media/assets-repository.ts';
import { blindDocument, blindPdf } from '../reviews/blind-files.ts';
import { localCopy } from '../uploads/stored-files.ts';
import {
  PREVIEW_FAILED,
  PREVIEWABLE,
  previewPath,
  publishPreview,
  setPreviewStatus,
} from './previews-service.ts';
import { convertToPdf } from './soffice.ts';

const payloadSchema = z.object({ fileId: z.string().regex(/^\d+$/) });

/**
 * 'document.preview' {fileId}: a PDF of an Office manuscript or courseware at
 * DATA_DIR/previews/<fileId>.pdf, published atomically. Judges in blind rounds read it, so no
 * author may survive: DOCX/PPTX properties are blanked before LibreOffice sees them (it copies
 * title and author into the PDF), and every PDF is blanked again (DOC/PPT cannot be blanked before).
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
        throw new AppError('NOT_FOUND', '要预览的文档已被删除或不是 Office 文档');
      await setPreviewStatus(db, fileId, 'processing', null, clock.now());
      const local = await localCopy(deps, file);
      const input = path.join(work, `document.${file.detected_type}`);
      try {
        await fsp.writeFile(input, await blindDocument(await fsp.readFile(local.path), file.detected_type));
      } finally {
        await local.cleanup();
      }
      const out = path.join(work, 'out');
      await fsp.mkdir(out);
      const pdf = await convertToPdf({
        input,
        outDir: out,
        workDir: work,
        signal: ctx.signal,
        timeoutMs: opts.timeoutMs,
      });
      const bytes = await fsp.readFile(pdf).catch(() => null);
      if (!bytes || !bytes.subarray(0, 5).equals(Buffer.from('%PDF-')))
        throw new Error('soffice wrote no PDF');
      const target = previewPath(deps.config, fileId);
      await fsp.mkdir(path.dirname(target), { recursive: true });
      const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await fsp.writeFile(tmp, blindPdf(bytes));
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
