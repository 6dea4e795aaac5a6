import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';

export interface AuditEntry {
  actorUserId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  orgPath: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

export function insertAudit(db: Kysely<DB>, e: AuditEntry) {
  return db
    .insertInto('audit_log')
    .values({
      actor_user_id: e.actorUserId,
      actor_name: e.actorName,
      action: e.action,
      entity_type: e.entityType,
      entity_id: e.entityId,
      org_path: e.orgPath,
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
      ip: e.ip ?? null,
    })
    .execute();
}

export interface AuditQuery {
  /** null = everything (platform admin); otherwise rows under any of these prefixes. */
  prefixes: string[] | null;
  action?: string;
  /** Exact actions (an area of the log page). */
  actions?: readonly string[];
  entityType?: string;
  entityId?: string;
  actor?: string;
  actorId?: string;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

export async function listAudit(db: Kysely<DB>, q: AuditQuery) {
  let query = db.selectFrom('audit_log');
  if (q.prefixes) {
    const prefixes = q.prefixes;
    if (prefixes.length === 0) return { total: 0, rows: [] };
    query = query.where((eb) => eb.or(prefixes.map((p) => eb('org_path', 'like', `${p}%`))));
  }
  if (q.action) query = query.where('action', 'like', `${q.action}%`);
  if (q.actions) query = query.where('action', 'in', [...q.actions]);
  if (q.entityType) query = query.where('entity_type', '=', q.entityType);
  if (q.entityId) query = query.where('entity_id', '=', q.entityId);
  if (q.actor) query = query.where('actor_name', 'like', `%${q.actor}%`);
  if (q.actorId) query = query.where('actor_user_id', '=', q.actorId);
  if (q.from) query = query.where('at', '>=', q.from);
  if (q.to) query = query.where('at', '<', q.to);
  const [{ total }] = (await query.select(sql<number>`count(*)::int`.as('total')).execute()) as [
    { total: number },
  ];
  const rows = await query
    .selectAll()
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { total, rows };
}

/** Audit rows of one entity, oldest first: e.g. the score log heads a review round's changes recorded. */
export function listEntityAudit(db: Kysely<DB>, entityType: string, entityId: string) {
  return db
    .selectFrom('audit_log')
    .select(['id', 'at', 'action', 'actor_name', 'after'])
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .orderBy('id')
    .execute();
}

/** Whether the user did any of these actions on the entity (e.g. published a round's 公示). */
export async function hasActedOn(
  db: Kysely<DB>,
  entity: { type: string; id: string },
  actions: readonly string[],
  userId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('audit_log')
    .select('id')
    .where('entity_type', '=', entity.type)
    .where('entity_id', '=', entity.id)
    .where('action', 'in', [...actions])
    .where('actor_user_id', '=', userId)
    .limit(1)
    .executeTakeFirst();
  return !!row;
}
