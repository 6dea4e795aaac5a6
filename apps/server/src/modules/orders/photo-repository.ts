import type { Db } from './repository.ts';

/** lecture_order_files: photos of a delivered order (SQL only; rules in photos.ts). */

export async function insertPhoto(
  db: Db,
  p: {
    orderId: string;
    fileId: string;
    thumbFileId: string;
    width: number;
    height: number;
    uploadedBy: string;
    now: Date;
  },
) {
  const row = await db
    .insertInto('lecture_order_files')
    .values({
      order_id: p.orderId,
      file_id: p.fileId,
      thumb_file_id: p.thumbFileId,
      width: p.width,
      height: p.height,
      uploaded_by: p.uploadedBy,
      created_at: p.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function findPhoto(db: Db, id: string) {
  return db.selectFrom('lecture_order_files').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Uploaded for the order and not yet attached or removed (waiting for the deliver step). */
export async function pendingCount(db: Db, orderId: string) {
  const row = await db
    .selectFrom('lecture_order_files')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('order_id', '=', orderId)
    .where('attached_at', 'is', null)
    .where('removed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The uploader's waiting photos of the order among `ids`. */
export function pendingOf(db: Db, orderId: string, uploadedBy: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('lecture_order_files')
    .select('id')
    .where('order_id', '=', orderId)
    .where('uploaded_by', '=', uploadedBy)
    .where('id', 'in', ids)
    .where('attached_at', 'is', null)
    .where('removed_at', 'is', null)
    .execute();
}

/** Attaches `ids` and marks every other waiting photo of the order removed. */
export async function attach(db: Db, orderId: string, ids: string[], now: Date) {
  if (ids.length)
    await db
      .updateTable('lecture_order_files')
      .set({ attached_at: now })
      .where('order_id', '=', orderId)
      .where('id', 'in', ids)
      .execute();
  await db
    .updateTable('lecture_order_files')
    .set({ removed_at: now })
    .where('order_id', '=', orderId)
    .where('attached_at', 'is', null)
    .where('removed_at', 'is', null)
    .execute();
}

export function attachedPhotos(db: Db, orderId: string) {
  return db
    .selectFrom('lecture_order_files')
    .select(['id', 'width', 'height'])
    .where('order_id', '=', orderId)
    .where('attached_at', 'is not', null)
    .where('removed_at', 'is', null)
    .orderBy('id')
    .execute();
}
