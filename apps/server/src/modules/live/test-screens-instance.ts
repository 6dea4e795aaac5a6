/**
 * One app instance for the screens' two-instance test (screens-instances.test.ts), started as its own
 * process with `node --import tsx` and configured from the environment like main.ts (DATABASE_URL,
 * DATA_DIR, PORT). Its screens read the test's table `test_live_screens` (code, round id, version),
 * and POST /api/test/live/:roundId/changed publishes a change on this instance's bus, as a service
 * does after committing.
 */
import { sql } from 'kysely';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/database.ts';
import { systemClock } from '../../lib/clock.ts';
import type { ScreenSource } from './screens-routes.ts';
import { makeSnapshot } from './test-screen-source.ts';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir });
const deps = { db: database.db, clock: systemClock, config };

const source: ScreenSource = {
  async resolveScreen(db, code) {
    const r = await sql<{
      round_id: string;
    }>`SELECT round_id FROM test_live_screens WHERE code = ${code}`.execute(db);
    return r.rows[0]?.round_id ?? null;
  },
  async snapshot(db, roundId) {
    const r = await sql<{
      version: number;
    }>`SELECT version FROM test_live_screens WHERE round_id = ${roundId}`.execute(db);
    return makeSnapshot(roundId, r.rows[0]!.version);
  },
};

const app = await buildApp({ ...deps, dbKind: database.kind, liveScreens: { source } });
app.post('/api/test/live/:roundId/changed', { config: { auth: 'public' } }, async (req) => {
  app.liveBus.changed((req.params as { roundId: string }).roundId);
  return { ok: true };
});
process.on('SIGTERM', () => {
  void (async () => {
    await app.close();
    await database.close();
    process.exit(0);
  })();
});
await app.liveBus.ready();
await app.listen({ host: '127.0.0.1', port: config.PORT });
console.log(`listening ${config.PORT} bus=${app.liveBus.mode}`);
