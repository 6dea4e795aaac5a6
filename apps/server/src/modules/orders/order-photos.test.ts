import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { HEIC_REFUSAL, type OrderDetail, type OrderPhoto } from '@jiangtai/contracts';
import { createTestContext, type Client, type TestContext } from '../../test/harness.ts';
import { runTus, tempDir } from '../uploads/test-support.ts';
import { orderBody, ordersScene, type OrdersScene } from './test-orders-scene.ts';

/**
 * Photos of a delivered order: uploaded (purpose order-photo) by the dispatched speaker or the ordering
 * branch once accepted, attached by the deliver step, served to whoever sees the order.
 */
let t: TestContext;
let s: OrdersScene;
let endpoint: string;
let dataDir: string;
let orderId: string;
beforeAll(async () => {
  dataDir = tempDir('jt-order-photos-');
  t = await createTestContext({ env: { DATA_DIR: dataDir } });
  s = await ordersScene(t);
  endpoint = `${await t.app.listen({ host: '127.0.0.1', port: 0 })}/api/uploads`;
  const res = await s.as.secA.post('/api/orders', orderBody(s.pools.a, s.branchA.id));
  expect(res.statusCode, res.body).toBe(201);
  orderId = res.json<OrderDetail>().id;
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const photo = () =>
  sharp({ create: { width: 1200, height: 900, channels: 3, background: { r: 160, g: 40, b: 40 } } })
    .jpeg()
    .toBuffer();
const upload = async (who: Client, meta: Record<string, string> = {}) =>
  runTus(endpoint, await photo(), {
    cookie: who.cookie,
    csrf: who.csrf,
    metadata: { purpose: 'order-photo', orderId, filename: '现场.jpg', ...meta },
  });
const uploaded = async (who: Client) => {
  const res = await upload(who);
  expect(res.error, res.body).toBeNull();
  return JSON.parse(res.body) as OrderPhoto;
};

describe('order-photo upload', () => {
  it('409 before the order is accepted', async () => {
    expect((await upload(s.as.secA)).status).toBe(409);
    await s.as.orgA.post(`/api/orders/${orderId}/dispatch`, { speakerId: s.speakers.liu });
    expect((await upload(s.as.speaker)).status).toBe(409);
    const accepted = await s.as.speaker.post(`/api/orders/${orderId}/answer`, { accept: true });
    expect(accepted.json<OrderDetail>().state).toBe('accepted');
  });

  it('refuses: 400 no order, 403 a manager, 404 another branch or unknown, 415 HEIC', async () => {
    expect((await upload(s.as.secA, { orderId: '' })).status).toBe(400);
    expect((await upload(s.as.orgA)).status).toBe(403);
    expect((await upload(s.as.secB)).status).toBe(404);
    expect((await upload(s.as.plain)).status).toBe(404);
    expect((await upload(s.as.secA, { orderId: '999999' })).status).toBe(404);
    const heic = await upload(s.as.secA, { filename: 'IMG_9.heic', filetype: 'image/heic' });
    expect(heic.status).toBe(415);
    expect(JSON.parse(heic.body).detail).toBe(HEIC_REFUSAL);
  });
});

describe('POST /api/orders/:id/deliver with photoIds, GET /api/order-photos/:id', () => {
  let mine: OrderPhoto;
  let theirs: OrderPhoto;
  it('a waiting photo is its uploader’s alone', async () => {
    mine = await uploaded(s.as.speaker);
    theirs = await uploaded(s.as.secA);
    expect(mine).toMatchObject({ width: 1200, height: 900 });
    expect((await s.as.speaker.get(mine.thumbUrl)).statusCode).toBe(200);
    expect((await s.as.orgA.get(mine.url)).statusCode).toBe(404);
    expect((await s.as.secA.get(mine.url)).statusCode).toBe(404);
  });

  it('400 someone else’s photo, an unknown one or ten; nothing changes', async () => {
    const body = { deliveredOn: '2026-07-01', attendance: 30 };
    for (const photoIds of [[theirs.id], ['999999'], Array.from({ length: 10 }, () => mine.id)]) {
      const res = await s.as.speaker.post(`/api/orders/${orderId}/deliver`, { ...body, photoIds });
      expect(res.statusCode, res.body).toBe(400);
    }
    expect((await s.as.speaker.get(`/api/orders/${orderId}`)).json<OrderDetail>().state).toBe('accepted');
  });

  it('200 attaches the named photos; the others waiting are dropped', async () => {
    const res = await s.as.speaker.post(`/api/orders/${orderId}/deliver`, {
      deliveredOn: '2026-07-01',
      attendance: 30,
      summary: '讲得很好',
      photoIds: [mine.id, mine.id],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<OrderDetail>().photos).toEqual([mine]);
    const seen = (await s.as.secA.get(`/api/orders/${orderId}`)).json<OrderDetail>();
    expect(seen.photos.map((p) => p.id)).toEqual([mine.id]);
    expect((await s.as.secA.get(theirs.url)).statusCode).toBe(404);
    expect((await upload(s.as.secA)).status, 'delivered: no more uploads').toBe(409);
  });

  it('serves it to whoever sees the order: 200, 400, 401, 404', async () => {
    for (const c of [s.as.secA, s.as.orgA, s.as.speaker, s.as.unitA]) {
      const r = await c.get(mine.thumbUrl);
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe('image/jpeg');
    }
    const full = await sharp((await s.as.secA.get(mine.url)).rawPayload).metadata();
    expect(full).toMatchObject({ format: 'jpeg', width: 1200 });
    expect((await s.as.secA.get(`${mine.url}?variant=huge`)).statusCode).toBe(400);
    expect((await s.as.secA.get('/api/order-photos/abc')).statusCode).toBe(400);
    expect((await t.anonymous.get(mine.url)).statusCode).toBe(401);
    for (const c of [s.as.secB, s.as.orgB, s.as.plain]) expect((await c.get(mine.url)).statusCode).toBe(404);
    expect((await s.as.secA.get('/api/order-photos/999999')).statusCode).toBe(404);
  });
});
