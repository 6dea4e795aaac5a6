import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoundConfig } from '@jiangtai/contracts';
import { createTestContext, type Client, type TestContext } from '../../test/harness.ts';
import { openSemifinal, reviewScene, scoresAt, type ReviewScene, type RoundView } from './test-scene.ts';

/**
 * A judge of a round is only its judge: roles granted before or after joining the panel do not open
 * the round's names and results to them; the organiser's hand assignment seats only active judges
 * of the panel, never one who declared a conflict with the entry; an invited expert's unit lies in
 * the inviter's scope. One 复赛 round of one judge per entry.
 */

let t: TestContext;
let s: ReviewScene;
let admin: Client;
let id: string;
let config: RoundConfig;

const roundUrl = (rest = '') => `/api/rounds/${id}${rest}`;
const addJudges = (userIds: string[]) => s.organiser.client.post(roundUrl('/judges'), { userIds });
const view = async () => (await s.organiser.client.get(roundUrl())).json<RoundView>();
const queue = async (c: Client) =>
  (await c.get(`/api/judging/rounds/${id}`)).json<{ items: { code: string }[] }>().items;
const grant = (userId: string, role: string, orgId: string) =>
  admin.post(`/api/accounts/${userId}/grants`, { role, orgId });

/** Every view of the round that names speakers or shows results, as a manager or supervisor sees it. */
const identityViews = ['', '/results', '/score-log', '/export?kind=full', '/signoffs', '/objections'];

beforeAll(async () => {
  t = await createTestContext();
  s = await reviewScene(t, 'js');
  await t.factories.user([{ role: 'platform_admin', org: s.city }], { username: 'js_admin' });
  admin = await t.login('js_admin');
  const round = await openSemifinal(s.organiser.client, s.campaignId, {
    judgesPerEntry: 1,
    dropHighest: 0,
    dropLowest: 0,
  });
  id = round.round.id;
  config = round.round.config;
});
afterAll(async () => t.close());

describe('a judge who holds or is given a supervisor or organiser role', () => {
  it('does not seat a supervisor of the round on its panel', async () => {
    const j = s.judges[1]!;
    expect((await grant(j.id, 'supervisor', s.city.id)).statusCode).toBe(200);
    const res = await addJudges([j.id]);
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toContain('是本轮评审的监督员，不能同时担任本轮评委');
    expect((await view()).panel.map((p) => p.userId)).not.toContain(j.id);
  });

  it('keeps a judge granted supervisor afterwards out of the names and results', async () => {
    const j = s.judges[2]!;
    expect((await addJudges([j.id])).statusCode).toBe(200);
    expect((await grant(j.id, 'supervisor', s.city.id)).statusCode).toBe(200);
    for (const rest of identityViews) {
      const res = await j.client.get(roundUrl(rest));
      expect(res.statusCode, rest).toBe(403);
      expect(res.json().detail).toContain('您是本轮评委');
      expect(res.body).not.toContain(s.entries[0]!.name);
    }
    expect((await j.client.post(roundUrl('/verify'))).statusCode).toBe(403);
    const list = await j.client.get(`/api/campaigns/${s.campaignId}/rounds`);
    expect(list.json().items.map((r: { id: string }) => r.id)).not.toContain(id);
    // The real supervisor still sees everything.
    expect((await s.supervisor.client.get(roundUrl('/results'))).statusCode).toBe(200);
  });

  it('keeps a panel judge granted organiser afterwards out of the round, and lets them judge', async () => {
    const j = s.judges[3]!;
    expect((await addJudges([j.id])).statusCode).toBe(200);
    expect((await s.organiser.client.post(roundUrl('/assign'))).statusCode).toBe(200);
    expect((await grant(j.id, 'organiser', s.organs.id)).statusCode).toBe(200);
    for (const rest of identityViews) expect((await j.client.get(roundUrl(rest))).statusCode, rest).toBe(403);
    expect((await j.client.get(roundUrl('/judge-accounts'))).statusCode).toBe(403);
    const entryId = (await view()).entries[0]!.entryId;
    const edit = await j.client.put(roundUrl('/assignments'), { entryId, judgeIds: [j.id] });
    expect(edit.statusCode).toBe(403);
    expect(edit.json().detail).toContain('您是本轮评委');
    const items = await queue(j.client);
    expect(items.length).toBeGreaterThan(0);
    const scored = await j.client.put(`/api/judging/rounds/${id}/items/${items[0]!.code}/score`, {
      scores: scoresAt(config, 0.8),
      submit: false,
    });
    expect(scored.statusCode, scored.body).toBe(200);
    // The round's own organiser is untouched.
    expect((await s.organiser.client.get(roundUrl('/results'))).statusCode).toBe(200);
  });
});

