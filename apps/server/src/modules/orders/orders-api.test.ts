import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MenuItem, OrderDetail, OrderSummary } from '@jiangtai/contracts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { menuItemBody, orderBody, ordersScene, type OrdersScene } from './test-orders-scene.ts';

let t: TestContext;
let s: OrdersScene;
beforeAll(async () => {
  t = await createTestContext();
  s = await ordersScene(t);
});
afterAll(async () => t.close());

const DAY = 86_400_000;
const newOrder = async (over: Record<string, unknown> = {}) => {
  const res = await s.as.secA.post('/api/orders', orderBody(s.pools.a, s.branchA.id, over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json<OrderDetail>();
};
const notices = async (userId: string) =>
  t.db.selectFrom('user_notices').select(['kind', 'link']).where('user_id', '=', userId).execute();

describe('宣讲菜单', () => {
  it('is kept by the pool’s managers and read by the pool’s subtree, searchable and filtered', async () => {
    const created = await s.as.orgA.post(
      `/api/orders/pools/${s.pools.a}/menu`,
      menuItemBody([s.speakers.liu]),
    );
    expect(created.statusCode, created.body).toBe(201);
    const online = await s.as.orgA.post(
      `/api/orders/pools/${s.pools.a}/menu`,
      menuItemBody([s.speakers.zhang], {
        title: '网络安全知识',
        summary: '',
        format: 'online',
        audiences: ['organ'],
      }),
    );
    expect(online.statusCode).toBe(201);

    const list = (q = '') => s.as.secA.get(`/api/orders/pools/${s.pools.a}/menu${q}`);
    expect((await list()).json<{ items: MenuItem[] }>().items.map((i) => i.title)).toEqual([
      '网络安全知识',
      '学习二十届四中全会精神',
    ]);
    const search = async (q: string) =>
      (await list(q)).json<{ items: MenuItem[] }>().items.map((i) => i.title);
    expect(await search(`?q=${encodeURIComponent('刘讲')}`), 'by speaker name').toEqual([
      '学习二十届四中全会精神',
    ]);
    expect(await search(`?q=${encodeURIComponent('安全')}`), 'by title').toEqual(['网络安全知识']);
    expect(await search(`?q=${encodeURIComponent('乡村振兴')}`), 'by summary').toEqual([
      '学习二十届四中全会精神',
    ]);
    expect(await search('?format=online')).toEqual(['网络安全知识']);
    expect(await search('?audience=village')).toEqual(['学习二十届四中全会精神']);
    expect(await search(`?q=${encodeURIComponent('100%')}`), 'LIKE wildcards are literal').toEqual([]);
    expect((await list('?audience=nowhere')).statusCode).toBe(400);

    // The city's pool serves 甲县 too; 乙县's does not.
    const pools = (await s.as.secA.get('/api/orders/pools')).json<{ id: string }[]>().map((p) => p.id);
    expect(pools.sort()).toEqual([s.pools.city, s.pools.a].sort());
    expect((await s.as.secA.get(`/api/orders/pools/${s.pools.b}/menu`)).statusCode).toBe(404);
    expect((await t.anonymous.get(`/api/orders/pools/${s.pools.a}/menu`)).statusCode).toBe(401);
    expect((await s.as.secA.get('/api/orders/pools/99999999/menu')).statusCode).toBe(404);
  });

  it('refuses bad items, other pools’ speakers and non-managers; withdraws an item', async () => {
    const url = `/api/orders/pools/${s.pools.a}/menu`;
    expect((await s.as.orgA.post(url, menuItemBody([]))).statusCode).toBe(400);
    expect((await s.as.orgA.post(url, menuItemBody([s.speakers.bSpeaker]))).statusCode, 'another pool').toBe(
      400,
    );
    expect((await s.as.orgA.post(url, menuItemBody([s.speakers.gone]))).statusCode, 'left the pool').toBe(
      400,
    );
    expect((await s.as.secA.post(url, menuItemBody([s.speakers.liu]))).statusCode, 'a reader').toBe(403);
    expect((await s.as.orgB.post(url, menuItemBody([s.speakers.liu]))).statusCode, 'another county').toBe(
      404,
    );
    const id = (await s.as.cityOrg.post(url, menuItemBody([s.speakers.liu], { title: '临时' }))).json<{
      id: string;
    }>().id;
    const withdrawn = await s.as.orgA.patch(`/api/orders/menu/${id}`, { active: false });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json<MenuItem>().active).toBe(false);
    const hidden = (await s.as.secA.get(`${url}?q=${encodeURIComponent('临时')}`)).json<{
      items: MenuItem[];
    }>().items;
    expect(hidden, 'withdrawn items are hidden from orderers').toEqual([]);
    expect((await s.as.orgB.patch(`/api/orders/menu/${id}`, { active: true })).statusCode).toBe(404);

    const xlsx = await s.as.secA.get(`${url}.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain('attachment');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('宣讲菜单')!;
    expect(ws.getCell(1, 1).value).toBe('甲县师资库 宣讲菜单');
    const titles = [3, 4].map((r) => ws.getCell(r, 2).value);
    expect(titles, 'the withdrawn item is left out').toEqual(['网络安全知识', '学习二十届四中全会精神']);
    expect(ws.getCell(4, 5).value).toBe('刘讲');
    expect((await s.as.secB.get(`${url}.xlsx`)).statusCode).toBe(404);
    expect((await s.as.orgA.patch(`/api/orders/menu/${id}`, { durationMinutes: 1 })).statusCode).toBe(400);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', id)
      .where('entity_type', '=', 'lecture_menu_item')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['orders.menu_item_created', 'orders.menu_item_updated']);
  });
});

describe('点单 → 派单 → 接单 → 宣讲 → 评单', () => {
  it('runs the whole way with a decline, a re-dispatch, notices, events and the rating', async () => {
    const menu = (await s.as.secA.get(`/api/orders/pools/${s.pools.a}/menu`)).json<{ items: MenuItem[] }>()
      .items;
    const item = menu.find((i) => i.title === '学习二十届四中全会精神')!;
    const order = await newOrder({ menuItemId: item.id, topic: undefined });
    expect(order).toMatchObject({ state: 'ordered', topic: item.title, orgName: '甲县一村支部' });
    expect((await notices(s.users.secA.id)).length).toBe(0);

    // The county's organiser sees the queue and the candidates; 乙县's does not.
    const queue = (await s.as.orgA.get('/api/orders?view=manage')).json<{ items: OrderSummary[] }>().items;
    expect(queue.map((o) => o.id)).toContain(order.id);
    expect((await s.as.orgB.get('/api/orders?view=manage')).json<{ items: OrderSummary[] }>().items).toEqual(
      [],
    );
    const cands = await s.as.orgA.get(`/api/orders/${order.id}/candidates`);
    expect(
      cands
        .json<{ items: { name: string; hasAccount: boolean }[] }>()
        .items.map((c) => [c.name, c.hasAccount]),
    ).toEqual([
      ['刘讲', true],
      ['张教授', false],
    ]);
    expect(
      (await s.as.orgB.post(`/api/orders/${order.id}/dispatch`, { speakerId: s.speakers.bSpeaker }))
        .statusCode,
    ).toBe(404);
    expect(
      (await s.as.orgA.post(`/api/orders/${order.id}/dispatch`, { speakerId: s.speakers.bSpeaker }))
        .statusCode,
      'another county’s speaker',
    ).toBe(404);
    expect(
      (await s.as.secA.post(`/api/orders/${order.id}/dispatch`, { speakerId: s.speakers.liu })).statusCode,
    ).toBe(403);

    const dispatched = await s.as.orgA.post(`/api/orders/${order.id}/dispatch`, {
      speakerId: s.speakers.liu,
    });
    expect(dispatched.statusCode, dispatched.body).toBe(200);
    expect(dispatched.json<OrderDetail>()).toMatchObject({
      state: 'dispatched',
      speakerName: '刘讲',
      overdue: false,
    });
    expect(await notices(s.users.speaker.id)).toEqual([
      { kind: 'order_dispatched', link: `/orders/${order.id}` },
    ]);
    expect(
      (await s.as.orgA.post(`/api/orders/${order.id}/dispatch`, { speakerId: s.speakers.zhang })).statusCode,
      'not overdue yet',
    ).toBe(409);
    expect(
      (await s.as.orgA.post(`/api/orders/${order.id}/answer`, { accept: true })).statusCode,
      'a speaker with an account answers in person',
    ).toBe(403);

    const tasks = (await s.as.speaker.get('/api/orders?view=tasks')).json<{ items: OrderSummary[] }>().items;
    expect(tasks.map((o) => o.id)).toEqual([order.id]);
    expect((await s.as.speaker.post(`/api/orders/${order.id}/answer`, { accept: false })).statusCode).toBe(
      400,
    );
    const declined = await s.as.speaker.post(`/api/orders/${order.id}/answer`, {
      accept: false,
      reason: '当天外出',
    });
    expect(declined.json<OrderDetail>().state).toBe('declined');
    expect((await notices(s.users.speaker.id)).length).toBe(1);

    // Re-dispatched to the outside expert; the organiser answers for him, marked as such.
    await s.as.orgA.post(`/api/orders/${order.id}/dispatch`, { speakerId: s.speakers.zhang });
    expect((await s.as.speaker.get(`/api/orders/${order.id}`)).statusCode, 'no longer his').toBe(404);
    const accepted = await s.as.orgA.post(`/api/orders/${order.id}/answer`, { accept: true });
    expect(accepted.json<OrderDetail>().state).toBe('accepted');
    expect((await notices(s.users.secA.id)).map((n) => n.kind)).toEqual(['order_accepted']);
    expect((await s.as.orgA.post(`/api/orders/${order.id}/answer`, { accept: true })).statusCode).toBe(409);

    expect(
      (await s.as.secA.post(`/api/orders/${order.id}/rate`, { content: 5, delivery: 4 })).statusCode,
      'not yet',
    ).toBe(409);
    expect(
      (await s.as.secA.post(`/api/orders/${order.id}/deliver`, { deliveredOn: '2026-07-30', attendance: 40 }))
        .statusCode,
      'in the future',
    ).toBe(400);
    const delivered = await s.as.secA.post(`/api/orders/${order.id}/deliver`, {
      deliveredOn: '2026-07-01',
      attendance: 38,
      summary: '反响热烈',
    });
    expect(delivered.json<OrderDetail>()).toMatchObject({ state: 'delivered', attendance: 38 });
    expect(
      (await s.as.orgA.post(`/api/orders/${order.id}/rate`, { content: 5, delivery: 4 })).statusCode,
      'only the orderer',
    ).toBe(403);
    expect(
      (await s.as.secA.post(`/api/orders/${order.id}/rate`, { content: 6, delivery: 4 })).statusCode,
    ).toBe(400);
    const rated = await s.as.secA.post(`/api/orders/${order.id}/rate`, {
      content: 5,
      delivery: 4,
      comment: '讲得好',
    });
    expect(rated.json<OrderDetail>()).toMatchObject({
      state: 'rated',
      rating: { content: 5, delivery: 4, comment: '讲得好' },
    });
    expect(rated.json<OrderDetail>().events.map((e) => [e.action, e.toState, e.onBehalf])).toEqual([
      ['order', 'ordered', false],
      ['dispatch', 'dispatched', false],
      ['decline', 'declined', false],
      ['dispatch', 'dispatched', false],
      ['accept', 'accepted', true],
      ['deliver', 'delivered', false],
      ['rate', 'rated', false],
    ]);
    expect(rated.json<OrderDetail>().events[2]!.reason).toBe('当天外出');
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'lecture_order')
      .where('entity_id', '=', order.id)
      .orderBy('id')
      .execute();
    expect(audit).toHaveLength(7);

    // The rating feeds the speaker's average, shown to managers when dispatching.
    const other = await newOrder();
    const c2 = (await s.as.orgA.get(`/api/orders/${other.id}/candidates`)).json<{
      items: { name: string; ratingAverage: number | null; ratingCount: number }[];
    }>();
    expect(c2.items.find((c) => c.name === '张教授')).toMatchObject({ ratingAverage: 4.5, ratingCount: 1 });
    expect((await s.as.secA.get(`/api/orders/${other.id}/candidates`)).statusCode).toBe(403);
  });

  it('lets a member speaker accept and record on the phone, and keeps the rating from him', async () => {
    const order = await newOrder();
    await s.as.orgA.post(`/api/orders/${order.id}/dispatch`, { speakerId: s.speakers.liu });
    const accepted = await s.as.speaker.post(`/api/orders/${order.id}/answer`, { accept: true });
    expect(accepted.json<OrderDetail>()).toMatchObject({
      state: 'accepted',
      may: { deliver: true, rate: false },
    });
    expect((await s.as.speaker.post(`/api/orders/${order.id}/cancel`, { reason: '不去了' })).statusCode).toBe(
      403,
    );
    const delivered = await s.as.speaker.post(`/api/orders/${order.id}/deliver`, {
      deliveredOn: '2026-06-30',
      attendance: 25,
    });
    expect(delivered.json<OrderDetail>().state).toBe('delivered');
    expect((await notices(s.users.secA.id)).map((n) => n.kind)).toContain('order_delivered');
    expect(
      (await s.as.speaker.post(`/api/orders/${order.id}/rate`, { content: 3, delivery: 3 })).statusCode,
    ).toBe(403);
    await s.as.secA.post(`/api/orders/${order.id}/rate`, { content: 3, delivery: 2, comment: '一般' });
    expect((await s.as.speaker.get(`/api/orders/${order.id}`)).json<OrderDetail>()).toMatchObject({
      state: 'rated',
      rating: null,
    });
    expect((await s.as.orgA.get(`/api/orders/${order.id}`)).json<OrderDetail>().rating).toEqual({
      content: 3,
      delivery: 2,
      comment: '一般',
    });
  });

  it('lets the ordering branch cancel with a reason, and nobody else', async () => {
    const order = await newOrder();
    expect((await s.as.orgA.post(`/api/orders/${order.id}/cancel`, { reason: '不需要了' })).statusCode).toBe(
      403,
    );
    expect((await s.as.secA.post(`/api/orders/${order.id}/cancel`, { reason: '' })).statusCode).toBe(400);
    const cancelled = await s.as.secA.post(`/api/orders/${order.id}/cancel`, { reason: '活动改期' });
    expect(cancelled.json<OrderDetail>()).toMatchObject({ state: 'cancelled', cancelReason: '活动改期' });
    expect((await s.as.secA.post(`/api/orders/${order.id}/cancel`, { reason: '再取消' })).statusCode).toBe(
      409,
    );
    expect(
      (await s.as.orgA.post(`/api/orders/${order.id}/dispatch`, { speakerId: s.speakers.liu })).statusCode,
    ).toBe(409);
  });

  it('keeps orders to their branch and refuses bad orders', async () => {
    const mine = await newOrder();
    expect((await s.as.secB.get(`/api/orders/${mine.id}`)).statusCode).toBe(404);
    expect((await s.as.plain.get(`/api/orders/${mine.id}`)).statusCode).toBe(404);
    expect((await s.as.secB.get('/api/orders?view=branch')).json<{ items: unknown[] }>().items).toEqual([]);
    expect(
      (await s.as.unitA.get('/api/orders?view=branch'))
        .json<{ items: OrderSummary[] }>()
        .items.map((o) => o.id),
    ).toContain(mine.id);
    expect((await s.as.secA.get('/api/orders/99999999')).statusCode).toBe(404);
    expect((await t.anonymous.get('/api/orders?view=branch')).statusCode).toBe(401);
    expect((await s.as.secA.get('/api/orders?view=all')).statusCode).toBe(400);

    const post = (c: typeof s.as.secA, body: Record<string, unknown>) => c.post('/api/orders', body);
    expect(
      (await post(s.as.secA, orderBody(s.pools.a, s.branchA.id, { preferredDates: [] }))).statusCode,
    ).toBe(400);
    expect(
      (await post(s.as.secA, orderBody(s.pools.a, s.branchA.id, { contactPhone: '123' }))).statusCode,
    ).toBe(400);
    expect((await post(s.as.secA, orderBody(s.pools.a, s.branchA.id, { topic: undefined }))).statusCode).toBe(
      400,
    );
    expect((await post(s.as.plain, orderBody(s.pools.a, s.branchA.id))).statusCode, 'not a secretary').toBe(
      403,
    );
    expect((await post(s.as.secA, orderBody(s.pools.a, s.branchA2.id))).statusCode, 'another branch').toBe(
      403,
    );
    expect(
      (await post(s.as.secA, orderBody(s.pools.b, s.branchA.id))).statusCode,
      'another county’s pool',
    ).toBe(404);
    expect((await post(s.as.secB, orderBody(s.pools.city, s.branchB.id))).statusCode, 'the city’s pool').toBe(
      201,
    );
    const onBehalf = await post(s.as.unitA, orderBody(s.pools.a, s.branchA2.id));
    expect(onBehalf.statusCode, 'a unit admin for its branch').toBe(201);
    expect(
      (await s.as.unitA.get('/api/orders/branches'))
        .json<{ items: { name: string }[] }>()
        .items.map((b) => b.name),
    ).toEqual(['甲县一村支部', '甲县二支部']);
    expect(
      (await s.as.secA.get('/api/orders/branches'))
        .json<{ items: { name: string }[] }>()
        .items.map((b) => b.name),
    ).toEqual(['甲县一村支部']);
  });

  it('counts orders per pool and drills down the tree, for managers only', async () => {
    const all = await s.as.cityOrg.get('/api/orders/stats');
    expect(all.statusCode).toBe(200);
    const rows = all.json<{
      rows: {
        orgName: string;
        orders: number;
        delivered: number;
        audienceReached: number;
        ratingAverage: number | null;
      }[];
    }>().rows;
    expect(rows.map((r) => r.orgName)).toEqual(['讲台市师资库', '甲县师资库', '乙县师资库']);
    expect(rows[1]).toMatchObject({ delivered: 2, audienceReached: 63, ratingAverage: 3.5 });
    const drill = await s.as.orgA.get(`/api/orders/stats?poolId=${s.pools.a}`);
    expect(
      drill
        .json<{ rows: { orgName: string; byAudience: Record<string, number> }[] }>()
        .rows.map((r) => r.orgName),
    ).toEqual(['甲县一村支部', '甲县二支部']);
    expect((await s.as.orgB.get(`/api/orders/stats?poolId=${s.pools.a}`)).statusCode).toBe(404);
    expect((await s.as.secA.get(`/api/orders/stats?poolId=${s.pools.a}`)).statusCode).toBe(403);
    expect(
      (await s.as.orgA.get(`/api/orders/stats?poolId=${s.pools.a}&orgId=${s.branchB.id}`)).statusCode,
    ).toBe(400);
    expect((await s.as.secA.get('/api/orders/stats')).json<{ rows: unknown[] }>().rows).toEqual([]);
  });
  it('highlights an unanswered dispatch after the deadline and lets the manager re-dispatch', async () => {
    const order = await newOrder();
    await s.as.orgA.post(`/api/orders/${order.id}/dispatch`, { speakerId: s.speakers.zhang });
    const other = await newOrder({ preferredDates: ['2026-07-10'] });
    const c = (await s.as.orgA.get(`/api/orders/${other.id}/candidates`)).json<{
      items: { name: string; bookings: { orderId: string }[] }[];
    }>();
    expect(c.items.find((x) => x.name === '张教授')!.bookings.map((b) => b.orderId)).toContain(order.id);
    // Last test in the file: the clock moves on for good (sessions expire, so log in again).
    t.clock.advance(3 * DAY + 1000);
    {
      const orgA = await t.login('ord_orga');
      const queue = (await orgA.get('/api/orders?view=manage&state=dispatched')).json<{
        items: OrderSummary[];
      }>();
      expect(queue.items.find((o) => o.id === order.id)!.overdue).toBe(true);
      const re = await orgA.post(`/api/orders/${order.id}/dispatch`, { speakerId: s.speakers.liu });
      expect(re.json<OrderDetail>()).toMatchObject({
        state: 'dispatched',
        speakerName: '刘讲',
        overdue: false,
      });
    }
  });
});
