import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderDetail, PoolSpeakerDetail } from '@jiangtai/contracts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { orderBody, ordersScene, type OrdersScene } from '../orders/test-orders-scene.ts';

let t: TestContext;
let s: OrdersScene;
beforeAll(async () => {
  t = await createTestContext();
  s = await ordersScene(t);
  await t.factories.user([{ role: 'supervisor', org: s.city }], { username: 'rec_sup' });
});
afterAll(async () => t.close());

/** An order of 甲县一村 dispatched to 刘讲, accepted, delivered and (when stars are given) rated. */
async function deliveredOrder(on: string, attendance: number, stars?: [number, number]) {
  const o = (await s.as.secA.post('/api/orders', orderBody(s.pools.a, s.branchA.id))).json<OrderDetail>();
  await s.as.orgA.post(`/api/orders/${o.id}/dispatch`, { speakerId: s.speakers.liu });
  await s.as.speaker.post(`/api/orders/${o.id}/answer`, { accept: true });
  const d = await s.as.speaker.post(`/api/orders/${o.id}/deliver`, { deliveredOn: on, attendance });
  expect(d.statusCode, d.body).toBe(200);
  if (stars) {
    const r = await s.as.secA.post(`/api/orders/${o.id}/rate`, { content: stars[0], delivery: stars[1] });
    expect(r.statusCode, r.body).toBe(200);
  }
  return o.id;
}

describe('the speaker page’s 点单 record', () => {
  it('shows managers the lectures, audience and ratings; nobody else sees them', async () => {
    const url = `/api/pool-speakers/${s.speakers.liu}`;
    const before = (await s.as.orgA.get(url)).json<PoolSpeakerDetail>();
    expect(before.orderRecord).toEqual({
      delivered: 0,
      audience: 0,
      ratingContent: null,
      ratingDelivery: null,
      ratingCount: 0,
      recent: [],
    });

    await deliveredOrder('2026-06-20', 30, [5, 4]);
    await deliveredOrder('2026-06-25', 20, [4, 4]);
    const last = await deliveredOrder('2026-06-28', 15);

    const res = await s.as.orgA.get(url);
    expect(res.statusCode, res.body).toBe(200);
    const rec = res.json<PoolSpeakerDetail>().orderRecord!;
    expect(rec).toMatchObject({
      delivered: 3,
      audience: 65,
      ratingContent: 4.5,
      ratingDelivery: 4,
      ratingCount: 2,
    });
    expect(rec.recent.map((r) => [r.deliveredOn, r.orgName])).toEqual([
      ['2026-06-28', '甲县一村支部'],
      ['2026-06-25', '甲县一村支部'],
      ['2026-06-20', '甲县一村支部'],
    ]);
    expect(rec.recent[0]).toMatchObject({ orderId: last, topic: '乡村振兴政策解读' });
    // The city's organiser manages from above.
    expect((await s.as.cityOrg.get(url)).json<PoolSpeakerDetail>().orderRecord?.delivered).toBe(3);

    // The speaker sees his page but not his ratings; the supervisor reads the pool as with phones: masked, no record.
    const own = await s.as.speaker.get(url);
    expect(own.statusCode).toBe(200);
    expect(own.json<PoolSpeakerDetail>()).toMatchObject({ isSelf: true, orderRecord: null });
    const sup = await (await t.login('rec_sup')).get(url);
    expect(sup.statusCode).toBe(200);
    expect(sup.json<PoolSpeakerDetail>().orderRecord).toBeNull();

    expect((await s.as.orgB.get(url)).statusCode, 'another county').toBe(404);
    expect((await t.anonymous.get(url)).statusCode).toBe(401);
  });
});

describe('GET /api/pool-speakers/mine', () => {
  it('lists the member’s active speaker rows; empty for a member who is none; 401 signed out', async () => {
    const res = await s.as.speaker.get('/api/pool-speakers/mine');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      items: [{ id: s.speakers.liu, pool: { id: s.pools.a, name: '甲县师资库', orgName: '甲县' } }],
    });
    expect((await s.as.plain.get('/api/pool-speakers/mine')).json()).toEqual({ items: [] });
    expect((await s.as.orgA.get('/api/pool-speakers/mine')).json(), 'no member record').toEqual({
      items: [],
    });
    expect((await t.anonymous.get('/api/pool-speakers/mine')).statusCode).toBe(401);
  });
});
