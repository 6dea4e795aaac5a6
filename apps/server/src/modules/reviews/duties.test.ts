import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoundConfig } from '@jiangtai/contracts';
import type { RoleName } from '../../db/types.ts';
import { createTestContext, type Client, type TestContext } from '../../test/harness.ts';
import { openSemifinal, reviewScene, scoresAt, type ReviewScene, type RoundView } from './test-scene.ts';

/**
 * Conflicts of interest and separation of duties in a round: which units a judge belongs to, who may
 * be picked for a panel, replacement after a declared conflict, and who may sign the round off.
 * One 复赛 round of one judge per entry, its panel changed between the steps.
 */

let t: TestContext;
let s: ReviewScene;
let admin: Client;
let id: string;
let config: RoundConfig;

interface RoundDetail extends RoundView {
  panel: (RoundView['panel'][number] & { hasUnit: boolean })[];
  signOffRefusal: string | null;
}
interface Picker {
  items: { userId: string; name: string; onPanel: boolean }[];
}

const roundUrl = (rest = '') => `/api/rounds/${id}${rest}`;
const view = async (c: Client) => (await c.get(roundUrl())).json<RoundDetail>();
const addJudges = (userIds: string[]) => s.organiser.client.post(roundUrl('/judges'), { userIds });
const assign = () => s.organiser.client.post(roundUrl('/assign'));
const leave = (userId: string) =>
  s.organiser.client.post(roundUrl(`/judges/${userId}/remove`), { reason: '换一位评委' });

async function judge(
  suffix: string,
  displayName: string,
  grants: { role: RoleName; org: { id: string; path: string } }[] = [{ role: 'judge', org: s.organs }],
) {
  const u = await t.factories.user(grants, { username: `du_${suffix}`, displayName });
  return u.id;
}

beforeAll(async () => {
  t = await createTestContext();
  s = await reviewScene(t, 'du');
  await t.factories.user([{ role: 'platform_admin', org: s.city }], { username: 'du_admin' });
  admin = await t.login('du_admin');
  const round = await openSemifinal(s.organiser.client, s.campaignId, {
    judgesPerEntry: 1,
    dropHighest: 0,
    dropLowest: 0,
  });
  id = round.round.id;
  config = round.round.config;
});
afterAll(async () => t.close());

describe('the units a judge belongs to', () => {
  it('gives a judge whose member org is above the organiser (市委) no unit: they may score every entry', async () => {
    const cityMember = await t.factories.member(s.city, { name: '市委干部' });
    const cityJudge = await judge('city', '市委评委');
    await t.db.updateTable('users').set({ member_id: cityMember.id }).where('id', '=', cityJudge).execute();
    expect((await addJudges([cityJudge])).statusCode).toBe(200);
    const res = await assign();
    expect(res.statusCode, res.body).toBe(200);
    const round = await view(s.organiser.client);
    for (const e of round.entries) expect(e.judges.map((j) => j.judgeId)).toEqual([cityJudge]);
    expect(round.panel.find((p) => p.userId === cityJudge)!.hasUnit).toBe(false);
    expect((await leave(cityJudge)).statusCode).toBe(200);
    expect((await view(s.organiser.client)).progress.assigned).toBe(0);
  });

  it('counts a unit where the judge holds another role (unit admin of 市教育局, no member link)', async () => {
    const eduJudge = await judge('eduunitjudge', '甲评委', [
      { role: 'judge', org: s.organs },
      { role: 'unit_admin', org: s.units.edu },
    ]);
    expect((await addJudges([eduJudge])).statusCode).toBe(200);
    expect((await view(s.organiser.client)).panel.find((p) => p.userId === eduJudge)!.hasUnit).toBe(true);
    const res = await assign();
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toContain('需回避的评委：甲评委（评委所在单位与作品单位相同）');
    // One problem per short entry, for the page to list: 市教育局's two entries.
    expect(res.json().problems).toHaveLength(2);
    expect((await view(s.organiser.client)).progress.assigned).toBe(0);
  });

  it('reads the units at assignment time: a role granted after joining the panel counts', async () => {
    const later = await judge('later', '乙评委');
    expect((await addJudges([later])).statusCode).toBe(200);
    const granted = await admin.post(`/api/accounts/${later}/grants`, {
      role: 'unit_admin',
      orgId: s.units.finance.id,
    });
    expect(granted.statusCode).toBe(200);
    expect((await s.organiser.client.patch(roundUrl(), { judgesPerEntry: 2 })).statusCode).toBe(200);
    const res = await assign();
    expect(res.statusCode).toBe(400);
    const detail = res.json().detail as string;
    expect(detail).toContain('需回避的评委：乙评委（评委所在单位与作品单位相同）');
    expect(detail).toContain('需回避的评委：甲评委（评委所在单位与作品单位相同）');
    expect((await s.organiser.client.patch(roundUrl(), { judgesPerEntry: 1 })).statusCode).toBe(200);
    for (const p of (await view(s.organiser.client)).panel.filter((x) => x.active))
      expect((await leave(p.userId)).statusCode).toBe(200);
  });
});

