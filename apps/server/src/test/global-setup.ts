import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate, openDatabase } from '../db/database.ts';
import { PGLITE_TEMPLATE_ENV } from './harness.ts';

/**
 * Once per run on the embedded database: migrate one in-memory database and dump its data directory,
 * so every test file's database starts as a copy of it (harness.ts) instead of running initdb and all
 * migrations again. On PostgreSQL (TEST_DATABASE_URL) each file migrates its own schema as before.
 */
export default async function setup() {
  if (process.env.TEST_DATABASE_URL || process.env[PGLITE_TEMPLATE_ENV]) return;
  const database = await openDatabase({ dataDir: 'memory://' });
  await migrate(database.db);
  const bytes = await database.dump!();
  await database.close();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiangtai-test-template-'));
  const file = path.join(dir, 'migrated.tar');
  fs.writeFileSync(file, bytes);
  process.env[PGLITE_TEMPLATE_ENV] = file;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
