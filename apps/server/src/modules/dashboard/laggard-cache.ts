import { sql } from 'kysely';
import type { Db } from '../org/tables.ts';

/**
 * What the dashboard keeps in memory per (campaign, subtree or part of one) while nothing it is counted
 * from changes (kept-facts.ts). Its key is the org tree's version (migration 043) and the change counters
 * (044) of the shards it covers, read in one statement: every statement changing an input bumps a counter
 * in its own transaction, and counters only grow, so the same key means the same data, however many app
 * instances share the database. A value is kept only when the key read after counting it equals the one
 * read before (nothing committed in between), so nothing is stored under a key it does not belong to.
 */
export interface ChangeKey {
  /** The org tree's version (tree-facts.ts). */
  tree: string;
  /** Changes per shard (a path's top two levels) in and above the subtree, campaign 0 included. */
  shards: Map<string, bigint>;
}

const MAX_ENTRIES = 1024;
const stores = new WeakMap<object, Map<string, { key: string; value: unknown }>>();

/** The change key of a campaign's subtree at `path`: its shards and its own (044), and the tree's version. */
export async function changeKey(db: Db, campaignId: string, path: string): Promise<ChangeKey> {
  const hi = `${path.slice(0, -1)}/`;
  const { rows } = await sql<{ shard: string | null; n: string }>`
    SELECT NULL AS shard, version::text AS n FROM org_tree_version WHERE id = 1
    UNION ALL
    SELECT shard, sum(changes)::text FROM dashboard_change_counts
     WHERE campaign_id IN (0, ${campaignId})
       AND (shard = dashboard_shard(${path}) OR (shard >= ${path} COLLATE "C" AND shard < ${hi} COLLATE "C"))
     GROUP BY shard`.execute(db);
  const shards = new Map<string, bigint>();
  let tree = '0';
  for (const r of rows) {
    if (r.shard === null) tree = r.n;
    else shards.set(r.shard, BigInt(r.n));
  }
  return { tree, shards };
}

/** The key of everything under the subtree the change key was read for. */
export const wholeKey = (k: ChangeKey) => `${k.tree}:${[...k.shards.values()].reduce((a, b) => a + b, 0n)}`;
/**
 * The key of one shard's part of a top-level org's subtree: that shard's changes and the top's own shard
 * (`top`: its own members and rows, and its name, which a child that is a branch shows as its parent's).
 * Org changes bump the shards they touch (044), so no tree version is needed.
 */
export const shardKey = (k: ChangeKey, shard: string, top: string) =>
  `${k.shards.get(shard) ?? 0n}:${k.shards.get(top) ?? 0n}`;

function storeOf(db: Db) {
  let store = stores.get(db);
  if (!store) stores.set(db, (store = new Map()));
  return store;
}

/** The value kept for `id` at `key`, if any. */
export function keptAt<T>(db: Db, id: string, key: string): T | undefined {
  const hit = storeOf(db).get(id);
  return hit && hit.key === key ? (hit.value as T) : undefined;
}

/** Keeps `value` for `id` at `key` (the caller has checked the key did not move while counting it). */
export function keep(db: Db, id: string, key: string, value: unknown): void {
  const store = storeOf(db);
  if (store.size >= MAX_ENTRIES) store.clear();
  store.set(id, { key, value });
}

/** `compute`'s value for `id` at `key`, counted once per key; `recheck` reads the key again after it. */
export async function cachedLists<T>(
  db: Db,
  id: string,
  key: string,
  compute: () => Promise<T>,
  recheck: () => Promise<string>,
): Promise<T> {
  const hit = keptAt<T>(db, id, key);
  if (hit !== undefined) return hit;
  const value = await compute();
  if ((await recheck()) === key) keep(db, id, key, value);
  return value;
}

/** Drops everything kept for a database (the bench's cold runs). */
export function forgetLaggardLists(db: Db): void {
  stores.delete(db);
}
