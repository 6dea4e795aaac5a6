import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PoolSummary } from '@jiangtai/contracts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { poolScene, type PoolScene } from './test-pool-scene.ts';

let t: TestContext;
let s: PoolScene;
let pool: PoolSummary;
beforeAll(async () => {
  t = await createTestContext();
  s = await poolScene(t);
  pool = (
    await s.cityOrganiser.post('/api/pools', { orgId: s.city.id, name: '焦作市师资库' })
  ).json<PoolSummary>();
});
afterAll(async () => t.close());

describe('adding the same member at once', () => {
  it('one add wins, the others are refused with 409 (the pool row is locked while adding)', async () => {
    const url = `/api/pools/${pool.id}/speakers/from-entry`;
    const nominate = `/api/pools/${pool.id}/nominations`;
    const answers = await Promise.all([
      s.cityOrganiser.post(url, { entryId: s.entryId }),
      s.cityOrganiser.post(url, { entryId: s.entryId }),
      s.jiaAdmin.post(nominate, { memberId: s.speaker.id, reason: '同时推荐的同一个人' }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409]);
    const rows = await t.db
      .selectFrom('pool_speakers')
      .select('id')
      .where('pool_id', '=', pool.id)
      .where('member_id', '=', s.speaker.id)
      .execute();
    expect(rows).toHaveLength(1);
  });
});
