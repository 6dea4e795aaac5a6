import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { migrate, openDatabase, type Database } from '../apps/server/src/db/database.ts';
export { prng } from '../apps/server/src/lib/prng.ts';

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
