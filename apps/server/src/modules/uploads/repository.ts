import { sql, type Kysely } from 'kysely';
import type { DB, UploadSession } from '../../db/types.ts';

export async function insertSession(
  db: Kysely<DB>,
  row: {
    id: string;
    userId: string;
    purpose: string;
    meta: Record<string, string>;
    size: number;
    expiresAt: Date;
  },
) {
  await db
    .insertInto('upload_sessions')
    .values({
      id: row.id,
      user_id: row.userId,
      purpose: row.purpose,
      meta: JSON.stringify(row.meta),
      size_bytes: row.size,
      expires_at: row.expiresAt,
    })
    .execute();
}

export function findSession(db: Kysely<DB>, id: string): Promise<UploadSession | undefined> {
  return db.selectFrom('upload_sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** uploading → finishing, once: a second final request for the same upload finds nothing to claim. */
export async function claimForFinish(db: Kysely<DB>, id: string): Promise<boolean> {
  const row = await db
    .updateTable('upload_sessions')
    .set({ status: 'finishing' })
    .where('id', '=', id)
    .where('status', '=', 'uploading')
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function setStatus(db: Kysely<DB>, id: string, status: 'uploading' | 'finishing') {
  await db.updateTable('upload_sessions').set({ status }).where('id', '=', id).execute();
}

export async function markComplete(db: Kysely<DB>, id: string, fileId: string, result: unknown) {
  await db
    .updateTable('upload_sessions')
    .set({ status: 'complete', file_id: fileId, result: JSON.stringify(result ?? null) })
    .where('id', '=', id)
    .execute();
}

export async function deleteSession(db: Kysely<DB>, id: string) {
  await db.deleteFrom('upload_sessions').where('id', '=', id).execute();
}

/** Sessions past their expiry (incomplete ones lose their bytes; complete ones only their row). */
export function expiredSessions(db: Kysely<DB>, now: Date, limit = 500) {
  return db
    .selectFrom('upload_sessions')
    .select(['id', 'status'])
    .where('expires_at', '<', now)
    .orderBy('expires_at')
    .limit(limit)
    .execute();
}

export async function existingIds(db: Kysely<DB>, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('upload_sessions').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

/** Lock rows left by a process that died holding them (long expired; see locker.ts). */
export async function deleteAbandonedLocks(db: Kysely<DB>) {
  await db
    .deleteFrom('upload_locks')
    .where('lock_until', '<', sql<Date>`now() - interval '1 hour'`)
    .execute();
}
