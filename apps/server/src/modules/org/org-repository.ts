import { sql } from 'kysely';
import type { Org, OrgType } from '../../db/types.ts';
import type { Db } from './tables.ts';

/** Ids on a path, root first: "1.5.23." → ["1", "5", "23"]. */
export const pathIds = (path: string) => path.split('.').filter(Boolean);

export const parentPathOf = (path: string): string | null => {
  const ids = pathIds(path);
  return ids.length > 1 ? `${ids.slice(0, -1).join('.')}.` : null;
};

/** Escapes LIKE wildcards in user input (backslash is PostgreSQL's default escape). */
export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function findOrg(db: Db, id: string): Promise<Org | undefined> {
  return db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Reads and row-locks an org inside a transaction, so concurrent moves see each other's paths. */
export function lockOrg(db: Db, id: string, mode: 'update' | 'share'): Promise<Org | undefined> {
  const q = db.selectFrom('orgs').selectAll().where('id', '=', id);
  return (mode === 'update' ? q.forUpdate() : q.forShare()).executeTakeFirst();
}

export function findOrgByCode(db: Db, code: string) {
  return db.selectFrom('orgs').select(['id', 'name', 'path']).where('code', '=', code).executeTakeFirst();
}

export type OrgWithCounts = Org & { child_count: number; member_count: number; direct_member_count: number };

/**
 * Orgs with the numbers the tree browser shows, in one statement: (active) children, active members in
 * the subtree and directly attached. Member numbers come from the trigger-maintained per-org counts
 * (migration 002): a "C"-collated index range over at most one row per org of the subtree, instead of
 * counting up to 300,000 member rows.
 */
export function orgsWithCounts(db: Db, includeInactiveChildren = false) {
  return db
    .selectFrom('orgs as o')
    .selectAll('o')
    .select([
      sql<number>`(SELECT count(*)::int FROM orgs c WHERE c.parent_id = o.id ${includeInactiveChildren ? sql`` : sql`AND c.active`})`.as(
        'child_count',
      ),
      sql<number>`(SELECT coalesce(sum(k.active_count), 0)::int FROM org_member_counts k
        WHERE k.org_path >= o.path COLLATE "C" AND k.org_path < (left(o.path, -1) || '/') COLLATE "C")`.as(
        'member_count',
      ),
      sql<number>`coalesce((SELECT k.active_count FROM org_member_counts k WHERE k.org_path = o.path), 0)`.as(
        'direct_member_count',
      ),
    ]);
}

export function findOrgWithCounts(db: Db, id: string): Promise<OrgWithCounts | undefined> {
  return orgsWithCounts(db).where('o.id', '=', id).executeTakeFirst();
}

export function orgsByPaths(db: Db, paths: string[]): Promise<OrgWithCounts[]> {
  if (paths.length === 0) return Promise.resolve([]);
  return orgsWithCounts(db)
    .where('o.path', 'in', paths)
    .orderBy('o.depth')
    .orderBy('o.sort_order')
    .orderBy('o.id')
    .execute();
}

export function topLevelOrgs(db: Db): Promise<OrgWithCounts[]> {
  return orgsWithCounts(db)
    .where('o.parent_id', 'is', null)
    .orderBy('o.sort_order')
    .orderBy('o.id')
    .execute();
}

export function childrenOf(db: Db, parentId: string, includeInactive: boolean): Promise<OrgWithCounts[]> {
  return orgsWithCounts(db, includeInactive)
    .where('o.parent_id', '=', parentId)
    .$if(!includeInactive, (q) => q.where('o.active', '=', true))
    .orderBy('o.sort_order')
    .orderBy('o.id')
    .execute();
}

/** id → name for a set of orgs (ancestor breadcrumbs and search paths). */
export async function orgNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('orgs')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface OrgSearch {
  q: string;
  prefixes: string[] | null;
  includeInactive: boolean;
  limit: number;
}

/** Name contains q (or code equals q), inside the scope; exact names first, then shallow before deep. */
export function searchOrgs(db: Db, s: OrgSearch): Promise<Org[]> {
  const prefixes = s.prefixes;
  if (prefixes && prefixes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('orgs')
    .selectAll()
    .where((eb) => eb.or([eb('name', 'like', `%${likeEscape(s.q)}%`), eb('code', '=', s.q)]))
    .$if(!!prefixes, (q) => q.where((eb) => eb.or(prefixes!.map((p) => eb('path', 'like', `${p}%`)))))
    .$if(!s.includeInactive, (q) => q.where('active', '=', true))
    .orderBy(sql`name = ${s.q}`, 'desc')
    .orderBy('depth')
    .orderBy('sort_order')
    .orderBy('id')
    .limit(s.limit)
    .execute();
}

/** Next ids of the orgs sequence, so a new org's path ("…parent.id.") is known before the insert. */
export async function nextOrgIds(db: Db, n: number): Promise<string[]> {
  if (n === 0) return [];
  const { rows } = await sql<{ id: string }>`
    SELECT nextval(pg_get_serial_sequence('orgs', 'id'))::text AS id FROM generate_series(1, ${n}::int)`.execute(
    db,
  );
  return rows.map((r) => r.id);
}

export interface NewOrgRow {
  id: string;
  parentId: string | null;
  path: string;
  depth: number;
  name: string;
  type: OrgType;
  code: string | null;
  sortOrder: number;
}

export async function insertOrgs(db: Db, orgs: NewOrgRow[]): Promise<void> {
  for (let i = 0; i < orgs.length; i += 2000) {
    await db
      .insertInto('orgs')
      .values(
        orgs.slice(i, i + 2000).map((o) => ({
          id: o.id,
          parent_id: o.parentId,
          path: o.path,
          depth: o.depth,
          name: o.name,
          type: o.type,
          code: o.code,
          sort_order: o.sortOrder,
        })),
      )
      .execute();
  }
}

export function updateOrg(
  db: Db,
  id: string,
  patch: { name?: string; type?: OrgType; code?: string; sort_order?: number; active?: boolean },
  now: Date,
) {
  return db
    .updateTable('orgs')
    .set({ ...patch, updated_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Re-roots a subtree: every org under oldPath gets newPath as its prefix and a shifted depth. Run inside
 * the move's transaction; the stored copies of these paths follow through `rewriteOrgPathCopies`.
 */
export async function rerootSubtree(db: Db, oldPath: string, newPath: string, depthDelta: number, now: Date) {
  const like = `${oldPath}%`;
  const cut = oldPath.length + 1;
  await sql`UPDATE orgs SET path = ${newPath} || substr(path, ${cut}::int), depth = depth + ${depthDelta}::int, updated_at = ${now}
            WHERE path LIKE ${like}`.execute(db);
}

/** Locks several orgs in id order (the same order in every transaction, so two moves cannot deadlock). */
export function lockOrgs(db: Db, ids: string[]): Promise<Org[]> {
  return db.selectFrom('orgs').selectAll().where('id', 'in', ids).orderBy('id').forUpdate().execute();
}

export function setParent(db: Db, id: string, parentId: string, now: Date) {
  return db.updateTable('orgs').set({ parent_id: parentId, updated_at: now }).where('id', '=', id).execute();
}
