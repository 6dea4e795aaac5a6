import { sql, type Kysely, type Transaction } from 'kysely';
import type { Insertable, Updateable } from 'kysely';
import type { DB, LectureOrderState } from '../../db/types.ts';
import type { OrderListScope } from './policy.ts';

export type Db = Kysely<DB> | Transaction<DB>;

const likePrefix = (p: string) => `${p.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const escapeLike = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function findPool(db: Db, id: string) {
  return db
    .selectFrom('speaker_pools as p')
    .innerJoin('orgs as o', 'o.id', 'p.org_id')
    .select(['p.id', 'p.name', 'p.org_id', 'o.path as org_path', 'o.name as org_name'])
    .where('p.id', '=', id)
    .executeTakeFirst();
}

/** Pools whose org is an ancestor of one of `ownPaths`, or inside one of the managed subtrees. */
export function visiblePools(db: Db, ownPaths: string[], managerPrefixes: string[]) {
  return db
    .selectFrom('speaker_pools as p')
    .innerJoin('orgs as o', 'o.id', 'p.org_id')
    .select(['p.id', 'p.name', 'o.path as org_path', 'o.name as org_name'])
    .where((eb) =>
      eb.or([
        sql<boolean>`EXISTS (SELECT 1 FROM unnest(${sql.val(ownPaths)}::text[]) AS mine(path) WHERE starts_with(mine.path, o.path))`,
        ...managerPrefixes.map((p) => eb('o.path', 'like', likePrefix(p))),
      ]),
    )
    .orderBy(sql`length(o.path)`)
    .orderBy('o.name')
    .execute();
}

export function memberOrgPath(db: Db, memberId: string) {
  return db
    .selectFrom('members as m')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select('o.path')
    .where('m.id', '=', memberId)
    .where('m.active', '=', true)
    .executeTakeFirst();
}

export function findOrg(db: Db, id: string) {
  return db
    .selectFrom('orgs')
    .select(['id', 'path', 'name', 'type', 'active'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function activeSpeakers(db: Db, poolId: string, ids?: readonly string[]) {
  let q = db
    .selectFrom('pool_speakers as s')
    .select(['s.id', 's.name', 's.unit_title', 's.phone', 's.member_id'])
    .where('s.pool_id', '=', poolId)
    .where('s.status', '=', 'active');
  if (ids) q = q.where('s.id', 'in', ids.length ? [...ids] : ['0']);
  return q.orderBy('s.name').execute();
}

export function findSpeaker(db: Db, id: string) {
  return db
    .selectFrom('pool_speakers')
    .select(['id', 'pool_id', 'name', 'member_id', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export interface MenuFilter {
  q?: string;
  audience?: string;
  format?: string;
  includeWithdrawn: boolean;
}

/** The pool's menu, searched over title, summary, category and the speakers' names (ILIKE). */
export function listMenu(db: Db, poolId: string, f: MenuFilter) {
  let q = db.selectFrom('lecture_menu_items as i').selectAll('i').where('i.pool_id', '=', poolId);
  if (!f.includeWithdrawn) q = q.where('i.active', '=', true);
  if (f.audience) q = q.where(sql<boolean>`${f.audience} = ANY(i.audiences)`);
  if (f.format) q = q.where('i.format', '=', f.format as 'onsite');
  if (f.q) {
    const like = escapeLike(f.q);
    q = q.where((eb) =>
      eb.or([
        eb('i.title', 'ilike', like),
        eb('i.summary', 'ilike', like),
        eb('i.category', 'ilike', like),
        sql<boolean>`EXISTS (SELECT 1 FROM pool_speakers s WHERE s.id = ANY(i.speaker_ids) AND s.name ILIKE ${like})`,
      ]),
    );
  }
  return q.orderBy('i.active', 'desc').orderBy('i.id', 'desc').limit(500).execute();
}

export function speakersByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('pool_speakers')
    .select(['id', 'name', 'unit_title', 'photo_file_id', 'photo_thumb_file_id'])
    .where('id', 'in', ids)
    .execute();
}

export function findMenuItem(db: Db, id: string) {
  return db.selectFrom('lecture_menu_items').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertMenuItem(
  db: Db,
  v: {
    poolId: string;
    title: string;
    summary: string;
    category: string;
    speakerIds: string[];
    durationMinutes: number;
    format: 'onsite' | 'online';
    audiences: string[];
    classroomLectureId?: string | null;
    createdBy: string;
    now: Date;
  },
) {
  const row = await db
    .insertInto('lecture_menu_items')
    .values({
      pool_id: v.poolId,
      title: v.title,
      summary: v.summary,
      category: v.category,
      speaker_ids: v.speakerIds,
      duration_minutes: v.durationMinutes,
      format: v.format,
      audiences: v.audiences,
      classroom_lecture_id: v.classroomLectureId ?? null,
      created_by: v.createdBy,
      created_at: v.now,
      updated_at: v.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function updateMenuItem(db: Db, id: string, set: Updateable<DB['lecture_menu_items']>, now: Date) {
  return db
    .updateTable('lecture_menu_items')
    .set({ ...set, updated_at: now })
    .where('id', '=', id)
    .execute();
}

const orderColumns = [
  'r.id',
  'r.pool_id',
  'r.org_id',
  'r.menu_item_id',
  'r.topic',
  'r.audience',
  'r.place',
  'r.audience_size',
  'r.contact_name',
  'r.contact_phone',
  'r.note',
  'r.state',
  'r.speaker_id',
  'r.dispatched_at',
  'r.reply_due_at',
  'r.attendance',
  'r.delivery_summary',
  'r.rating_content',
  'r.rating_delivery',
  'r.rating_comment',
  'r.cancel_reason',
  'r.created_by',
  'r.created_at',
] as const;

function orderQuery(db: Db) {
  return db
    .selectFrom('lecture_orders as r')
    .innerJoin('orgs as o', 'o.id', 'r.org_id')
    .innerJoin('speaker_pools as p', 'p.id', 'r.pool_id')
    .innerJoin('orgs as po', 'po.id', 'p.org_id')
    .leftJoin('pool_speakers as s', 's.id', 'r.speaker_id')
    .select(orderColumns)
    .select([
      'o.path as org_path',
      'o.name as org_name',
      'p.name as pool_name',
      'po.path as pool_path',
      's.name as speaker_name',
      's.member_id as speaker_member_id',
      sql<string[]>`r.preferred_dates::text[]`.as('preferred_dates'),
      sql<string | null>`r.delivered_on::text`.as('delivered_on'),
    ]);
}
export type OrderRow = Awaited<ReturnType<typeof findOrder>> & object;

export async function findOrder(db: Db, id: string, forUpdate = false) {
  if (forUpdate)
    await db.selectFrom('lecture_orders').select('id').where('id', '=', id).forUpdate().execute();
  return orderQuery(db).where('r.id', '=', id).executeTakeFirst();
}

export function listOrders(db: Db, view: 'branch' | 'manage' | 'tasks', s: OrderListScope, state?: string) {
  let q = orderQuery(db);
  if (view === 'branch')
    q = q.where((eb) =>
      eb.or([
        ...(s.ledOrgIds.length ? [eb('r.org_id', 'in', s.ledOrgIds)] : []),
        ...s.branchAdminPrefixes.map((p) => eb('o.path', 'like', likePrefix(p))),
        sql<boolean>`false`,
      ]),
    );
  else if (view === 'manage')
    q = q.where((eb) =>
      eb.or([...s.managerPrefixes.map((p) => eb('po.path', 'like', likePrefix(p))), sql<boolean>`false`]),
    );
  else q = s.memberId ? q.where('s.member_id', '=', s.memberId) : q.where(sql<boolean>`false`);
  if (state) q = q.where('r.state', '=', state as LectureOrderState);
  return q.orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(500).execute();
}

export async function insertOrder(db: Db, v: Insertable<DB['lecture_orders']>) {
  const row = await db.insertInto('lecture_orders').values(v).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export function updateOrder(db: Db, id: string, set: Updateable<DB['lecture_orders']>) {
  return db.updateTable('lecture_orders').set(set).where('id', '=', id).execute();
}

export function insertEvent(
  db: Db,
  e: {
    orderId: string;
    action: string;
    from: string | null;
    to: string;
    speakerId: string | null;
    onBehalf: boolean;
    reason: string | null;
    actorUserId: string;
    actorName: string;
    at: Date;
  },
) {
  return db
    .insertInto('lecture_order_events')
    .values({
      order_id: e.orderId,
      action: e.action,
      from_state: e.from,
      to_state: e.to,
      speaker_id: e.speakerId,
      on_behalf: e.onBehalf,
      reason: e.reason,
      actor_user_id: e.actorUserId,
      actor_name: e.actorName,
      at: e.at,
    })
    .execute();
}

export function listEvents(db: Db, orderId: string) {
  return db
    .selectFrom('lecture_order_events as e')
    .leftJoin('pool_speakers as s', 's.id', 'e.speaker_id')
    .select([
      'e.action',
      'e.from_state',
      'e.to_state',
      'e.on_behalf',
      'e.reason',
      'e.actor_name',
      'e.at',
      's.name as speaker_name',
    ])
    .where('e.order_id', '=', orderId)
    .orderBy('e.id')
    .execute();
}

/** Each speaker's other live bookings (dispatched or accepted) and rating over their rated orders. */
export async function speakerLoad(db: Db, speakerIds: string[], exceptOrderId: string) {
  if (speakerIds.length === 0) return { bookings: [], ratings: [] };
  const bookings = await db
    .selectFrom('lecture_orders as r')
    .innerJoin('orgs as o', 'o.id', 'r.org_id')
    .select([
      'r.id',
      'r.speaker_id',
      'r.state',
      'r.topic',
      'o.name as org_name',
      sql<string[]>`r.preferred_dates::text[]`.as('dates'),
    ])
    .where('r.speaker_id', 'in', speakerIds)
    .where('r.state', 'in', ['dispatched', 'accepted'])
    .where('r.id', '!=', exceptOrderId)
    .orderBy('r.id')
    .execute();
  const ratings = await db
    .selectFrom('lecture_orders')
    .select([
      'speaker_id',
      sql<string>`round(avg((rating_content + rating_delivery) / 2.0), 1)::text`.as('average'),
      sql<string>`count(*)::text`.as('count'),
    ])
    .where('speaker_id', 'in', speakerIds)
    .where('state', '=', 'rated')
    .groupBy('speaker_id')
    .execute();
  return { bookings, ratings };
}

export async function memberAccounts(db: Db, memberIds: string[]) {
  if (memberIds.length === 0) return [];
  return db
    .selectFrom('users')
    .select(['id', 'member_id'])
    .where('member_id', 'in', memberIds)
    .where('active', '=', true)
    .execute();
}

// ---------- Bulk inserts for the demo seed (rows already checked by the caller) ----------

/** Returns the ids in the order of `rows`. */
export async function insertMenuItemsBulk(db: Db, rows: Insertable<DB['lecture_menu_items']>[]) {
  if (rows.length === 0) return [];
  return (await db.insertInto('lecture_menu_items').values(rows).returning('id').execute()).map((r) => r.id);
}

/** Returns the ids in the order of `rows`. */
export async function insertOrdersBulk(db: Db, rows: Insertable<DB['lecture_orders']>[]) {
  if (rows.length === 0) return [];
  return (await db.insertInto('lecture_orders').values(rows).returning('id').execute()).map((r) => r.id);
}

export async function insertEventsBulk(db: Db, rows: Insertable<DB['lecture_order_events']>[]) {
  if (rows.length > 0) await db.insertInto('lecture_order_events').values(rows).execute();
}

/** Orders placed by the orgs of a subtree (not cancelled) and of them delivered, per ordering org's path. */
export async function orderCountsUnder(db: Db, path: string) {
  const rows = await db
    .selectFrom('lecture_orders as o')
    .innerJoin('orgs as g', 'g.id', 'o.org_id')
    .select([
      'g.path',
      sql<number>`count(*) FILTER (WHERE o.state <> 'cancelled')::int`.as('placed'),
      sql<number>`count(*) FILTER (WHERE o.state IN ('delivered', 'rated'))::int`.as('delivered'),
    ])
    .where('g.path', 'like', likePrefix(path))
    .groupBy('g.path')
    .execute();
  return rows.map((r) => ({ path: r.path, placed: Number(r.placed), delivered: Number(r.delivered) }));
}
