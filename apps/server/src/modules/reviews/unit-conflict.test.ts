import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoundConfig } from '@jiangtai/contracts';
import { createTestContext, type Client, type TestContext } from '../../test/harness.ts';
import { openSemifinal, reviewScene, scoresAt, type ReviewScene } from './test-scene.ts';

/**
 * A judge given a role in a unit after the assignment now belongs to it: their pairs with its
 * entries are flagged on the round's page and they cannot score them until they declare 回避.
 * One 复赛 round of two judges per entry, both judges on every entry.
 */

let t: TestContext;
let s: ReviewScene;
let admin: Client;
let id: string;
let config: RoundConfig;

interface Detail {
  entries: {
    entryId: string;
    code: string;
    judges: { judgeId: string; status: string; unitConflict: boolean }[];
  }[];
}

const roundUrl = (rest = '') => `/api/rounds/${id}${rest}`;

beforeAll(async () => {
  t = await createTestContext();
  s = await reviewScene(t, 'uc');
  await t.factories.user([{ role: 'platform_admin', org: s.city }], { username: 'uc_admin' });
  admin = await t.login('uc_admin');
  const round = await openSemifinal(s.organiser.client, s.campaignId, {
    judgesPerEntry: 2,
    dropHighest: 0,
    dropLowest: 0,
  });
  id = round.round.id;
  config = round.round.config;
  const panel = [s.judges[1]!.id, s.judges[2]!.id];
  expect((await s.organiser.client.post(roundUrl('/judges'), { userIds: panel })).statusCode).toBe(200);
  expect((await s.organiser.client.post(roundUrl('/assign'))).statusCode).toBe(200);
});
afterAll(async () => t.close());

describe('a judge granted a role in an entry unit after the assignment', () => {
  it('is flagged on the pairs with that unit and refused a score until they declare 回避', async () => {
    const judge = s.judges[1]!;
    const view = async () => (await s.organiser.client.get(roundUrl())).json<Detail>();
    const codeOf = (v: Detail, i: number) => v.entries.find((e) => e.entryId === s.entries[i]!.id)!.code;
    const score = (code: string) =>
      judge.client.put(`/api/judging/rounds/${id}/items/${code}/score`, {
        scores: scoresAt(config, 0.8),
        submit: true,
      });
    let v = await view();
    // 张三 (市教育局) scored before the grant.
    expect((await score(codeOf(v, 0))).statusCode).toBe(200);
    expect(
      (await admin.post(`/api/accounts/${judge.id}/grants`, { role: 'unit_admin', orgId: s.units.edu.id }))
        .statusCode,
    ).toBe(200);

    v = await view();
    const flag = (i: number) =>
      v.entries.find((e) => e.entryId === s.entries[i]!.id)!.judges.find((j) => j.judgeId === judge.id)!
        .unitConflict;
    expect([flag(0), flag(1), flag(2)]).toEqual([true, true, false]);

    const refused = await score(codeOf(v, 1));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('您现在属于该作品所在的单位');
    expect((await score(codeOf(v, 2))).statusCode).toBe(200);

    const declared = await judge.client.post(`/api/judging/rounds/${id}/items/${codeOf(v, 1)}/conflict`, {
      reason: '我现在是市教育局的管理员',
    });
    expect(declared.statusCode, declared.body).toBe(200);
    v = await view();
    const pair = v.entries
      .find((e) => e.entryId === s.entries[1]!.id)!
      .judges.find((j) => j.judgeId === judge.id);
    expect(pair === undefined || pair.status === 'removed').toBe(true);
  });
});
