import path from 'node:path';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, DocumentPreviewStatus } from '../../db/types.ts';
import type { Config } from '../../config.ts';
import { enqueueJob } from '../jobs/queue.ts';
import { derivedFile, publishDerivedFile, type ServedFile } from '../uploads/derived-files.ts';
import { RENDERABLE } from './render.ts';

export const DOCUMENT_PREVIEW = 'document.preview';

/** What a judge of an open round sees when a preview could not be made; the original stays downloadable. */
export const PREVIEW_FAILED = '文档转换失败，请下载原文件查看';

/**
 * A blind round hands out nothing but the platform's PDF: while it is being made, or when it could
 * not be, the judge reads one of these instead of ever getting the original.
 */
export const BLIND_PREVIEW_PENDING = '转换中，请稍后刷新';
export const BLIND_PREVIEW_FAILED = '转换失败，请联系组织者';

/** Types the platform renders into its own PDF (see render.ts): every document a judge may read. */
export const PREVIEWABLE = RENDERABLE;

type Db = Kysely<DB> | Transaction<DB>;

/** Where a stored file's preview PDF is written (and kept, with local storage). */
export function previewPath(config: Config, fileId: string) {
  return path.join(config.dataDir, 'previews', `${fileId}.pdf`);
}

const previewKey = (fileId: string) => `previews/${fileId}.pdf`;

/** The published preview PDF: in the bucket with S3 storage (any instance serves it), else on disk. */
export function previewFile(config: Config, fileId: string): ServedFile {
  return derivedFile(config, previewKey(fileId), previewPath(config, fileId));
}

/** After the job wrote previewPath: with S3 storage, moves the PDF into the bucket. */
export function publishPreview(config: Config, fileId: string): Promise<void> {
  return publishDerivedFile(config, previewPath(config, fileId), previewKey(fileId), 'application/pdf');
}

/**
 * Queues the platform PDF of a document unless it has one (in any state). The row's primary
 * key makes this idempotent: the judge page calls it on every view, the upload once per file.
 */
export async function ensurePreview(
  db: Db,
  input: { fileId: string; orgPath: string | null; now: Date },
): Promise<void> {
  const run = async (tx: Db) => {
    const inserted = await tx
      .insertInto('document_previews')
      .values({ file_id: input.fileId, status: 'pending', created_at: input.now, updated_at: input.now })
      .onConflict((oc) => oc.column('file_id').doNothing())
      .returning('file_id')
      .executeTakeFirst();
    if (!inserted) return;
    // Conversion failures are nearly always the file itself, so one retry (for a crashed runner) is enough.
    await enqueueJob(tx, {
      type: DOCUMENT_PREVIEW,
      payload: { fileId: input.fileId },
      orgPath: input.orgPath,
      maxAttempts: 2,
      now: input.now,
    });
  };
  await (db.isTransaction ? run(db) : db.transaction().execute(run));
}

export async function setPreviewStatus(
  db: Db,
  fileId: string,
  status: DocumentPreviewStatus,
  error: string | null,
  now: Date,
) {
  await db
    .updateTable('document_previews')
    .set({ status, error, updated_at: now })
    .where('file_id', '=', fileId)
    .execute();
}

/**
 * The preview's state as a judge should see it. The job is the truth once it gave up: a runner that
 * died mid-conversion leaves the row at "processing", and its job may have run out of attempts.
 */
export async function previewStatus(db: Db, fileId: string): Promise<DocumentPreviewStatus | null> {
  const row = await db
    .selectFrom('document_previews')
    .select('status')
    .where('file_id', '=', fileId)
    .executeTakeFirst();
  if (!row || row.status === 'ready' || row.status === 'failed') return row?.status ?? null;
  const job = await db
    .selectFrom('jobs')
    .select('status')
    .where('type', '=', DOCUMENT_PREVIEW)
    .where(sql<string>`payload->>'fileId'`, '=', fileId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return job?.status === 'failed' ? 'failed' : row.status;
}