describe('who may be picked for the panel', () => {
  it("lists and accepts only judges the manager may see, never another city's", async () => {
    const otherCity = await t.factories.org({ name: '外市市委', type: 'committee' });
    const outsider = await judge('outsider', '外市评委', [{ role: 'judge', org: otherCity }]);
    const picker = (await s.organiser.client.get(roundUrl('/judge-accounts'))).json<Picker>();
    expect(picker.items.map((i) => i.userId)).toContain(s.judges[1]!.id);
    expect(picker.items.map((i) => i.userId)).not.toContain(outsider);
    const res = await addJudges([outsider]);
    expect(res.statusCode).toBe(404);
    expect(res.json().detail).toBe('所选评委账号不存在或不在您的管理范围内');
    expect(res.json().detail).not.toContain('外市评委');
  });

  it("keeps a unit admin's picker to their unit; an expert they invite is created by the accounts' rules", async () => {
    const url = `/api/campaigns/${s.campaignId}/round-defaults?stageKey=preliminary&scopeOrgId=${s.units.edu.id}`;
    const defaults = (await s.eduAdmin.client.get(url)).json<RoundConfig>();
    const opened = await s.eduAdmin.client.post(`/api/campaigns/${s.campaignId}/rounds`, {
      ...defaults,
      judgesPerEntry: 1,
      dropHighest: 0,
      dropLowest: 0,
      stageKey: 'preliminary',
      scopeOrgId: s.units.edu.id,
    });
    expect(opened.statusCode).toBe(201);
    const unitRound = opened.json<RoundView>().round.id;
    const picker = (await s.eduAdmin.client.get(`/api/rounds/${unitRound}/judge-accounts`)).json<Picker>();
    for (const j of s.judges) expect(picker.items.map((i) => i.userId)).not.toContain(j.id);
    expect(
      (await s.eduAdmin.client.post(`/api/rounds/${unitRound}/judges`, { userIds: [s.judges[1]!.id] }))
        .statusCode,
    ).toBe(404);
    const invited = await s.eduAdmin.client.post(`/api/rounds/${unitRound}/judges/invite`, {
      displayName: '教育专家',
      username: 'du_eduexpert',
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const expert = (await s.eduAdmin.client.get(`/api/rounds/${unitRound}/judge-accounts`)).json<Picker>();
    expect(expert.items.find((i) => i.name === '教育专家')?.onPanel).toBe(true);
    const expertId = expert.items.find((i) => i.name === '教育专家')!.userId;
    const log = await s.eduAdmin.client.get(`/api/audit?entityType=user&entityId=${expertId}`);
    expect(log.json().items.map((r: { action: string }) => r.action)).toContain('account.created');
  });

  it('does not seat someone who manages the round as its judge', async () => {
    const granted = await admin.post(`/api/accounts/${s.organiser.id}/grants`, {
      role: 'judge',
      orgId: s.organs.id,
    });
    expect(granted.statusCode).toBe(200);
    const res = await addJudges([s.organiser.id]);
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toContain('负责组织本轮评审，不能同时担任本轮评委');
  });
});

describe('a conflict declared after saving a draft', () => {
  it('hands the entry to another judge, like an untouched one', async () => {
    const [a, b] = [s.judges[1]!, s.judges[2]!];
    expect((await addJudges([a.id, b.id])).statusCode).toBe(200);
    expect((await assign()).statusCode).toBe(200);
    const queue = (await a.client.get(`/api/judging/rounds/${id}`)).json<{ items: { code: string }[] }>();
    const code = queue.items[0]!.code;
    const draft = await a.client.put(`/api/judging/rounds/${id}/items/${code}/score`, {
      scores: scoresAt(config, 0.5),
      submit: false,
    });
    expect(draft.json().status).toBe('draft');
    const res = await a.client.post(`/api/judging/rounds/${id}/items/${code}/conflict`, {
      reason: '作者是我的同事',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().replacement).toBe(true);
    const round = await view(s.organiser.client);
    expect(round.progress.underAssigned).toBe(0);
    const entry = round.entries.find((e) => e.code === code)!;
    expect(entry.judges.filter((j) => j.status !== 'removed').map((j) => j.judgeId)).toEqual([b.id]);
    // Nothing left to fill: a further automatic assignment adds no pair.
    expect((await assign()).json().added).toBe(0);
    // The organiser can still edit the entry by hand; the page sends the live judges only.
    const edit = await s.organiser.client.put(roundUrl('/assignments'), {
      entryId: entry.entryId,
      judgeIds: [b.id],
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json()).toMatchObject({ saved: true, warnings: [] });
  });
});

describe('signing the round off', () => {
  it('refuses granting oneself a role', async () => {
    const res = await s.organiser.client.post(`/api/accounts/${s.organiser.id}/grants`, {
      role: 'supervisor',
      orgId: s.organs.id,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toContain('不能给自己授予角色');
  });

  it('refuses a supervisor who manages the round or judged in it; another supervisor signs', async () => {
    // A round of its own (市财政局's 初赛, opened by the organiser) so nothing above can leave it short.
    const url = `/api/campaigns/${s.campaignId}/round-defaults?stageKey=preliminary&scopeOrgId=${s.units.finance.id}`;
    const defaults = (await s.organiser.client.get(url)).json<RoundConfig>();
    const opened = await s.organiser.client.post(`/api/campaigns/${s.campaignId}/rounds`, {
      ...defaults,
      judgesPerEntry: 1,
      dropHighest: 0,
      dropLowest: 0,
      stageKey: 'preliminary',
      scopeOrgId: s.units.finance.id,
    });
    expect(opened.statusCode).toBe(201);
    const round = opened.json<RoundView>().round;
    const at = (rest: string) => `/api/rounds/${round.id}${rest}`;
    const scorer = s.judges[3]!;
    expect((await s.organiser.client.post(at('/judges'), { userIds: [scorer.id] })).statusCode).toBe(200);
    expect((await s.organiser.client.post(at('/assign'))).statusCode).toBe(200);
    const items = (await scorer.client.get(`/api/judging/rounds/${round.id}`)).json<{
      items: { code: string }[];
    }>().items;
    expect(items).toHaveLength(2);
    for (const item of items) {
      const res = await scorer.client.put(`/api/judging/rounds/${round.id}/items/${item.code}/score`, {
        scores: scoresAt(round.config, 0.8),
        submit: true,
      });
      expect(res.statusCode).toBe(200);
    }
    expect((await s.organiser.client.post(at('/close'))).statusCode).toBe(200);
    for (const who of [s.organiser.id, scorer.id])
      expect(
        (await admin.post(`/api/accounts/${who}/grants`, { role: 'supervisor', orgId: s.organs.id }))
          .statusCode,
      ).toBe(200);

    const byOrganiser = await s.organiser.client.post(at('/signoffs'), { comment: '同意' });
    expect(byOrganiser.statusCode).toBe(403);
    expect(byOrganiser.json().detail).toContain('负责组织本轮评审');
    const organiserView = (await s.organiser.client.get(at(''))).json<RoundDetail>();
    expect(organiserView.signOffRefusal).toContain('负责组织本轮评审');
    const byJudge = await scorer.client.post(at('/signoffs'), { comment: '同意' });
    expect(byJudge.statusCode).toBe(403);
    expect(byJudge.json().detail).toContain('您是本轮评委');
    expect((await s.supervisor.client.get(at(''))).json<RoundDetail>().signOffRefusal).toBeNull();
    expect((await s.supervisor.client.post(at('/signoffs'), { comment: '同意' })).statusCode).toBe(201);
  });
});
