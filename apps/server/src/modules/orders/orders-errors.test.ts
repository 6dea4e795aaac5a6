import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MenuItem, OrderDetail } from '@jiangtai/contracts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { menuItemBody, orderBody, ordersScene, type OrdersScene } from './test-orders-scene.ts';

/**
 * The refusals of the 宣讲菜单 and 点单 endpoints that orders-api.test.ts does not reach: each answers
 * with its status and Chinese words, and leaves the order (row, events, audit, notices) as it was.
 */
let t: TestContext;
let s: OrdersScene;
let itemId: string;
beforeAll(async () => {
  t = await createTestContext();
  s = await ordersScene(t);
  const res = await s.as.orgA.post(`/api/orders/pools/${s.pools.a}/menu`, menuItemBody([s.speakers.liu]));
  expect(res.statusCode, res.body).toBe(201);
  itemId = res.json<{ id: string }>().id;
});
afterAll(async () => t.close());

type Res = Awaited<ReturnType<OrdersScene['as']['secA']['get']>>;
const detail = (res: Res) => res.json<{ detail: string }>().detail;

/** Everything a refused request could have touched for one order. */
async function orderFacts(id: string) {
  const [row, events, audits, notices] = await Promise.all([
    t.db.selectFrom('lecture_orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    t.db.selectFrom('lecture_order_events').select('id').where('order_id', '=', id).execute(),
    t.db
      .selectFrom('audit_log')
      .select('id')
      .where('entity_type', '=', 'lecture_order')
      .where('entity_id', '=', id)
      .execute(),
    t.db.selectFrom('user_notices').select('id').where('link', '=', `/orders/${id}`).execute(),
  ]);
  return { row, events: events.length, audits: audits.length, notices: notices.length };
}

/** Runs the refused request and checks its status, its words and that the order did not move. */
async function refused(id: string, status: number, words: string, send: () => Promise<Res>) {
  const before = await orderFacts(id);
  const res = await send();
  expect(res.statusCode, res.body).toBe(status);
  expect(detail(res)).toContain(words);
  expect(await orderFacts(id)).toEqual(before);
  return res;
}

const newOrder = async (over: Record<string, unknown> = {}) => {
  const res = await s.as.secA.post('/api/orders', orderBody(s.pools.a, s.branchA.id, over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json<OrderDetail>().id;
};
const dispatched = async (speakerId = s.speakers.zhang) => {
  const id = await newOrder();
  expect((await s.as.orgA.post(`/api/orders/${id}/dispatch`, { speakerId })).statusCode).toBe(200);
  return id;
};
const accepted = async () => {
  const id = await dispatched();
  expect((await s.as.orgA.post(`/api/orders/${id}/answer`, { accept: true })).statusCode).toBe(200);
  return id;
};
const delivered = async () => {
  const id = await accepted();
  const res = await s.as.secA.post(`/api/orders/${id}/deliver`, {
    deliveredOn: '2026-07-01',
    attendance: 30,
  });
  expect(res.statusCode, res.body).toBe(200);
  return id;
};

describe('宣讲菜单条目的修改与下架', () => {
  async function itemFacts() {
    const row = await t.db
      .selectFrom('lecture_menu_items')
      .selectAll()
      .where('id', '=', itemId)
      .executeTakeFirst();
    const audits = await t.db
      .selectFrom('audit_log')
      .select('id')
      .where('entity_type', '=', 'lecture_menu_item')
      .where('entity_id', '=', itemId)
      .execute();
    return { row, audits: audits.length };
  }
  async function refusedPatch(c: OrdersScene['as']['orgA'], body: object, status: number, words: string) {
    const before = await itemFacts();
    const res = await c.patch(`/api/orders/menu/${itemId}`, body);
    expect(res.statusCode, res.body).toBe(status);
    expect(detail(res)).toContain(words);
    expect(await itemFacts()).toEqual(before);
  }

  it('403 a reader of the pool; 404 another county and a missing item alike; 401 without a session', async () => {
    await refusedPatch(
      s.as.secA,
      { active: false },
      403,
      '只有师资库所属单位的组织者、管理员可以维护宣讲菜单',
    );
    await refusedPatch(s.as.orgB, { active: false }, 404, '不存在或不在您的查看范围内');
    const missing = await s.as.orgA.patch('/api/orders/menu/99999999', { active: false });
    expect(missing.statusCode).toBe(404);
    expect(detail(missing)).toBe('宣讲菜单条目不存在或不在您的查看范围内');
    const outside = await s.as.orgB.patch(`/api/orders/menu/${itemId}`, { active: false });
    expect(outside.json(), 'no hint that the item exists').toEqual(missing.json());
    expect((await t.anonymous.patch(`/api/orders/menu/${itemId}`, { active: false })).statusCode).toBe(401);
  });

  it('400 speakers of another pool, a speaker who left, no speaker, an empty title, a bad id', async () => {
    await refusedPatch(
      s.as.orgA,
      { speakerIds: [s.speakers.bSpeaker] },
      400,
      '所选宣讲人须是本师资库在库的宣讲人',
    );
    await refusedPatch(
      s.as.orgA,
      { speakerIds: [s.speakers.gone] },
      400,
      '所选宣讲人须是本师资库在库的宣讲人',
    );
    await refusedPatch(s.as.orgA, { speakerIds: [] }, 400, '提交的内容有误');
    await refusedPatch(s.as.orgA, { title: '' }, 400, '提交的内容有误');
    await refusedPatch(s.as.orgA, { format: 'teleport' }, 400, '提交的内容有误');
    const bad = await s.as.orgA.patch('/api/orders/menu/abc', { active: false });
    expect(bad.statusCode).toBe(400);
    expect(detail(bad)).toContain('地址参数有误');
  });

  it('200 a withdrawn item can be put back; an order cannot name a withdrawn item (400)', async () => {
    const off = await s.as.orgA.patch(`/api/orders/menu/${itemId}`, { active: false });
    expect(off.json<MenuItem>().active).toBe(false);
    const before = await t.db.selectFrom('lecture_orders').select('id').execute();
    const res = await s.as.secA.post(
      '/api/orders',
      orderBody(s.pools.a, s.branchA.id, { menuItemId: itemId }),
    );
    expect(res.statusCode).toBe(400);
    expect(detail(res)).toBe('所选宣讲已不在本菜单中');
    expect(await t.db.selectFrom('lecture_orders').select('id').execute()).toEqual(before);
    const on = await s.as.orgA.patch(`/api/orders/menu/${itemId}`, { active: true });
    expect(on.statusCode).toBe(200);
    expect(on.json<MenuItem>().active).toBe(true);
  });
});

describe('菜单的导出、维护用宣讲人列表、新增条目', () => {
  it('menu.xlsx: 404 alike for a pool out of sight and a missing one, nothing of the pool in the answer', async () => {
    const hidden = await s.as.secA.get(`/api/orders/pools/${s.pools.b}/menu.xlsx`);
    const missing = await s.as.secA.get('/api/orders/pools/99999999/menu.xlsx');
    expect(hidden.statusCode).toBe(404);
    expect(detail(hidden)).toBe('师资库不存在或不在您的查看范围内');
    expect(hidden.json()).toEqual(missing.json());
    expect(hidden.headers['content-disposition']).toBeUndefined();
    expect(hidden.body).not.toContain('乙县');
    expect(
      (await s.as.plain.get(`/api/orders/pools/${s.pools.city}/menu.xlsx`)).statusCode,
      'the city serves 甲县',
    ).toBe(200);
  });

  it('speakers: 200 the active speakers for a manager; 403 a reader; 404 another county', async () => {
    const ok = await s.as.orgA.get(`/api/orders/pools/${s.pools.a}/speakers`);
    expect(
      ok
        .json<{ items: { name: string }[] }>()
        .items.map((x) => x.name)
        .sort(),
    ).toEqual(['刘讲', '张教授'].sort());
    const reader = await s.as.secA.get(`/api/orders/pools/${s.pools.a}/speakers`);
    expect(reader.statusCode).toBe(403);
    expect(detail(reader)).toBe('只有师资库所属单位的组织者、管理员可以维护宣讲菜单');
    expect((await s.as.orgB.get(`/api/orders/pools/${s.pools.a}/speakers`)).statusCode).toBe(404);
  });

  it('create: 404 a missing pool; 400 a duration out of range; nothing is written', async () => {
    const count = async () => (await t.db.selectFrom('lecture_menu_items').select('id').execute()).length;
    const before = await count();
    const missing = await s.as.orgA.post('/api/orders/pools/99999999/menu', menuItemBody([s.speakers.liu]));
    expect(missing.statusCode).toBe(404);
    const long = await s.as.orgA.post(
      `/api/orders/pools/${s.pools.a}/menu`,
      menuItemBody([s.speakers.liu], { durationMinutes: 100000 }),
    );
    expect(long.statusCode).toBe(400);
    expect(await count()).toBe(before);
  });
});

describe('点单', () => {
  it('400 ordering for a unit that is not a branch; 404 a missing branch; no order written', async () => {
    const before = (await t.db.selectFrom('lecture_orders').select('id').execute()).length;
    const unit = await s.as.unitA.post('/api/orders', orderBody(s.pools.a, s.countyA.id));
    expect(unit.statusCode).toBe(400);
    expect(detail(unit)).toBe('请选择一个党支部点单');
    const missing = await s.as.unitA.post('/api/orders', orderBody(s.pools.a, '99999999'));
    expect(missing.statusCode).toBe(404);
    expect(detail(missing)).toBe('支部不存在或不在您的管理范围内');
    expect((await t.db.selectFrom('lecture_orders').select('id').execute()).length).toBe(before);
  });
});

describe('可派的宣讲人、派单', () => {
  it('candidates: 404 another county and a missing order alike; 403 the orderer', async () => {
    const id = await newOrder();
    const other = await s.as.orgB.get(`/api/orders/${id}/candidates`);
    const missing = await s.as.orgB.get('/api/orders/99999999/candidates');
    expect(other.statusCode).toBe(404);
    expect(other.json()).toEqual(missing.json());
    expect(detail(other)).toBe('点单不存在或不在您的查看范围内');
    const orderer = await s.as.secA.get(`/api/orders/${id}/candidates`);
    expect(orderer.statusCode).toBe(403);
    expect(detail(orderer)).toBe('只有师资库的组织者、管理员可以派单');
  });

  it('dispatch: 404 a speaker who left the pool; 400 no speaker; the order stays 待派单', async () => {
    const id = await newOrder();
    await refused(id, 404, '宣讲人不在本师资库或已退库', () =>
      s.as.orgA.post(`/api/orders/${id}/dispatch`, { speakerId: s.speakers.gone }),
    );
    await refused(id, 400, '提交的内容有误', () => s.as.orgA.post(`/api/orders/${id}/dispatch`, {}));
    expect((await orderFacts(id)).row.state).toBe('ordered');
  });
});

describe('代为答复（接单、谢绝）', () => {
  it('409 on an order not yet dispatched; 403 the orderer; 404 another county; 400 a decline without reason', async () => {
    const fresh = await newOrder();
    await refused(fresh, 409, '只有待接单的点单可以接单', () =>
      s.as.orgA.post(`/api/orders/${fresh}/answer`, { accept: true }),
    );
    const id = await dispatched();
    await refused(id, 403, '只有被派单的宣讲人可以接单或谢绝', () =>
      s.as.secA.post(`/api/orders/${id}/answer`, { accept: true }),
    );
    await refused(id, 404, '点单不存在或不在您的查看范围内', () =>
      s.as.orgB.post(`/api/orders/${id}/answer`, { accept: true }),
    );
    await refused(id, 400, '谢绝须写明原因', () =>
      s.as.orgA.post(`/api/orders/${id}/answer`, { accept: false }),
    );
    await refused(id, 400, '提交的内容有误', () => s.as.orgA.post(`/api/orders/${id}/answer`, {}));
  });

  it('200 a decline on behalf is recorded as such, with its reason; 409 answering again', async () => {
    const id = await dispatched();
    const res = await s.as.orgA.post(`/api/orders/${id}/answer`, { accept: false, reason: '专家出差' });
    expect(res.statusCode, res.body).toBe(200);
    const last = res.json<OrderDetail>().events.at(-1)!;
    expect(last).toMatchObject({
      action: 'decline',
      toState: 'declined',
      onBehalf: true,
      reason: '专家出差',
    });
    await refused(id, 409, '只有待接单的点单可以谢绝', () =>
      s.as.orgA.post(`/api/orders/${id}/answer`, { accept: false, reason: '再谢绝一次' }),
    );
  });
});

describe('登记宣讲情况', () => {
  it('400 a date after today, bad attendance, a bad date; today itself is fine', async () => {
    const id = await accepted();
    const url = `/api/orders/${id}/deliver`;
    await refused(id, 400, '宣讲日期不能晚于今天', () =>
      s.as.secA.post(url, { deliveredOn: '2026-07-02', attendance: 10 }),
    );
    await refused(id, 400, '参加人数至少为 1', () =>
      s.as.secA.post(url, { deliveredOn: '2026-07-01', attendance: 0 }),
    );
    await refused(id, 400, '参加人数应为整数', () =>
      s.as.secA.post(url, { deliveredOn: '2026-07-01', attendance: 2.5 }),
    );
    await refused(id, 400, '提交的内容有误', () =>
      s.as.secA.post(url, { deliveredOn: '2026-13-40', attendance: 10 }),
    );
    expect((await s.as.secA.post(url, { deliveredOn: '2026-07-01', attendance: 10 })).statusCode).toBe(200);
  });

  it('409 before acceptance and a second time; 403 the pool’s manager; 404 another branch', async () => {
    const early = await dispatched();
    const body = { deliveredOn: '2026-06-30', attendance: 20 };
    await refused(early, 409, '只有已接单的点单可以登记宣讲情况', () =>
      s.as.secA.post(`/api/orders/${early}/deliver`, body),
    );
    const id = await accepted();
    await refused(id, 403, '只有宣讲人或点单的支部可以登记宣讲情况', () =>
      s.as.orgA.post(`/api/orders/${id}/deliver`, body),
    );
    await refused(id, 404, '点单不存在或不在您的查看范围内', () =>
      s.as.secB.post(`/api/orders/${id}/deliver`, body),
    );
    await refused(id, 404, '点单不存在或不在您的查看范围内', () =>
      s.as.plain.post(`/api/orders/${id}/deliver`, body),
    );
    expect((await s.as.secA.post(`/api/orders/${id}/deliver`, body)).statusCode).toBe(200);
    await refused(id, 409, '只有已接单的点单可以登记宣讲情况', () =>
      s.as.secA.post(`/api/orders/${id}/deliver`, body),
    );
  });
});

describe('评单', () => {
  it('400 stars out of 1–5 or not whole, a comment too long; 403 the speaker’s manager; 404 another branch', async () => {
    const id = await delivered();
    const url = `/api/orders/${id}/rate`;
    await refused(id, 400, '内容评分为 1–5 星', () => s.as.secA.post(url, { content: 0, delivery: 3 }));
    await refused(id, 400, '讲授评分为 1–5 星', () => s.as.secA.post(url, { content: 3, delivery: 6 }));
    await refused(id, 400, '讲授评分为 1–5 星', () => s.as.secA.post(url, { content: 3, delivery: 4.5 }));
    await refused(id, 400, '请为内容打分', () => s.as.secA.post(url, { delivery: 4 }));
    await refused(id, 400, '评价最多 500 个字', () =>
      s.as.secA.post(url, { content: 3, delivery: 3, comment: '好'.repeat(501) }),
    );
    await refused(id, 403, '只有点单的支部可以评价', () => s.as.orgA.post(url, { content: 3, delivery: 3 }));
    await refused(id, 404, '点单不存在或不在您的查看范围内', () =>
      s.as.secB.post(url, { content: 3, delivery: 3 }),
    );
  });

  it('409 rating twice: the first rating stands', async () => {
    const id = await delivered();
    const url = `/api/orders/${id}/rate`;
    expect((await s.as.secA.post(url, { content: 5, delivery: 5, comment: '很好' })).statusCode).toBe(200);
    await refused(id, 409, '只有已宣讲的点单可以评价', () =>
      s.as.secA.post(url, { content: 1, delivery: 1, comment: '改评' }),
    );
    const row = (await orderFacts(id)).row;
    expect([row.rating_content, row.rating_delivery, row.rating_comment]).toEqual([5, 5, '很好']);
  });
});

describe('取消点单', () => {
  it('409 after delivery and after rating; 404 another branch; 400 a blank reason', async () => {
    const id = await delivered();
    const url = `/api/orders/${id}/cancel`;
    await refused(id, 400, '提交的内容有误', () => s.as.secA.post(url, { reason: '   ' }));
    await refused(id, 404, '点单不存在或不在您的查看范围内', () => s.as.secB.post(url, { reason: '不要了' }));
    await refused(id, 409, '已宣讲、已评价或已取消的点单不能取消', () =>
      s.as.secA.post(url, { reason: '不要了' }),
    );
    await s.as.secA.post(`/api/orders/${id}/rate`, { content: 4, delivery: 4 });
    await refused(id, 409, '已宣讲、已评价或已取消的点单不能取消', () =>
      s.as.secA.post(url, { reason: '不要了' }),
    );
  });

  it('200 after acceptance: the speaker’s managers are told', async () => {
    const id = await accepted();
    const res = await s.as.secA.post(`/api/orders/${id}/cancel`, { reason: '活动取消' });
    expect(res.json<OrderDetail>()).toMatchObject({ state: 'cancelled', cancelReason: '活动取消' });
  });
});

describe('点单统计', () => {
  it('another county’s org and a missing org answer alike (400), naming nothing', async () => {
    const other = await s.as.orgA.get(`/api/orders/stats?poolId=${s.pools.a}&orgId=${s.countyB.id}`);
    const missing = await s.as.orgA.get(`/api/orders/stats?poolId=${s.pools.a}&orgId=99999999`);
    expect(other.statusCode).toBe(400);
    expect(detail(other)).toBe('该组织不在这个师资库的服务范围内');
    expect(missing.json()).toEqual(other.json());
    expect(other.body).not.toContain('乙县');
  });

  it('404 a pool out of sight or missing; 400 a bad id; 401 without a session', async () => {
    const hidden = await s.as.orgB.get(`/api/orders/stats?poolId=${s.pools.a}&orgId=${s.branchA.id}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).not.toContain('甲县');
    expect((await s.as.orgA.get('/api/orders/stats?poolId=99999999')).statusCode).toBe(404);
    const bad = await s.as.orgA.get('/api/orders/stats?poolId=abc');
    expect(bad.statusCode).toBe(400);
    expect(detail(bad)).toContain('查询参数有误');
    expect((await t.anonymous.get('/api/orders/stats')).statusCode).toBe(401);
  });

  it('200 the city drills into 甲县 from its own pool', async () => {
    const res = await s.as.cityOrg.get(`/api/orders/stats?poolId=${s.pools.city}&orgId=${s.countyA.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json<{ org: { name: string } }>().org.name).toBe('甲县');
  });
});
