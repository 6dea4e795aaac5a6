import type { Insertable } from 'kysely';
import type { LectureFileKind } from '@jiangtai/contracts';
import type { LectureRecordFilesTable } from '../../db/types.ts';
import type { Db } from './repository.ts';

/** lecture_record_files with their stored files (SQL only). */
function selectFiles(db: Db) {
  return db
    .selectFrom('lecture_record_files as f')
    .innerJoin('stored_files as s', 's.id', 'f.file_id')
    .leftJoin('stored_files as t', 't.id', 'f.thumb_file_id')
    .select([
      'f.id',
      'f.record_id',
      'f.org_id',
      'f.kind',
      'f.width',
      'f.height',
      'f.uploaded_by',
      'f.removed_at',
      's.id as file_id',
      's.original_name',
      's.size_bytes',
      's.mime',
      's.storage',
      's.storage_key',
      't.id as thumb_id',
      't.mime as thumb_mime',
      't.size_bytes as thumb_size_bytes',
      't.storage as thumb_storage',
      't.storage_key as thumb_storage_key',
    ]);
}
export type FileRow = Awaited<ReturnType<typeof findFile>> & object;

export function findFile(db: Db, id: string) {
  return selectFiles(db).where('f.id', '=', id).executeTakeFirst();
}

export function findFiles(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return selectFiles(db).where('f.id', 'in', ids).execute();
}

/** The files on a record now (not taken off), photos first, in upload order. */
export function listRecordFiles(db: Db, recordId: string) {
  return selectFiles(db)
    .where('f.record_id', '=', recordId)
    .where('f.removed_at', 'is', null)
    .orderBy('f.id')
    .execute();
}

export async function insertFile(
  db: Db,
  f: {
    orgId: string;
    kind: LectureFileKind;
    fileId: string;
    thumbFileId: string | null;
    width: number | null;
    height: number | null;
    uploadedBy: string;
    now: Date;
  },
) {
  const row = await db
    .insertInto('lecture_record_files')
    .values({
      org_id: f.orgId,
      kind: f.kind,
      file_id: f.fileId,
      thumb_file_id: f.thumbFileId,
      width: f.width,
      height: f.height,
      uploaded_by: f.uploadedBy,
      created_at: f.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Attaches the pending files in `ids` to the record; the record's files not in `ids` are taken off. */
export async function setRecordFiles(db: Db, recordId: string, ids: string[], now: Date) {
  let off = db
    .updateTable('lecture_record_files')
    .set({ removed_at: now })
    .where('record_id', '=', recordId)
    .where('removed_at', 'is', null);
  if (ids.length) off = off.where('id', 'not in', ids);
  await off.execute();
  if (ids.length)
    await db
      .updateTable('lecture_record_files')
      .set({ record_id: recordId })
      .where('id', 'in', ids)
      .where('record_id', 'is', null)
      .execute();
}

/** Pending files (never attached to a record) uploaded before `before`, oldest first. */
export async function abandonedFileIds(db: Db, before: Date, limit: number) {
  const rows = await db
    .selectFrom('lecture_record_files')
    .select('id')
    .where('record_id', 'is', null)
    .where('created_at', '<', before)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Deletes one pending file row if it is still pending and old (a save may have attached it meanwhile). */
export function deleteAbandonedFile(db: Db, id: string, before: Date) {
  return db
    .deleteFrom('lecture_record_files')
    .where('id', '=', id)
    .where('record_id', 'is', null)
    .where('created_at', '<', before)
    .returning(['file_id', 'thumb_file_id'])
    .executeTakeFirst();
}

/** Files already attached to their records, in one insert (a trusted seed: the demo city's season). */
export async function insertFilesBulk(db: Db, rows: Insertable<LectureRecordFilesTable>[]) {
  if (rows.length === 0) return;
  await db.insertInto('lecture_record_files').values(rows).execute();
}
