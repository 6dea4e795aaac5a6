import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PoolSpeakerDetail, PoolSummary, PoolView } from '@jiangtai/contracts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { poolScene, type PoolScene } from './test-pool-scene.ts';

/**
 * The refusals of the 师资库 endpoints that pool-api.test.ts does not reach: each answers with its status
 * and Chinese words and leaves the pool or speaker (row, events, audit, notices) as it was.
 */
let t: TestContext;
let s: PoolScene;
let cityPool: PoolSummary;
let jiaPool: PoolSummary;
let yiPool: PoolSummary;
/** 张宣讲 (has an account) in the city pool, from the contest; 刘教授, an outside expert in 甲县's. */
let selfSpeaker: string;
let expert: string;
beforeAll(async () => {
  t = await createTestContext();
  s = await poolScene(t);
  const make = async (c: PoolScene['cityOrganiser'], orgId: string, name: string) => {
    const res = await c.post('/api/pools', { orgId, name });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<PoolSummary>();
  };
  cityPool = await make(s.cityOrganiser, s.city.id, '焦作市师资库');
  jiaPool = await make(s.jiaAdmin, s.jia.id, '甲县师资库');
  yiPool = await make(s.yiAdmin, s.yi.id, '乙县师资库');
  const a = await s.cityOrganiser.post(`/api/pools/${cityPool.id}/speakers/from-entry`, {
    entryId: s.entryId,
  });
  expect(a.statusCode, a.body).toBe(201);
  selfSpeaker = a.json<PoolSpeakerDetail>().id;
  const b = await s.jiaAdmin.post(`/api/pools/${jiaPool.id}/speakers`, {
    name: '刘教授',
    unitTitle: '焦作大学',
  });
  expect(b.statusCode, b.body).toBe(201);
  expert = b.json<PoolSpeakerDetail>().id;
});
afterAll(async () => t.close());

type Client = PoolScene['cityOrganiser'];
type Res = Awaited<ReturnType<Client['get']>>;
const detail = (res: Res) => res.json<{ detail: string }>().detail;

const auditCount = async (entityType: string, entityId: string) =>
  (
    await t.db
      .selectFrom('audit_log')
      .select('id')
      .where('entity_type', '=', entityType)
      .where('entity_id', '=', entityId)
      .execute()
  ).length;

async function speakerFacts(id: string) {
  const [row, events, audits, notices] = await Promise.all([
    t.db.selectFrom('pool_speakers').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    t.db.selectFrom('pool_speaker_events').select('id').where('speaker_id', '=', id).execute(),
    auditCount('pool_speaker', id),
    t.db.selectFrom('user_notices').select('id').execute(),
  ]);
  return { row, events: events.length, audits, notices: notices.length };
}

/** Runs the refused request on a speaker and checks its status, its words and that nothing moved. */
async function refused(id: string, status: number, words: string, send: () => Promise<Res>) {
  const before = await speakerFacts(id);
  const res = await send();
  expect(res.statusCode, res.body).toBe(status);
  expect(detail(res)).toContain(words);
  expect(await speakerFacts(id)).toEqual(before);
  return res;
}

const poolFacts = async (id: string) => ({
  row: await t.db.selectFrom('speaker_pools').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
  audits: await auditCount('speaker_pool', id),
  speakers: (await t.db.selectFrom('pool_speakers').select('id').where('pool_id', '=', id).execute()).length,
});

async function refusedOnPool(id: string, status: number, words: string, send: () => Promise<Res>) {
  const before = await poolFacts(id);
  const res = await send();
  expect(res.statusCode, res.body).toBe(status);
  expect(detail(res)).toContain(words);
  expect(await poolFacts(id)).toEqual(before);
  return res;
}

