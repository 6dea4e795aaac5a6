import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';
import { listTables, readSequences, type SequenceState } from './catalog.ts';

const BATCH = 2000;

export interface TableDump {
  name: string;
  rows: number;
  file: string;
  sha256: string;
}

export interface DatabaseDump {
  tables: TableDump[];
  sequences: SequenceState[];
  migrations: string[];
}

/** Writes lines to a gzip file and returns the file's SHA-256 once closed. */
async function gzipLines(
  file: string,
  lines: AsyncIterable<string[]>,
): Promise<{ count: number; sha256: string }> {
  const hash = createHash('sha256');
  const out = fs.createWriteStream(file);
  const gzip = createGzip();
  gzip.on('data', (chunk: Buffer) => hash.update(chunk));
  gzip.pipe(out);
  let count = 0;
  for await (const batch of lines) {
    count += batch.length;
    if (!gzip.write(batch.map((l) => `${l}\n`).join(''))) await once(gzip, 'drain');
  }
  gzip.end();
  await once(out, 'close');
  return { count, sha256: hash.digest('hex') };
}

/** Rows of one table as JSON text, fetched through a cursor so a large table never sits in memory. */
async function* tableRows(tx: Transaction<DB>, table: string): AsyncIterable<string[]> {
  await sql`DECLARE backup_rows NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM ${sql.table(table)} t`.execute(
    tx,
  );
  try {
    for (;;) {
      const r = await sql<{ j: string }>`FETCH ${sql.raw(String(BATCH))} FROM backup_rows`.execute(tx);
      if (!r.rows.length) break;
      yield r.rows.map((x) => x.j);
    }
  } finally {
    await sql`CLOSE backup_rows`.execute(tx);
  }
}

/**
 * Every table, every sequence and the migration level, read in one REPEATABLE READ READ ONLY
 * transaction: one consistent snapshot however long the copy takes, while writers go on (on
 * PostgreSQL; the embedded database has one connection, so it pauses other requests meanwhile).
 * `within` runs in the same snapshot (the backup lists the stored files the snapshot refers to).
 */
export async function dumpDatabase<T>(
  db: Kysely<DB>,
  dir: string,
  within: (tx: Transaction<DB>) => Promise<T>,
): Promise<DatabaseDump & { extra: T }> {
  fs.mkdirSync(dir, { recursive: true });
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => {
      await sql`SET TRANSACTION READ ONLY`.execute(tx);
      const migrations = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(
        tx,
      );
      const tables: TableDump[] = [];
      for (const t of await listTables(tx)) {
        const file = `${t.name}.ndjson.gz`;
        const { count, sha256 } = await gzipLines(path.join(dir, file), tableRows(tx, t.name));
        tables.push({ name: t.name, rows: count, file, sha256 });
      }
      const sequences = await readSequences(tx);
      const extra = await within(tx);
      return { tables, sequences, migrations: migrations.rows.map((m) => m.name), extra };
    });
}
