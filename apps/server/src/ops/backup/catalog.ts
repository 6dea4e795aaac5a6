import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface TableInfo {
  name: string;
  /** Columns written on restore (generated columns are left to the database). */
  columns: string[];
  /** Columns that refer to the same table (orgs.parent_id): filled in a second pass on restore. */
  selfRefColumns: string[];
}

/** Kysely's bookkeeping: the target gets its own by migrating, never from a backup. */
const SKIPPED = new Set(['kysely_migration', 'kysely_migration_lock']);

/**
 * The application's tables in the current schema, parents before children (foreign keys), so that a
 * restore inserts each row after the rows it refers to. Read from the catalog rather than listed by
 * hand: a table added by a later migration is backed up without anyone remembering to add it here.
 */
export async function listTables(db: Db): Promise<TableInfo[]> {
  const tables = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'r' AND n.nspname = current_schema() ORDER BY c.relname`.execute(db);
  const columns = await sql<{ table: string; column: string }>`
    SELECT c.relname AS table, a.attname AS column
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
      AND a.attgenerated = ''
    ORDER BY c.relname, a.attnum`.execute(db);
  const fks = await sql<{ child: string; parent: string; columns: string[] }>`
    SELECT ch.relname AS child, pa.relname AS parent,
           ARRAY(SELECT attname FROM pg_attribute WHERE attrelid = con.conrelid AND attnum = ANY (con.conkey))::text[] AS columns
    FROM pg_constraint con
    JOIN pg_class ch ON ch.oid = con.conrelid JOIN pg_class pa ON pa.oid = con.confrelid
    JOIN pg_namespace n ON n.oid = ch.relnamespace
    WHERE con.contype = 'f' AND n.nspname = current_schema()`.execute(db);

  const names = tables.rows.map((t) => t.name).filter((n) => !SKIPPED.has(n));
  const parents = new Map(names.map((n) => [n, new Set<string>()]));
  const selfRefs = new Map(names.map((n) => [n, [] as string[]]));
  for (const fk of fks.rows) {
    if (!parents.has(fk.child)) continue;
    if (fk.child === fk.parent) selfRefs.get(fk.child)!.push(...fk.columns);
    else parents.get(fk.child)!.add(fk.parent);
  }
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < names.length) {
    const ready = names.filter((n) => !placed.has(n) && [...parents.get(n)!].every((p) => placed.has(p)));
    if (!ready.length) {
      const left = names.filter((n) => !placed.has(n));
      throw new Error(`无法确定数据表的恢复顺序（外键成环）：${left.join('、')}`);
    }
    for (const n of ready) {
      ordered.push(n);
      placed.add(n);
    }
  }
  return ordered.map((name) => ({
    name,
    columns: columns.rows.filter((c) => c.table === name).map((c) => c.column),
    selfRefColumns: selfRefs.get(name)!,
  }));
}

export interface SequenceState {
  name: string;
  lastValue: string;
  isCalled: boolean;
}

/** Every sequence's position, so restored ids continue exactly where the backup's left off. */
export async function readSequences(db: Db): Promise<SequenceState[]> {
  const seqs = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'S' AND n.nspname = current_schema() ORDER BY c.relname`.execute(db);
  const out: SequenceState[] = [];
  for (const { name } of seqs.rows) {
    const r = await sql<{ last_value: string; is_called: boolean }>`
      SELECT last_value::text AS last_value, is_called FROM ${sql.table(name)}`.execute(db);
    out.push({ name, lastValue: r.rows[0]!.last_value, isCalled: r.rows[0]!.is_called });
  }
  return out;
}

export async function setSequences(db: Db, sequences: SequenceState[]) {
  for (const s of sequences)
    await sql`SELECT setval(${sql.lit(s.name)}::regclass, ${s.lastValue}::bigint, ${s.isCalled})`.execute(db);
}
