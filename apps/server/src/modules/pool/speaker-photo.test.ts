import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { HEIC_REFUSAL, type PoolSpeakerDetail, type PoolSummary, type PoolView } from '@jiangtai/contracts';
import { createTestContext, type Client, type TestContext } from '../../test/harness.ts';
import { runTus, tempDir } from '../uploads/test-support.ts';
import { poolScene, type PoolScene } from './test-pool-scene.ts';

/**
 * A speaker's photo: uploaded with tus (purpose speaker-photo) by the pool's managers, re-encoded,
 * replaced and removed through the pool (history and audit), served to the speaker's readers and to
 * those who see the speaker on a menu.
 */
let t: TestContext;
let s: PoolScene;
let endpoint: string;
let dataDir: string;
let pool: PoolSummary;
let speakerId: string;
let member: Client;
let outsider: Client;
beforeAll(async () => {
  dataDir = tempDir('jt-speaker-photo-');
  t = await createTestContext({ env: { DATA_DIR: dataDir } });
  s = await poolScene(t);
  endpoint = `${await t.app.listen({ host: '127.0.0.1', port: 0 })}/api/uploads`;
  pool = (await s.cityOrganiser.post('/api/pools', { orgId: s.city.id, name: '焦作市师资库' })).json();
  const added = await s.cityOrganiser.post(`/api/pools/${pool.id}/speakers/from-entry`, {
    entryId: s.entryId,
  });
  expect(added.statusCode, added.body).toBe(201);
  speakerId = added.json<PoolSpeakerDetail>().id;
  // 李党员 of the same branch: no role, reads no pool, but may read the city's menu.
  const u = await t.factories.user([{ role: 'member', org: s.branch }], { username: 'p_li' });
  await t.db.updateTable('users').set({ member_id: s.other.id }).where('id', '=', u.id).execute();
  member = await t.login('p_li');
  const elsewhere = await t.factories.org({ name: '别的市委', type: 'committee' });
  await t.factories.user([{ role: 'organiser', org: elsewhere }], { username: 'p_out' });
  outsider = await t.login('p_out');
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const bigPhoto = () =>
  sharp({ create: { width: 3000, height: 2000, channels: 3, background: { r: 30, g: 90, b: 160 } } })
    .jpeg()
    .withExif({ IFD0: { Make: 'JiangtaiTestPhone' } })
    .toBuffer();

const upload = async (who: Client, meta: Record<string, string> = {}, bytes?: Buffer) =>
  runTus(endpoint, bytes ?? (await bigPhoto()), {
    cookie: who.cookie,
    csrf: who.csrf,
    metadata: { purpose: 'speaker-photo', speakerId, filename: '证件照.jpg', ...meta },
  });

const detail = async () =>
  (await s.cityOrganiser.get(`/api/pool-speakers/${speakerId}`)).json<PoolSpeakerDetail>();
const audits = async (action: string) =>
  (await t.db.selectFrom('audit_log').select('id').where('action', '=', action).execute()).length;

describe('speaker-photo upload', () => {
  it('refuses before a byte: 403 a reader or the speaker, 404 out of sight or unknown, 400 no speaker, 415 HEIC', async () => {
    expect((await upload(s.supervisor)).status).toBe(403);
    expect((await upload(s.self)).status).toBe(403);
    expect((await upload(outsider)).status).toBe(404);
    expect((await upload(s.cityOrganiser, { speakerId: '999999' })).status).toBe(404);
    expect((await upload(s.cityOrganiser, { speakerId: '' })).status).toBe(400);
    const heic = await upload(s.cityOrganiser, { filename: 'IMG_1.HEIC', filetype: 'image/heic' });
    expect(heic.status).toBe(415);
    expect(JSON.parse(heic.body).detail).toBe(HEIC_REFUSAL);
    expect((await detail()).photo).toBeNull();
  });

  it('sets the platform’s JPEG (≤ 2048 px, no EXIF) with a thumbnail, an edited event and an audit row', async () => {
    const res = await upload(s.cityOrganiser);
    expect(res.error, res.body).toBeNull();
    const out = JSON.parse(res.body) as { photo: { url: string; thumbUrl: string } };
    const d = await detail();
    expect(d.photo).toEqual(out.photo);
    expect(d.events.at(-1)).toMatchObject({ action: 'edited', reason: '上传照片' });
    expect(await audits('pool.speaker_photo_set')).toBe(1);
    const full = await s.cityOrganiser.get(d.photo!.url);
    expect(full.statusCode).toBe(200);
    expect(full.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(full.rawPayload).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 2048 });
    expect(meta.exif).toBeUndefined();
    const thumb = await sharp((await s.cityOrganiser.get(d.photo!.thumbUrl)).rawPayload).metadata();
    expect(thumb.width).toBe(480);
    // The pool's list shows it too.
    const view = (await s.cityOrganiser.get(`/api/pools/${pool.id}`)).json<PoolView>();
    expect(view.speakers.find((x) => x.id === speakerId)?.photo).toEqual(d.photo);
  });

  it('replaces it: a new address, a second event', async () => {
    const before = (await detail()).photo!;
    const res = await upload(s.cityOrganiser);
    expect(res.error, res.body).toBeNull();
    const after = (await detail()).photo!;
    expect(after.url).not.toBe(before.url);
    expect((await detail()).events.at(-1)).toMatchObject({ action: 'edited', reason: '更换照片' });
  });
});

describe('GET /api/pool-speakers/:id/photo', () => {
  const url = () => `/api/pool-speakers/${speakerId}/photo?variant=thumb`;
  it('200 to the pool’s readers, the nominating counties and the speaker', async () => {
    for (const c of [s.cityOrganiser, s.supervisor, s.jiaAdmin, s.yiAdmin, s.self])
      expect((await c.get(url())).statusCode).toBe(200);
  });
  it('404 to a member until the speaker is on a menu they read; then 200; 404 out of sight', async () => {
    expect((await member.get(url())).statusCode).toBe(404);
    await t.db
      .insertInto('lecture_menu_items')
      .values({
        pool_id: pool.id,
        title: '村里的新变化',
        speaker_ids: [speakerId],
        duration_minutes: 30,
        format: 'onsite',
        audiences: ['village'],
      })
      .execute();
    expect((await member.get(url())).statusCode).toBe(200);
    expect((await outsider.get(url())).statusCode).toBe(404);
  });
  it('400 bad variant or id; 401; 404 unknown speaker', async () => {
    expect((await s.cityOrganiser.get(`/api/pool-speakers/${speakerId}/photo?variant=huge`)).statusCode).toBe(
      400,
    );
    expect((await s.cityOrganiser.get('/api/pool-speakers/abc/photo')).statusCode).toBe(400);
    expect((await t.anonymous.get(url())).statusCode).toBe(401);
    expect((await s.cityOrganiser.get('/api/pool-speakers/999999/photo')).statusCode).toBe(404);
  });
});

describe('DELETE /api/pool-speakers/:id/photo', () => {
  it('400 bad id; 401; 403 a reader; 404 out of sight or unknown', async () => {
    expect((await s.cityOrganiser.delete('/api/pool-speakers/abc/photo')).statusCode).toBe(400);
    expect((await t.anonymous.delete(`/api/pool-speakers/${speakerId}/photo`)).statusCode).toBe(401);
    expect((await s.supervisor.delete(`/api/pool-speakers/${speakerId}/photo`)).statusCode).toBe(403);
    expect((await s.self.delete(`/api/pool-speakers/${speakerId}/photo`)).statusCode).toBe(403);
    expect((await outsider.delete(`/api/pool-speakers/${speakerId}/photo`)).statusCode).toBe(404);
    expect((await s.cityOrganiser.delete('/api/pool-speakers/999999/photo')).statusCode).toBe(404);
    expect((await detail()).photo).not.toBeNull();
  });
  it('200 removes it (event, audit); then 404 for the photo and 409 for a second removal', async () => {
    const res = await s.cityOrganiser.delete(`/api/pool-speakers/${speakerId}/photo`);
    expect(res.statusCode, res.body).toBe(200);
    const d = await detail();
    expect(d.photo).toBeNull();
    expect(d.events.at(-1)).toMatchObject({ action: 'edited', reason: '删除照片' });
    expect(await audits('pool.speaker_photo_removed')).toBe(1);
    expect((await s.cityOrganiser.get(`/api/pool-speakers/${speakerId}/photo`)).statusCode).toBe(404);
    expect((await s.cityOrganiser.delete(`/api/pool-speakers/${speakerId}/photo`)).statusCode).toBe(409);
  });
});
