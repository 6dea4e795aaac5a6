import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from './types.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** One re-rooted subtree of the org tree: every path that started with `from` now starts with `to`. */
export interface PathMove {
  from: string;
  to: string;
}

/** The columns of a table that hold a copy of an org path (named `…_path` by convention). */
export type PathColumn<T extends keyof DB> = Extract<keyof DB[T], `${string}_path`> & string;

/**
 * A column holding a copy of an org's path, declared by the module that owns the table. The org
 * module calls `rewrite` when it restructures the tree (modules/org/path-copies.ts lists them all), so
 * the copy keeps answering "where is this now" for authorisation and subtree lists.
 */
export interface PathCopy {
  table: string;
  column: string;
  rewrite: (db: Db, moves: readonly PathMove[]) => Promise<number>;
}

export function pathCopy<T extends keyof DB & string>(table: T, column: PathColumn<T>): PathCopy {
  return { table, column, rewrite: (db, moves) => rewritePathColumn(db, table, column, moves) };
}

/**
 * Rewrites one path column after moves, in one statement, and returns how many rows changed.
 *
 * Moves are given in the paths of the tree *before* the change. When several apply to a value (an import
 * that moves an org and, separately, one of its descendants), the longest `from` wins: the deeper move's
 * `to` is already the final place, upper moves included. The WHERE clause is an OR of prefix LIKEs so
 * each column's text_pattern_ops index finds the rows.
 */
export async function rewritePathColumn<T extends keyof DB & string>(
  db: Db,
  table: T,
  column: PathColumn<T>,
  moves: readonly PathMove[],
): Promise<number> {
  const live = moves.filter((m) => m.from !== m.to);
  if (live.length === 0) return 0;
  for (const m of live) {
    // Paths are ids and dots; anything else would turn into a LIKE pattern or a wrong prefix.
    if (!/^(\d+\.)+$/.test(m.from) || !/^(\d+\.)+$/.test(m.to))
      throw new Error(`bad path move ${m.from} → ${m.to}`);
  }
  const col = sql.ref(`t.${column}`);
  const values = sql.join(live.map((m) => sql`(${m.from}::text, ${m.to}::text)`));
  const matches = sql.join(
    live.map((m) => sql`${col} LIKE ${`${m.from}%`}`),
    sql` OR `,
  );
  const result = await sql`
    UPDATE ${sql.table(table)} AS t SET ${sql.ref(column)} = (
      SELECT m.to_path || substr(${col}, length(m.from_path) + 1)
        FROM (VALUES ${values}) AS m(from_path, to_path)
       WHERE left(${col}, length(m.from_path)) = m.from_path
       ORDER BY length(m.from_path) DESC
       LIMIT 1)
    WHERE ${matches}`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}
