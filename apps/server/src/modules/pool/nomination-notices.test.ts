import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PoolSpeakerDetail, PoolSummary } from '@jiangtai/contracts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { poolScene, type PoolScene } from './test-pool-scene.ts';

let t: TestContext;
let s: PoolScene;
const ids: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestContext();
  s = await poolScene(t);
  for (const u of ['p_city', 'p_sup', 'p_jia', 'p_yi'])
    ids[u] = (
      await t.db.selectFrom('users').select('id').where('username', '=', u).executeTakeFirstOrThrow()
    ).id;
});
afterAll(async () => t.close());

const notices = (username: string) =>
  t.db
    .selectFrom('user_notices')
    .select(['kind', 'title', 'body', 'link'])
    .where('user_id', '=', ids[username]!)
    .orderBy('id')
    .execute();

const makePool = async (orgId: string, name: string) => {
  const res = await s.cityOrganiser.post('/api/pools', { orgId, name });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<PoolSummary>();
};

describe('notices for nominations', () => {
  it('tells the pool’s own managers of a nomination, and the nominator of the decision with its reason', async () => {
    const pool = await makePool(s.city.id, '焦作市师资库');
    const url = `/api/pools/${pool.id}/nominations`;
    const res = await s.jiaAdmin.post(url, { memberId: s.other.id, reason: '宣讲经验丰富，群众评价高' });
    expect(res.statusCode, res.body).toBe(201);
    const n = res.json<PoolSpeakerDetail>();
    expect(await notices('p_city')).toEqual([
      {
        kind: 'pool_nominated',
        title: '焦作市师资库有新的入库推荐待审核',
        body: expect.stringContaining('李党员'),
        link: `/pools/${pool.id}`,
      },
    ]);
    expect(await notices('p_sup'), 'a supervisor does not decide').toEqual([]);
    expect(await notices('p_jia'), 'not the nominator').toEqual([]);

    const declined = await s.cityOrganiser.post(`/api/pool-speakers/${n.id}/decision`, {
      approve: false,
      reason: '本年度名额已满',
    });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(await notices('p_jia')).toEqual([
      {
        kind: 'pool_nomination_declined',
        title: '推荐李党员入焦作市师资库未通过',
        body: '原因：本年度名额已满',
        link: `/pool-speakers/${n.id}`,
      },
    ]);
    // A refused decision (already decided) sends nothing.
    expect(
      (await s.cityOrganiser.post(`/api/pool-speakers/${n.id}/decision`, { approve: true })).statusCode,
    ).toBe(409);
    expect(await notices('p_jia')).toHaveLength(1);

    const again = (
      await s.jiaAdmin.post(url, { memberId: s.other.id, reason: '补充了宣讲材料后再次推荐' })
    ).json<PoolSpeakerDetail>();
    await s.cityOrganiser.post(`/api/pool-speakers/${again.id}/decision`, { approve: true });
    expect((await notices('p_jia')).map((x) => [x.kind, x.link])).toEqual([
      ['pool_nomination_declined', `/pool-speakers/${n.id}`],
      ['pool_nomination_approved', `/pool-speakers/${again.id}`],
    ]);
    expect(await notices('p_yi'), 'another county').toEqual([]);
  });

  it('tells the managers above when the pool’s org has none of its own', async () => {
    const pool = await makePool(s.jia.id, '甲县师资库');
    // 甲县's own manager is p_jia: only they are told, not the city above.
    const before = (await notices('p_city')).length;
    // A unit admin of 甲县's branch nominates into the county's pool.
    await t.factories.user([{ role: 'unit_admin', org: s.branch }], { username: 'n_branch' });
    const branchAdmin = await t.login('n_branch');
    const res = await branchAdmin.post(`/api/pools/${pool.id}/nominations`, {
      memberId: s.speaker.id,
      reason: '支部书记，讲得生动',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect((await notices('p_jia')).filter((x) => x.kind === 'pool_nominated')).toHaveLength(1);
    expect(await notices('p_city')).toHaveLength(before);

    // Without 甲县's own manager the notice goes up to the city's organiser.
    await t.db.deleteFrom('role_grants').where('user_id', '=', ids.p_jia!).execute();
    const third = await t.factories.member(s.branch, { name: '赵党员' });
    const res2 = await branchAdmin.post(`/api/pools/${pool.id}/nominations`, {
      memberId: third.id,
      reason: '支部书记，讲得生动',
    });
    expect(res2.statusCode, res2.body).toBe(201);
    expect((await notices('p_city')).slice(before).map((x) => [x.kind, x.link])).toEqual([
      ['pool_nominated', `/pools/${pool.id}`],
    ]);
  });
});
