import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { appDeps } from '../../runtime.ts';
import { queueSlowTranscode } from '../media/test-slow-transcode.ts';
import { sharedDatabase } from './crash-support.ts';
import { findJob } from './repository.ts';
import { createJobRunner } from './runner.ts';

const WORKER = fileURLToPath(new URL('../../worker.ts', import.meta.url));
const DAY = 86_400_000;
const url = process.env.TEST_DATABASE_URL;

describe('CLOCK_OFFSET_DAYS', () => {
  it('moves the clock every process builds from the configuration (web server and worker alike)', () => {
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: 'memory://', CLOCK_OFFSET_DAYS: '30' });
    const ahead =
      appDeps(config, null as never)
        .clock.now()
        .getTime() - Date.now();
    expect(Math.abs(ahead - 30 * DAY)).toBeLessThan(60_000);
  });
});

/**
 * `npm run worker` beside a web server whose clock runs ahead (rehearsals, e2e). The worker only runs
 * on PostgreSQL (the embedded database belongs to one process), so this needs TEST_DATABASE_URL.
 */
describe.runIf(url)('a worker process beside a web server running CLOCK_OFFSET_DAYS ahead', () => {
  let shared: Awaited<ReturnType<typeof sharedDatabase>>;
  let worker: ReturnType<typeof spawn> | undefined;
  beforeAll(async () => {
    shared = await sharedDatabase();
  });
  afterAll(async () => {
    if (worker && worker.exitCode === null) {
      const exited = new Promise((r) => worker!.once('exit', r));
      worker.kill('SIGTERM');
      await exited;
    }
    await shared.close();
  });

  it("uses the same clock: the server's runner does not take the job the worker is running", async () => {
    const db = await shared.db();
    const { jobId } = await queueSlowTranscode(db, shared.dataDir, 'clock');

    const schema = shared.childEnv({}).JT_DB_SCHEMA!;
    const env = {
      ...process.env,
      DATABASE_URL: `${url}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
      DATA_DIR: shared.dataDir,
      CLOCK_OFFSET_DAYS: '30',
      LOG_LEVEL: 'warn',
    };
    worker = spawn(process.execPath, ['--import', 'tsx', WORKER], {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });

    let job = await findJob(db, jobId);
    for (let i = 0; i < 1200 && job?.status === 'queued'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = await findJob(db, jobId);
    }
    expect(job).toMatchObject({ status: 'running', attempts: 1 });
    // The worker wrote its lease in the shifted time, like every other time it writes.
    expect(job!.lease_until!.getTime() - Date.now()).toBeGreaterThan(29 * DAY);

    // The web server's own runner, built the way main.ts builds it, looks at the queue now.
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: shared.dataDir, CLOCK_OFFSET_DAYS: '30' });
    let ranHere = 0;
    const server = createJobRunner(appDeps(config, db), {
      'media.transcode': async () => {
        ranHere++;
      },
    });
    expect(await server.drain()).toBe(0);
    expect(ranHere).toBe(0);

    for (let i = 0; i < 3600 && job?.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = await findJob(db, jobId);
    }
    expect(job).toMatchObject({ status: 'succeeded', attempts: 1 });
  }, 240_000);
});
