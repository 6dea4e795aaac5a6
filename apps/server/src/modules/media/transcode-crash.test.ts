import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findJob } from '../jobs/repository.ts';
import { killGroup, sharedDatabase, startRunnerChild, waitForFile } from '../jobs/crash-support.ts';
import { queueSlowTranscode } from './test-slow-transcode.ts';

let shared: Awaited<ReturnType<typeof sharedDatabase>>;
beforeAll(async () => {
  shared = await sharedDatabase();
});
afterAll(async () => {
  await shared.close();
});

describe('the runner process killed during transcoding', () => {
  it('leaves the job to the next runner, which publishes the video; nothing stays "processing"', async () => {
    const db = await shared.db();
    const { fileId, jobId } = await queueSlowTranscode(db, shared.dataDir, 'crash');
    await shared.release();

    const marker = path.join(shared.dataDir, 'transcoding');
    const first = startRunnerChild(
      shared.childEnv({ JT_JOB_ID: jobId, JT_MARKER: marker, JT_LEASE_MS: '1000' }),
    );
    await waitForFile(marker, first); // ffmpeg has reported progress
    await killGroup(first); // the runner and its ffmpeg, mid-encode

    const mediaDir = path.join(shared.dataDir, 'media');
    const asset = () =>
      shared
        .db()
        .then((d) =>
          d.selectFrom('media_assets').selectAll().where('file_id', '=', fileId).executeTakeFirstOrThrow(),
        );
    expect((await asset()).status).toBe('processing');
    expect((await findJob(await shared.db(), jobId))?.status).toBe('running');
    expect(fs.existsSync(path.join(mediaDir, fileId))).toBe(false); // never half-published
    await shared.release();

    const second = startRunnerChild(shared.childEnv({ JT_JOB_ID: jobId }));
    expect(await second.exited).toBe(0);

    expect(await findJob(await shared.db(), jobId)).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(await asset()).toMatchObject({ status: 'ready', mode: 'ladder' });
    expect(fs.readdirSync(mediaDir)).toEqual([fileId]); // the killed attempt's temp folder is gone
    expect(fs.readdirSync(path.join(mediaDir, fileId))).toEqual(
      expect.arrayContaining(['master.m3u8', '720p.m3u8', '480p.m3u8', 'poster.jpg']),
    );
  }, 180_000);
});