describe("the organiser's hand assignment", () => {
  it('names accounts that are not active judges of the panel, and saves nothing', async () => {
    const before = await view();
    const entry = before.entries[0]!;
    const live = entry.judges.filter((x) => x.status !== 'removed').map((x) => x.judgeId);
    for (const stranger of ['99999', s.supervisor.id, s.member.id]) {
      const res = await s.organiser.client.put(roundUrl('/assignments'), {
        entryId: entry.entryId,
        judgeIds: [...live, stranger],
        acceptWarnings: true,
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().detail).toContain('不是本轮评委组的在任评委');
    }
    expect(
      (
        await s.organiser.client.put(roundUrl('/assignments'), {
          entryId: entry.entryId,
          judgeIds: [...live, '99999'],
        })
      ).json().detail,
    ).toContain('编号 99999');
    expect((await view()).entries[0]!.judges).toEqual(entry.judges);
  });

  it('refuses giving an entry back to a judge who declared a conflict with it', async () => {
    const j = s.judges[2]!;
    const code = (await queue(j.client))[0]!.code;
    const declared = await j.client.post(`/api/judging/rounds/${id}/items/${code}/conflict`, {
      reason: '作者是我的亲属',
    });
    expect(declared.statusCode, declared.body).toBe(200);
    const entry = (await view()).entries.find((e) => e.code === code)!;
    const live = entry.judges.filter((x) => x.status !== 'removed').map((x) => x.judgeId);
    const res = await s.organiser.client.put(roundUrl('/assignments'), {
      entryId: entry.entryId,
      judgeIds: [...live, j.id],
      acceptWarnings: true,
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().detail).toContain('已对该作品声明回避');
    expect((await queue(j.client)).map((i) => i.code)).not.toContain(code);
  });
});

describe('inviting an expert', () => {
  it("refuses a unit admin stating a unit outside their scope as the expert's unit", async () => {
    const url = `/api/campaigns/${s.campaignId}/round-defaults?stageKey=preliminary&scopeOrgId=${s.units.edu.id}`;
    const defaults = (await s.eduAdmin.client.get(url)).json<RoundConfig>();
    const opened = await s.eduAdmin.client.post(`/api/campaigns/${s.campaignId}/rounds`, {
      ...defaults,
      stageKey: 'preliminary',
      scopeOrgId: s.units.edu.id,
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const unitRound = opened.json<RoundView>().round.id;
    const invite = (username: string, unitOrgId: string) =>
      s.eduAdmin.client.post(`/api/rounds/${unitRound}/judges/invite`, {
        displayName: '外单位专家',
        username,
        unitOrgId,
      });
    const outside = await invite('js_outside', s.units.finance.id);
    expect(outside.statusCode).toBe(403);
    expect(outside.json().detail).toContain('不在您的管理范围内');
    expect((await t.db.selectFrom('users').where('username', '=', 'js_outside').execute()).length).toBe(0);
    expect((await invite('js_inside', s.branches.edu.id)).statusCode).toBe(201);
  });
});
