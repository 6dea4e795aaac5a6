import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findJob } from '../jobs/repository.ts';
import {
  processesOf,
  sharedDatabase,
  startRunnerChild,
  waitForFile,
  waitUntilNone,
} from '../jobs/crash-support.ts';
import { queueSlowTranscode } from './test-slow-transcode.ts';

let shared: Awaited<ReturnType<typeof sharedDatabase>>;
const leftovers: number[] = [];
beforeAll(async () => {
  shared = await sharedDatabase();
});
afterAll(async () => {
  for (const pid of leftovers) {
    try {
      process.kill(pid, 'SIGKILL'); // only when the assertion below failed
    } catch {
      // gone
    }
  }
  await shared.close();
});

describe('the server process alone SIGKILLed during transcoding (OOM killer, kill -9 <pid>)', () => {
  it('takes its ffmpeg with it; the retried job then finishes on its own', async () => {
    const db = await shared.db();
    const { fileId, jobId } = await queueSlowTranscode(db, shared.dataDir, 'orphan');
    await shared.release();

    const marker = path.join(shared.dataDir, 'transcoding');
    const first = startRunnerChild(
      shared.childEnv({ JT_JOB_ID: jobId, JT_MARKER: marker, JT_LEASE_MS: '1000' }),
    );
    await waitForFile(marker, first); // ffmpeg has reported progress
    const encoders = () => processesOf('ffmpeg', shared.dataDir);
    expect(encoders().length).toBeGreaterThan(0);
    process.kill(first.pid!, 'SIGKILL'); // the node process only, not its process group
    await first.exited;

    const orphans = await waitUntilNone(encoders);
    leftovers.push(...orphans);
    expect(orphans).toEqual([]);

    await shared.release();
    const second = startRunnerChild(shared.childEnv({ JT_JOB_ID: jobId }));
    expect(await second.exited).toBe(0);
    expect(await findJob(await shared.db(), jobId)).toMatchObject({ status: 'succeeded', attempts: 2 });
    const asset = await (
      await shared.db()
    )
      .selectFrom('media_assets')
      .selectAll()
      .where('file_id', '=', fileId)
      .executeTakeFirstOrThrow();
    expect(asset).toMatchObject({ status: 'ready', mode: 'ladder' });
  }, 180_000);
});
