import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { migrate, openDatabase, type Database } from '../apps/server/src/db/database.ts';

export type BenchKind = 'pglite' | 'postgres';

/**
 * A migrated database for one bench run: PGlite in a fresh folder, or a private schema of the
 * PostgreSQL server at `pgUrl`; `cleanup` drops the schema and removes the folder.
 */
export async function openBenchDatabase(kind: BenchKind, name: string, pgUrl: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-${name}-`));
  const schema = kind === 'postgres' ? `bench_${name}_${randomBytes(4).toString('hex')}` : undefined;
  const database: Database = await openDatabase(
    kind === 'postgres' ? { databaseUrl: pgUrl, dataDir, schema } : { dataDir },
  );
  await migrate(database.db, schema);
  return {
    database,
    dataDir,
    cleanup: async () => {
      if (schema) await sql`DROP SCHEMA ${sql.id(schema)} CASCADE`.execute(database.db);
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** mulberry32, as gen-city: the same data every run. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
