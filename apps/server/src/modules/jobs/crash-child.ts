/**
 * A job runner in a process of its own, for the crash tests (crash.test.ts, media/transcode-crash.test.ts):
 * the test SIGKILLs it in the middle of a job and starts another one, which must finish the job.
 *
 * Environment: JT_DATA_DIR (PGlite data dir, also DATA_DIR), JT_DB_URL + JT_DB_SCHEMA (PostgreSQL
 * instead), JT_JOB_ID (exit once this job is finished), JT_LEASE_MS, JT_MARKER (file written when a
 * handler first reports progress), JT_HANG=1 (the 'crash.probe' handler never finishes).
 */
import fs from 'node:fs';
import { loadConfig } from '../../config.ts';
import { openRuntime } from '../../runtime.ts';
import { findJob } from './repository.ts';
import { jobHandlers } from './handlers.ts';
import { createJobRunner, type JobHandler } from './runner.ts';

const env = process.env;
const dataDir = env.JT_DATA_DIR!;
const config = loadConfig({
  NODE_ENV: 'test',
  DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
  ...(env.JT_DB_URL ? { DATABASE_URL: env.JT_DB_URL } : {}),
});
const { database, deps } = await openRuntime(config, { schema: env.JT_DB_SCHEMA });

const probe: JobHandler = async (_job, ctx) => {
  await ctx.progress(10);
  if (env.JT_HANG === '1') await new Promise(() => {}); // killed here
  return { finishedBy: process.pid };
};

/** Writes the marker the first time any handler reports progress: the test kills us then. */
function marking(handler: JobHandler): JobHandler {
  return (job, ctx) =>
    handler(job, {
      signal: ctx.signal,
      progress: async (pct) => {
        await ctx.progress(pct);
        if (env.JT_MARKER && !fs.existsSync(env.JT_MARKER))
          fs.writeFileSync(env.JT_MARKER, String(process.pid));
      },
    });
}

const handlers = Object.fromEntries(
  Object.entries({ ...jobHandlers(deps), 'crash.probe': probe }).map(([k, h]) => [k, marking(h)]),
);
const runner = createJobRunner(deps, handlers, { pollMs: 100, leaseMs: Number(env.JT_LEASE_MS ?? 1000) });
runner.start();

for (;;) {
  await new Promise((r) => setTimeout(r, 100));
  const job = await findJob(database.db, env.JT_JOB_ID!);
  if (job && (job.status === 'succeeded' || job.status === 'failed')) break;
}
await runner.stop();
await database.close();
process.exit(0);
