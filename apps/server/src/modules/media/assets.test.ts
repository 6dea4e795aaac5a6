import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../test/harness.ts';
import { createJobRunner, type JobRunner } from '../jobs/runner.ts';
import { jobHandlers } from '../jobs/handlers.ts';
import { findJob } from '../jobs/repository.ts';
import { enqueueJob } from '../jobs/queue.ts';
import { enqueueTranscode } from './assets-service.ts';
import { makeTestVideo } from './test-media.ts';

let t: TestContext;
let runner: JobRunner;
let admin: Client;
let unitAdmin: Client;
let video: string;
let seq = 0;

beforeAll(async () => {
  t = await createTestContext({ env: { DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'jt-assets-')) } });
  runner = createJobRunner(t.deps, jobHandlers(t.deps));
  const root = await t.factories.org({ name: '媒体市委', type: 'committee' });
  const unit = await t.factories.org({ name: '媒体单位', type: 'unit', parent: root });
  await t.factories.user([{ role: 'platform_admin', org: root }], { username: 'media_root' });
  await t.factories.user([{ role: 'unit_admin', org: unit }], { username: 'media_unit' });
  admin = await t.login('media_root');
  unitAdmin = await t.login('media_unit');
  video = await makeTestVideo({ seconds: 3, width: 320, height: 240 });
});
afterAll(async () => {
  await t.close();
  fs.rmSync(t.deps.config.dataDir, { recursive: true, force: true });
});