describe('修改师资库', () => {
  it('404 another county’s pool and a missing one alike; 400 bad name or target; 401', async () => {
    const other = await refusedOnPool(yiPool.id, 404, '师资库不存在或已被删除', () =>
      s.jiaAdmin.patch(`/api/pools/${yiPool.id}`, { name: '改名师资库' }),
    );
    const missing = await s.jiaAdmin.patch('/api/pools/999999', { name: '改名师资库' });
    expect(other.json()).toEqual(missing.json());
    await refusedOnPool(jiaPool.id, 400, '名称至少 2 个字', () =>
      s.jiaAdmin.patch(`/api/pools/${jiaPool.id}`, { name: '甲' }),
    );
    await refusedOnPool(jiaPool.id, 400, '目标人数应为整数', () =>
      s.jiaAdmin.patch(`/api/pools/${jiaPool.id}`, { target: 2.5 }),
    );
    await refusedOnPool(jiaPool.id, 403, '只有本级及上级的组织者或管理员可以管理此师资库', () =>
      s.supervisor.patch(`/api/pools/${jiaPool.id}`, { target: 9 }),
    );
    expect((await t.anonymous.patch(`/api/pools/${jiaPool.id}`, { target: 9 })).statusCode).toBe(401);
  });

  it('200 the city renames a county’s pool and sets its target; one audit row', async () => {
    const res = await s.cityOrganiser.patch(`/api/pools/${jiaPool.id}`, {
      name: '甲县宣讲师资库',
      target: 12,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<PoolView>()).toMatchObject({ name: '甲县宣讲师资库', target: 12 });
    expect(await auditCount('speaker_pool', jiaPool.id)).toBe(2);
  });

  it('400 an unknown status filter on the pool page', async () => {
    const res = await s.jiaAdmin.get(`/api/pools/${jiaPool.id}?status=gone`);
    expect(res.statusCode).toBe(400);
    expect(detail(res)).toContain('查询参数有误');
  });
});

describe('导出统计表与总览', () => {
  it('export: 404 another county’s pool like a missing one, no file and no audit row; 403 the supervisor', async () => {
    const other = await refusedOnPool(yiPool.id, 404, '师资库不存在或已被删除', () =>
      s.jiaAdmin.get(`/api/pools/${yiPool.id}/export`),
    );
    expect(other.headers['content-disposition']).toBeUndefined();
    expect(other.json()).toEqual((await s.jiaAdmin.get('/api/pools/999999/export')).json());
    await refusedOnPool(cityPool.id, 403, '只有本级及上级的组织者或管理员可以管理此师资库', () =>
      s.supervisor.get(`/api/pools/${cityPool.id}/export`),
    );
    // A county admin reads the city pool (to nominate) but does not export it.
    await refusedOnPool(cityPool.id, 403, '只有本级及上级的组织者或管理员可以管理此师资库', () =>
      s.jiaAdmin.get(`/api/pools/${cityPool.id}/export`),
    );
  });

  it('overview: 403 without any pool in sight; 404 a missing org; 400 a bad id', async () => {
    const none = await s.self.get('/api/pools/overview');
    expect(none.statusCode).toBe(403);
    expect(detail(none)).toBe('您没有可查看的师资库');
    const missing = await s.cityOrganiser.get('/api/pools/overview?orgId=999999');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual((await s.jiaAdmin.get(`/api/pools/overview?orgId=${s.yi.id}`)).json());
    expect((await s.cityOrganiser.get('/api/pools/overview?orgId=x')).statusCode).toBe(400);
  });

  it('overview export: 403 the supervisor, 404 a county admin on the city; no audit row', async () => {
    const before = await auditCount('org', s.city.id);
    const sup = await s.supervisor.get('/api/pools/overview/export');
    expect(sup.statusCode).toBe(403);
    expect(detail(sup)).toBe('只有本级及上级的组织者或管理员可以导出统计表');
    const county = await s.jiaAdmin.get(`/api/pools/overview/export?orgId=${s.city.id}`);
    expect(county.statusCode).toBe(404);
    expect(await auditCount('org', s.city.id)).toBe(before);
  });
});

describe('入库与推荐', () => {
  it('direct add: 403 a county admin on the city pool, 404 on another county’s; nothing written', async () => {
    const body = { name: '赵专家', unitTitle: '某大学' };
    await refusedOnPool(cityPool.id, 403, '只有本级及上级的组织者或管理员可以管理此师资库', () =>
      s.jiaAdmin.post(`/api/pools/${cityPool.id}/speakers`, body),
    );
    await refusedOnPool(jiaPool.id, 404, '师资库不存在或已被删除', () =>
      s.yiAdmin.post(`/api/pools/${jiaPool.id}/speakers`, body),
    );
  });

  it('nominate: 404 to a pool out of sight; 409 a member already in the pool', async () => {
    await refusedOnPool(jiaPool.id, 404, '师资库不存在或已被删除', () =>
      s.yiAdmin.post(`/api/pools/${jiaPool.id}/nominations`, {
        memberId: s.yiMember.id,
        reason: '宣讲经验丰富',
      }),
    );
    await refusedOnPool(cityPool.id, 409, '张宣讲已在此师资库中', () =>
      s.jiaAdmin.post(`/api/pools/${cityPool.id}/nominations`, {
        memberId: s.speaker.id,
        reason: '宣讲经验丰富',
      }),
    );
  });
});

describe('审核推荐', () => {
  let nomination: string;
  beforeAll(async () => {
    const res = await s.yiAdmin.post(`/api/pools/${cityPool.id}/nominations`, {
      memberId: s.yiMember.id,
      reason: '多次获得宣讲比赛奖项',
    });
    expect(res.statusCode, res.body).toBe(201);
    nomination = res.json<PoolSpeakerDetail>().id;
  });

  it('403 a county admin who may only nominate; 404 a missing one; 400 a bad body', async () => {
    const url = `/api/pool-speakers/${nomination}/decision`;
    await refused(nomination, 403, '只有本级及上级的组织者或管理员可以管理此师资库', () =>
      s.yiAdmin.post(url, { approve: true }),
    );
    await refused(nomination, 400, '提交的内容有误', () => s.cityOrganiser.post(url, { approve: 'yes' }));
    const missing = await s.cityOrganiser.post('/api/pool-speakers/999999/decision', { approve: true });
    expect(missing.statusCode).toBe(404);
    expect(detail(missing)).toBe('宣讲员不存在或已被删除');
  });

  it('409 deciding twice: the first decision stands, no second event or notice', async () => {
    const url = `/api/pool-speakers/${nomination}/decision`;
    const ok = await s.cityOrganiser.post(url, { approve: true });
    expect(ok.json<PoolSpeakerDetail>().status).toBe('active');
    await refused(nomination, 409, '此推荐已经审核过了', () => s.cityOrganiser.post(url, { approve: true }));
    await refused(nomination, 409, '此推荐已经审核过了', () =>
      s.cityOrganiser.post(url, { approve: false, reason: '改主意了' }),
    );
  });

  it('409 a speaker who was never nominated', async () => {
    await refused(expert, 409, '此推荐已经审核过了', () =>
      s.jiaAdmin.post(`/api/pool-speakers/${expert}/decision`, { approve: true }),
    );
  });
});

describe('修改宣讲员、退出、退库、重新入库', () => {
  it('edit: 403 the supervisor; 404 another county; 400 an empty specialty', async () => {
    const url = `/api/pool-speakers/${expert}`;
    await refused(expert, 403, '只有本级及上级的组织者或管理员可以管理此师资库', () =>
      s.supervisor.patch(url, { bio: '改简介' }),
    );
    await refused(expert, 404, '宣讲员不存在或已被删除', () => s.yiAdmin.patch(url, { bio: '改简介' }));
    await refused(expert, 400, '专长不能为空', () => s.jiaAdmin.patch(url, { specialties: [''] }));
  });

  it('leave: 403 one who reads the pool but is neither the speaker nor a manager; 404 another county; 400', async () => {
    const url = `/api/pool-speakers/${selfSpeaker}/leave`;
    await refused(selfSpeaker, 403, '只有本级及上级的组织者或管理员可以管理此师资库', () =>
      s.supervisor.post(url, { reason: '替他退出' }),
    );
    await refused(selfSpeaker, 403, '只有本级及上级的组织者或管理员可以管理此师资库', () =>
      s.jiaAdmin.post(url, { reason: '替他退出' }),
    );
    await refused(expert, 404, '宣讲员不存在或已被删除', () =>
      s.self.post(`/api/pool-speakers/${expert}/leave`, { reason: '替他退出' }),
    );
    await refused(selfSpeaker, 400, '请写明原因（至少 2 个字）', () => s.self.post(url, { reason: '走' }));
  });

  it('retire: 400 without a reason; 200 once; 409 retiring or leaving again; the row keeps its first reason', async () => {
    const url = `/api/pool-speakers/${expert}/retire`;
    await refused(expert, 400, '请填写原因', () => s.jiaAdmin.post(url, {}));
    const ok = await s.jiaAdmin.post(url, { reason: '长期未参加宣讲' });
    expect(ok.json<PoolSpeakerDetail>()).toMatchObject({ status: 'retired', statusReason: '长期未参加宣讲' });
    await refused(expert, 409, '刘教授不在库中，无需退库', () =>
      s.cityOrganiser.post(url, { reason: '再退一次' }),
    );
    await refused(expert, 409, '刘教授不在库中，无需退出', () =>
      s.jiaAdmin.post(`/api/pool-speakers/${expert}/leave`, { reason: '再退一次' }),
    );
    await refused(expert, 409, '刘教授已不在库中，不能修改', () =>
      s.jiaAdmin.patch(`/api/pool-speakers/${expert}`, { bio: '改简介' }),
    );
  });

  it('a manager takes a speaker out (退出 on their behalf); back from the contest: a new row, 重新入库', async () => {
    const out = await s.cityOrganiser.post(`/api/pool-speakers/${selfSpeaker}/leave`, {
      reason: '本人电话告知退出',
    });
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json<PoolSpeakerDetail>().status).toBe('left');
    await refused(selfSpeaker, 409, '张宣讲不在库中，无需退出', () =>
      s.self.post(`/api/pool-speakers/${selfSpeaker}/leave`, { reason: '再退一次' }),
    );
    const back = await s.cityOrganiser.post(`/api/pools/${cityPool.id}/speakers/from-entry`, {
      entryId: s.entryId,
    });
    expect(back.statusCode, back.body).toBe(201);
    const again = back.json<PoolSpeakerDetail>();
    expect(again.id).not.toBe(selfSpeaker);
    expect(again.events.map((e) => e.action)).toEqual(['rejoined']);
    await refusedOnPool(cityPool.id, 409, '张宣讲已在此师资库中', () =>
      s.cityOrganiser.post(`/api/pools/${cityPool.id}/speakers/from-entry`, { entryId: s.entryId }),
    );
    // The speaker's own page lists the old row's history unchanged.
    const old = (await s.self.get(`/api/pool-speakers/${selfSpeaker}`)).json<PoolSpeakerDetail>();
    expect(old.events.map((e) => e.action)).toEqual(['added', 'left']);
  });
});
