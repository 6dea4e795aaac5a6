import fs from 'node:fs';
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
import { enqueueTranscode } from './assets-service.ts';
import { makeTestVideo } from './test-media.ts';

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
    // 10-bit H.264 is not remuxable, so this is a real (slower) ladder encode we can interrupt.
    const source = await makeTestVideo({ seconds: 8, width: 1280, height: 720, pixFmt: 'yuv420p10le' });
    const key = 'orphan/video.mp4';
    fs.mkdirSync(path.join(shared.dataDir, 'files', 'orphan'), { recursive: true });
    fs.copyFileSync(source, path.join(shared.dataDir, 'files', key));
    const db = await shared.db();
    const file = await db
      .insertInto('stored_files')
      .values({
        detected_type: 'mp4',
        mime: 'video/mp4',
        size_bytes: fs.statSync(source).size,
        sha256: '0'.repeat(64),
        original_name: '宣讲视频.mp4',
        storage: 'local',
        storage_key: key,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { jobId } = await enqueueTranscode(db, { fileId: file.id, orgPath: null, now: new Date() });
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
      .where('file_id', '=', file.id)
      .executeTakeFirstOrThrow();
    expect(asset).toMatchObject({ status: 'ready', mode: 'ladder' });
  }, 180_000);
});
