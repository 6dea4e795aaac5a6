import { sql } from 'kysely';
import type { Db } from '../org/tables.ts';

/** An active branch-typed org of a subtree (the subtree's top included). */
export interface TreeBranch {
  id: string;
  path: string;
  type: string;
  parent_id: string | null;
}

/**
 * What the dashboard derives from the org tree alone for a subtree: its active branch-typed orgs
 * (党支部 and 党总支), read by one range scan. They change only when orgs change, so they are kept in
 * memory per database handle keyed by (path, org_tree_version): the version (migration 043, bumped by
 * every statement writing orgs) is read on every request, so no instance serves a stale tree.
 */
export interface TreeFacts {
  /** Active branch-typed orgs of the subtree, the top included. */
  branches: TreeBranch[];
  /** Those of them that have branches beneath them (a 党总支 with its 党支部). */
  parentIds: string[];
}

const MAX_PATHS = 64;
const caches = new WeakMap<object, { version: string; byPath: Map<string, TreeFacts> }>();

/** The org tree's version (migration 043). */
export async function treeVersion(db: Db): Promise<string> {
  const { rows } = await sql<{ version: string }>`
    SELECT version::text AS version FROM org_tree_version WHERE id = 1`.execute(db);
  return rows[0]?.version ?? '0';
}

/** The tree facts of `org`'s subtree at `version` (read once per version and path). */
export async function treeFacts(
  db: Db,
  org: { path: string },
  branchTypes: readonly string[],
  version: string,
): Promise<TreeFacts> {
  let cache = caches.get(db);
  if (!cache || cache.version !== version) {
    cache = { version, byPath: new Map() };
    caches.set(db, cache);
  }
  const key = `${branchTypes.join(',')}|${org.path}`;
  const hit = cache.byPath.get(key);
  if (hit) return hit;
  const { rows } = await sql<TreeBranch>`
    SELECT id, path, type, parent_id FROM orgs
     WHERE path LIKE ${`${org.path}%`} AND active AND type IN (${sql.join([...branchTypes])})`.execute(db);
  const branches = rows.map((r) => ({
    id: String(r.id),
    path: r.path,
    type: r.type,
    parent_id: r.parent_id === null ? null : String(r.parent_id),
  }));
  const parents = new Set(branches.map((b) => b.parent_id));
  const facts: TreeFacts = {
    branches,
    parentIds: branches.filter((b) => parents.has(b.id)).map((b) => b.id),
  };
  // A version's cache holds a bounded number of subtrees (the tops viewed since orgs last changed).
  if (cache.byPath.size >= MAX_PATHS) cache.byPath.clear();
  cache.byPath.set(key, facts);
  return facts;
}
