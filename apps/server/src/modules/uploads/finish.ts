import { uploadBytes } from '../../lib/metrics.ts';
import type { Upload } from '@tus/utils';
import type { StoredFile, UploadSession } from '../../db/types.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import { detectFileType } from './detect.ts';
import { acceptedLabel } from './labels.ts';
import { PROBLEM_TYPE, problemBody } from './problem.ts';
import type { UploadPurpose } from './purpose.ts';
import * as repo from './repository.ts';
import {
  deleteStoredBytes,
  deleteStoredFile,
  localFilePath,
  newStorageKey,
  openStoredFile,
} from './stored-files.ts';
import type { UploadStore } from './store.ts';

export interface FinishResponse {
  status_code: number;
  headers: Record<string, string>;
  body: string;
}

const problem = (error: AppError): FinishResponse => ({
  status_code: error.status,
  headers: { 'Content-Type': PROBLEM_TYPE },
  body: problemBody(error),
});

export const completedResponse = (result: unknown): FinishResponse => ({
  status_code: 200,
  headers: { 'Content-Type': 'application/json; charset=utf-8' },
  body: JSON.stringify(result ?? null),
});

/** The name the user gave the file (metadata `filename`), kept for downloads only. */
export const originalName = (meta: Record<string, string>) =>
  (meta.filename ?? meta.name ?? '').trim().slice(0, 255);

/**
 * The last bytes have arrived: detect the type from the content, hash, move into place, record the
 * stored file and let the purpose attach it. Refusals come back as a problem+json response on the
 * final PATCH and leave nothing behind; the answer is recorded so a retried final request gets it again.
 */
export async function finishUpload(
  deps: AppDeps,
  store: UploadStore,
  purpose: UploadPurpose,
  actor: Actor,
  session: UploadSession,
  upload: Upload,
): Promise<FinishResponse> {
  const { db } = deps;
  if (!(await repo.claimForFinish(db, session.id)))
    return problem(new AppError('CONFLICT', '文件已上传完毕，正在检查，请稍候刷新页面查看结果'));
  const meta = session.meta;
  const size = upload.size ?? Number(session.size_bytes);

  let sha256: string;
  let detected: Awaited<ReturnType<typeof detectFileType>>;
  try {
    const source = await store.open(session.id, size);
    try {
      detected = await detectFileType(source);
    } finally {
      await source.close?.();
    }
    const accepted = purpose.accepts(meta);
    if (!detected.type || !accepted.includes(detected.type)) {
      await store.discard(session.id);
      await repo.deleteSession(db, session.id);
      const name = originalName(meta);
      return problem(
        purpose.typeRefusal?.(detected) ??
          new AppError(
            'FILE_TYPE_MISMATCH',
            `文件类型不符：${name ? `「${name}」` : '该文件'}实际为${detected.label}，请上传${acceptedLabel(accepted)}`,
            { detectedType: detected.type, acceptedTypes: accepted },
          ),
      );
    }
    sha256 = await store.sha256(session.id, size);
  } catch (error) {
    // Nothing has moved yet: the client may retry the final request.
    await repo.setStatus(db, session.id, 'uploading');
    throw error;
  }

  const key = newStorageKey(deps.clock.now());
  let file: StoredFile | undefined;
  let published = false;
  try {
    await store.publish(session.id, key);
    published = true;
    file = await db
      .insertInto('stored_files')
      .values({
        detected_type: detected.type,
        mime: detected.mime,
        size_bytes: size,
        sha256,
        original_name: originalName(meta),
        storage: store.kind,
        storage_key: key,
        uploaded_by: actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const source = await openStoredFile(deps, file);
    let result: unknown;
    try {
      result = await purpose.onComplete({
        actor,
        file,
        meta,
        source,
        localPath: file.storage === 'local' ? localFilePath(deps, key) : null,
      });
    } finally {
      await source.close?.();
    }
    await repo.markComplete(db, session.id, file.id, result);
    uploadBytes.inc(size);
    return completedResponse(result);
  } catch (error) {
    // The bytes left the tus store: remove them and the row, so a refused file is not kept.
    if (file) await deleteStoredFile(deps, file).catch(() => undefined);
    else if (published)
      await deleteStoredBytes(deps, { storage: store.kind, storage_key: key }).catch(() => undefined);
    else await store.discard(session.id).catch(() => undefined);
    await repo.deleteSession(db, session.id);
    if (error instanceof AppError) return problem(error);
    throw error;
  }
}
