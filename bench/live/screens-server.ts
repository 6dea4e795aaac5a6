/**
 * The screens' server for bench:live, run as a process of its own so its memory is measured alone:
 * the whole app (buildApp on the embedded database, as `npm start` by default) with the push routes
 * on an in-bench snapshot source (the live evening's own source replaces it once merged). A judge's
 * submit is POST /bench/submit: it moves the round on (scoring 1/7 … 7/7, then the result), calls
 * the live bus as the scoring service does after its commit, and answers.
 *
 *   node --import tsx bench/live/screens-server.ts <port>
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../apps/server/src/app.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { migrate, openDatabase } from '../../apps/server/src/db/database.ts';
import { systemClock } from '../../apps/server/src/lib/clock.ts';
import { BenchEvening } from './evening.ts';
// The app's decorations (liveBus) as the server's own code sees them.
import type {} from '../../apps/server/src/lib/fastify.d.ts';

const port = Number(process.argv[2]);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jt-bench-live-'));
const database = await openDatabase({ dataDir: path.join(dataDir, 'db') });
await migrate(database.db);
const config = loadConfig({
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  DATA_DIR: dataDir,
  SEED_DEMO: 'false',
});
const deps = { db: database.db, clock: systemClock, config };
const evening = new BenchEvening();
const app = await buildApp({
  ...deps,
  dbKind: database.kind,
  liveScreens: {
    source: {
      resolveScreen: async (_db: unknown, code: string) =>
        code === BenchEvening.CODE ? BenchEvening.ROUND : null,
      snapshot: async () => evening.snapshot(),
    },
  },
});
app.post('/bench/submit', { config: { auth: 'public' } }, async () => {
  const version = evening.submit();
  app.liveBus.changed(BenchEvening.ROUND);
  return { version, result: evening.lastWasResult };
});
await database.releaseStartupMemory();
await app.listen({ host: '127.0.0.1', port, backlog: 2048 });
const stop = async () => {
  await app.close();
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
console.log(`listening ${port}`);
