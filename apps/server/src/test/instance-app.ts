/**
 * One app instance for the several-instances test (instances.test.ts), started as its own process
 * with `node --import tsx`: configured from the environment like main.ts (DATABASE_URL, DATA_DIR,
 * S3_*, JOBS_IN_PROCESS, PORT), plus two upload purposes for tests: 'test-file' and 'test-video',
 * which queues the video's transcode as an entry material does. The test migrates the database and
 * creates the accounts before starting it.
 */
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { systemClock } from '../lib/clock.ts';
import { enqueueTranscode } from '../modules/media/assets-service.ts';
import { jobHandlers } from '../modules/jobs/handlers.ts';
import { createJobRunner } from '../modules/jobs/runner.ts';
import type { UploadPurpose } from '../modules/uploads/purpose.ts';
import { testPurpose } from '../modules/uploads/test-purpose.ts';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir });
const deps = { db: database.db, clock: systemClock, config };

const videoPurpose: UploadPurpose = {
  name: 'test-video',
  maxBytes: () => Number.MAX_SAFE_INTEGER,
  async authorize() {},
  accepts: () => ['mp4'],
  async onComplete({ file }) {
    const { jobId } = await enqueueTranscode(deps.db, { fileId: file.id, orgPath: null, now: new Date() });
    return { fileId: file.id, jobId };
  },
};

const app = await buildApp({
  ...deps,
  dbKind: database.kind,
  extraUploadPurposes: [testPurpose, videoPurpose],
});
// As main.ts: jobs run here only when JOBS_IN_PROCESS is true (the test sets it false).
const runner = config.JOBS_IN_PROCESS ? createJobRunner(deps, jobHandlers(deps)) : null;
process.on('SIGTERM', () => {
  void (async () => {
    await runner?.stop({ abort: true });
    await app.close();
    await database.close();
    process.exit(0);
  })();
});
await app.listen({ host: '127.0.0.1', port: config.PORT });
runner?.start();
console.log(`listening ${config.PORT}`);