/** A stored (uploaded) file on local storage with these bytes. */
async function storedFile(bytes: Buffer) {
  const key = `test/${++seq}.mp4`;
  const full = path.join(t.deps.config.dataDir, 'files', key);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, bytes);
  const row = await t.db
    .insertInto('stored_files')
    .values({
      detected_type: 'mp4',
      mime: 'video/mp4',
      size_bytes: bytes.length,
      sha256: '0'.repeat(64),
      original_name: `视频${seq}.mp4`,
      storage: 'local',
      storage_key: key,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('media.transcode job and playback routes', () => {
  it('queues, transcodes and serves HLS with range requests and a poster', async () => {
    const fileId = await storedFile(fs.readFileSync(video));
    const { jobId } = await enqueueTranscode(t.db, { fileId, orgPath: '1.', now: t.clock.now() });

    let res = await admin.get(`/api/media/${fileId}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'pending', statusLabel: '等待处理', jobId, masterUrl: null });

    expect(await runner.drain()).toBe(1);
    expect(await findJob(t.db, jobId)).toMatchObject({ status: 'succeeded', progress: 100 });

    res = await admin.get(`/api/media/${fileId}`);
    const view = res.json();
    expect(view).toMatchObject({
      status: 'ready',
      mode: 'remux',
      progress: 100,
      masterUrl: `/api/media/${fileId}/hls/master.m3u8`,
      posterUrl: `/api/media/${fileId}/poster.jpg`,
      renditions: [{ name: 'src', width: 320, height: 240, url: `/api/media/${fileId}/hls/src.m3u8` }],
    });
    expect(view.durationSeconds).toBeCloseTo(3, 0);

    const master = await admin.get(view.masterUrl);
    expect(master.statusCode).toBe(200);
    expect(master.headers['content-type']).toBe('application/vnd.apple.mpegurl');
    expect(master.body).toContain('src.m3u8');

    const playlist = await admin.get(view.renditions[0].url);
    const segment = playlist.body.split('\n').find((l) => l.endsWith('.ts'))!;
    const whole = await admin.get(`/api/media/${fileId}/hls/${segment}`);
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['content-type']).toBe('video/mp2t');
    expect(whole.headers['accept-ranges']).toBe('bytes');
    const size = whole.rawPayload.length;
    expect(whole.rawPayload[0]).toBe(0x47); // MPEG-TS sync byte

    const part = await admin.inject({
      method: 'GET',
      url: `/api/media/${fileId}/hls/${segment}`,
      headers: { range: 'bytes=188-375' },
    });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 188-375/${size}`);
    expect(part.rawPayload).toEqual(whole.rawPayload.subarray(188, 376));

    const tail = await admin.inject({
      method: 'GET',
      url: `/api/media/${fileId}/hls/${segment}`,
      headers: { range: 'bytes=-100' },
    });
    expect(tail.statusCode).toBe(206);
    expect(tail.headers['content-range']).toBe(`bytes ${size - 100}-${size - 1}/${size}`);

    const beyond = await admin.inject({
      method: 'GET',
      url: `/api/media/${fileId}/hls/${segment}`,
      headers: { range: `bytes=${size}-` },
    });
    expect(beyond.statusCode).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${size}`);

    const poster = await admin.get(view.posterUrl);
    expect(poster.statusCode).toBe(200);
    expect(poster.headers['content-type']).toBe('image/jpeg');
    expect([...poster.rawPayload.subarray(0, 2)]).toEqual([0xff, 0xd8]);
  });

  it('serves a poster for a 20 s video whose keyframes are 10 s apart (x264 default GOP)', async () => {
    const fileId = await storedFile(fs.readFileSync(await makeTestVideo({ seconds: 20, gopSeconds: 10 })));
    await enqueueTranscode(t.db, { fileId, orgPath: '1.', now: t.clock.now() });
    await runner.drain();
    const view = (await admin.get(`/api/media/${fileId}`)).json();
    expect(view).toMatchObject({ status: 'ready', posterUrl: `/api/media/${fileId}/poster.jpg` });
    const poster = await admin.get(view.posterUrl);
    expect(poster.statusCode).toBe(200);
    expect(poster.headers['content-type']).toBe('image/jpeg');
    expect([...poster.rawPayload.subarray(0, 2)]).toEqual([0xff, 0xd8]);
  });

  it('records the asset also for a job queued without one (enqueueJob directly)', async () => {
    const fileId = await storedFile(fs.readFileSync(video));
    const jobId = await enqueueJob(t.db, {
      type: 'media.transcode',
      payload: { fileId },
      orgPath: '1.',
      now: t.clock.now(),
    });
    expect((await admin.get(`/api/media/${fileId}`)).json()).toMatchObject({ status: 'pending', jobId });
    await runner.drain();
    expect((await admin.get(`/api/media/${fileId}`)).json()).toMatchObject({
      status: 'ready',
      mode: 'remux',
    });
  });

  it('refuses unsafe names, strangers and unknown files', async () => {
    const fileId = await storedFile(fs.readFileSync(video));
    await enqueueTranscode(t.db, { fileId, orgPath: '1.', now: t.clock.now() });
    await runner.drain();
    for (const name of ['..%2Fsecret.ts', '.hidden.ts', 'run.sh', 'a%20b.ts', 'poster.jpg']) {
      const res = await admin.get(`/api/media/${fileId}/hls/${name}`);
      expect(res.statusCode, name).toBe(400);
    }
    expect((await admin.get(`/api/media/${fileId}/hls/nope.ts`)).statusCode).toBe(404);
    expect((await t.anonymous.get(`/api/media/${fileId}`)).statusCode).toBe(401);
    const denied = await unitAdmin.get(`/api/media/${fileId}/hls/master.m3u8`);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().detail).toBe('您没有权限查看该视频');
    expect((await admin.get('/api/media/987654')).statusCode).toBe(404);
  });

  it('answers 409 while the video is still being processed', async () => {
    const fileId = await storedFile(fs.readFileSync(video));
    await enqueueTranscode(t.db, { fileId, orgPath: '1.', now: t.clock.now() });
    const res = await admin.get(`/api/media/${fileId}/hls/master.m3u8`);
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toBe('视频还在处理中，请稍后再试');
  });

  it('records a video ffmpeg cannot read: pending while retries remain, then failed, nothing published', async () => {
    const fileId = await storedFile(Buffer.from('this is not a video at all'));
    const { jobId } = await enqueueTranscode(t.db, { fileId, orgPath: '1.', now: t.clock.now() });
    await t.db.updateTable('jobs').set({ max_attempts: 2 }).where('id', '=', jobId).execute();

    await runner.drain();
    let view = (await admin.get(`/api/media/${fileId}`)).json();
    expect(view.status).toBe('pending');
    expect(view.error).toBe(
      '上次处理失败，系统将自动重试：无法读取该视频文件（文件不完整或已损坏），请重新导出后上传',
    );

    t.clock.advance(10_000);
    await runner.drain();
    view = (await admin.get(`/api/media/${fileId}`)).json();
    expect(view).toMatchObject({
      status: 'failed',
      statusLabel: '处理失败',
      error: '无法读取该视频文件（文件不完整或已损坏），请重新导出后上传',
      masterUrl: null,
    });
    const row = await t.db
      .selectFrom('media_assets')
      .selectAll()
      .where('file_id', '=', fileId)
      .executeTakeFirst();
    expect(row?.status).toBe('failed');
    expect(fs.existsSync(path.join(t.deps.config.dataDir, 'media', fileId))).toBe(false);
  });
});
