import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueJob } from './queue.ts';
import { findJob } from './repository.ts';
import { killGroup, sharedDatabase, startRunnerChild, waitForFile } from './crash-support.ts';

let shared: Awaited<ReturnType<typeof sharedDatabase>>;
beforeAll(async () => {
  shared = await sharedDatabase();
});
afterAll(async () => shared.close());

describe('a runner process killed in the middle of a job', () => {
  it('leaves the job to the next runner once its lease has run out, which finishes it', async () => {
    const db = await shared.db();
    const jobId = await enqueueJob(db, { type: 'crash.probe', payload: {}, orgPath: null });
    await shared.release();

    const marker = path.join(shared.dataDir, 'started');
    const first = startRunnerChild(
      shared.childEnv({ JT_JOB_ID: jobId, JT_HANG: '1', JT_MARKER: marker, JT_LEASE_MS: '1000' }),
    );
    await waitForFile(marker, first);
    await killGroup(first); // SIGKILL: no clean-up, the job row still says "running"

    const running = await findJob(await shared.db(), jobId);
    expect(running).toMatchObject({ status: 'running', attempts: 1, progress: 10 });
    await shared.release();

    const second = startRunnerChild(shared.childEnv({ JT_JOB_ID: jobId }));
    expect(await second.exited).toBe(0);

    const done = await findJob(await shared.db(), jobId);
    expect(done).toMatchObject({ status: 'succeeded', attempts: 2, progress: 100, locked_by: null });
    expect(done?.result).toEqual({ finishedBy: second.pid });
  }, 120_000);
});
