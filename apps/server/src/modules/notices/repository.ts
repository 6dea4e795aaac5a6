import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface NewNotice {
  userId: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  orgId: string | null;
  createdBy: string | null;
  now?: Date;
}

export async function insertNotices(db: Db, rows: NewNotice[]): Promise<number> {
  if (rows.length === 0) return 0;
  const out = await db
    .insertInto('user_notices')
    .values(
      rows.map((r) => ({
        user_id: r.userId,
        kind: r.kind,
        title: r.title,
        body: r.body,
        link: r.link,
        org_id: r.orgId,
        created_by: r.createdBy,
        ...(r.now ? { created_at: r.now } : {}),
      })),
    )
    .execute();
  return out.reduce((n, r) => n + Number(r.numInsertedOrUpdatedRows ?? 0), 0);
}

/** One account's notices, newest first. */
export function listNotices(db: Db, userId: string, page: { limit: number; offset: number }) {
  return db
    .selectFrom('user_notices as n')
    .leftJoin('users as u', 'u.id', 'n.created_by')
    .select([
      'n.id',
      'n.kind',
      'n.title',
      'n.body',
      'n.link',
      'n.created_at',
      'n.read_at',
      'u.display_name as sender_name',
    ])
    .where('n.user_id', '=', userId)
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countNotices(db: Db, userId: string) {
  const row = await db
    .selectFrom('user_notices')
    .select((eb) => [
      eb.fn.countAll<string>().as('total'),
      eb.fn.countAll<string>().filterWhere('read_at', 'is', null).as('unread'),
    ])
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), unread: Number(row.unread) };
}

export async function countUnread(db: Db, userId: string) {
  const row = await db
    .selectFrom('user_notices')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findNotice(db: Db, id: string) {
  return db
    .selectFrom('user_notices')
    .select(['id', 'user_id', 'read_at', 'link'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function markRead(db: Db, userId: string, now: Date, id?: string) {
  let q = db
    .updateTable('user_notices')
    .set({ read_at: now })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (id) q = q.where('id', '=', id);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}
