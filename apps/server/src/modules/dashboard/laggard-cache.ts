import { sql } from 'kysely';
import type { Db } from '../org/tables.ts';

/**
 * The branch laggard lists of a (campaign, subtree) kept in memory while nothing they are computed
 * from changes. Their key is the org tree's version (migration 043) and the sum of the subtree's change
 * counters (044), read in one statement: every statement changing an input bumps a counter in its own
 * transaction, and counters only grow, so the same key means the same data, however many app
 * instances share the database. A list is kept only when the key read after computing it equals the
 * one read before (nothing committed in between), so a list is never stored under a key it does not
 * belong to.
 */
export interface LaggardKey {
  /** The org tree's version (tree-facts.ts). */
  tree: string;
  /** The whole key: tree version and the subtree's changes. */
  key: string;
}

const MAX_ENTRIES = 256;
const stores = new WeakMap<object, Map<string, { key: string; value: unknown }>>();

/** The key of a campaign's lists for the subtree at `path`: its shards (044) and campaign 0 (members). */
export async function laggardKey(db: Db, campaignId: string, path: string): Promise<LaggardKey> {
  const hi = `${path.slice(0, -1)}/`;
  const { rows } = await sql<{ tree: string | null; changes: string }>`
    SELECT (SELECT version::text FROM org_tree_version WHERE id = 1) AS tree,
           (SELECT coalesce(sum(changes), 0)::text FROM dashboard_change_counts
             WHERE campaign_id IN (0, ${campaignId})
               AND (shard = dashboard_shard(${path})
                    OR (shard >= ${path} COLLATE "C" AND shard < ${hi} COLLATE "C"))) AS changes`.execute(db);
  const tree = rows[0]?.tree ?? '0';
  return { tree, key: `${tree}:${rows[0]?.changes ?? '0'}` };
}

/** `compute`'s value for (campaign, path) at `key`, computed once per key. */
export async function cachedLists<T>(
  db: Db,
  campaignId: string,
  path: string,
  key: LaggardKey,
  compute: () => Promise<T>,
): Promise<T> {
  let store = stores.get(db);
  if (!store) stores.set(db, (store = new Map()));
  const id = `${campaignId}|${path}`;
  const hit = store.get(id);
  if (hit && hit.key === key.key) return hit.value as T;
  const value = await compute();
  const after = await laggardKey(db, campaignId, path);
  if (after.key === key.key) {
    if (store.size >= MAX_ENTRIES) store.clear();
    store.set(id, { key: key.key, value });
  }
  return value;
}

/** Drops every kept list of a database (the bench's cold runs). */
export function forgetLaggardLists(db: Db): void {
  stores.delete(db);
}
