import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { migrate, openDatabase } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import type { ScreenRoutesOptions } from './screens-routes.ts';
import { FixtureScreenSource } from './test-screen-source.ts';

/**
 * The whole app (session hook, metrics, error handler) with the screens' routes on the test's own
 * snapshot source, listening on a free port: server-sent events need a real socket, not inject().
 * PGlite in memory, or a private schema of TEST_DATABASE_URL.
 */
export async function startScreensApp(options: ScreenRoutesOptions = {}, env: Record<string, string> = {}) {
  const url = process.env.TEST_DATABASE_URL;
  const schema = url ? `t_${randomBytes(6).toString('hex')}` : undefined;
  const database = await openDatabase({ databaseUrl: url, dataDir: 'memory://', schema });
  await migrate(database.db, schema);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiangtai-test-screens-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    SEED_DEMO: 'false',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    ...env,
  });
  const deps = { db: database.db, clock: fixedClock(new Date('2026-07-01T12:00:00Z')), config };
  const source = new FixtureScreenSource();
  const app = await buildApp({ ...deps, dbKind: database.kind, liveScreens: { source, options } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    app,
    db: database.db,
    source,
    origin,
    stream: (code: string) => `${origin}/api/live/screens/${code}/stream`,
    async close() {
      await app.close();
      if (schema) await sql`DROP SCHEMA ${sql.id(schema)} CASCADE`.execute(database.db);
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
