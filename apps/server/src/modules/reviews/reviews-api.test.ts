import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { RoundConfig } from '@jiangtai/contracts';
import { createTestContext, type Client, type TestContext } from '../../test/harness.ts';
import { openSemifinal, reviewScene, scoresAt, type ReviewScene, type RoundView } from './test-scene.ts';

let t: TestContext;
let s: ReviewScene;
let round: RoundView;
let id: string;

beforeAll(async () => {
  t = await createTestContext();
  s = await reviewScene(t, 'ra');
});
afterAll(async () => t.close());

const judgeIds = () => s.judges.map((j) => j.id);
const roundUrl = (rest = '') => `/api/rounds/${id}${rest}`;

interface QueueView {
  items: { code: string; status: string; title: string | null; speakerName: string | null }[];
  progress: { assigned: number; submitted: number };
}
interface ResultsView {
  state: string;
  missingScores: number;
  items: {
    entryId: string;
    code: string;
    rank: number | null;
    score: string | null;
    untrimmedMean: string | null;
    used: number;
    assigned: number;
    flags: string[];
    advancing: boolean;
    needsDecision: boolean;
    tiedWithIds: string[];
    judges: { judgeId: string; total: string | null; dropped: string | null; status: string }[];
  }[];
  advancement: { advancing: string[]; blockers: string[] };
  spread: { judgeId: string; scored: number }[];
}

const queueOf = (c: Client) => c.get(`/api/judging/rounds/${id}`).then((r) => r.json<QueueView>());

describe('opening a round', () => {
  it('refuses the anonymous (401), a unit admin for the city 复赛 (403) and an unknown campaign (404)', async () => {
    const body = { stageKey: 'semifinal' };
    expect((await t.anonymous.post(`/api/campaigns/${s.campaignId}/rounds`, body)).statusCode).toBe(401);
    const defaults = await s.organiser.client.get(
      `/api/campaigns/${s.campaignId}/round-defaults?stageKey=semifinal`,
    );
    expect(defaults.statusCode).toBe(200);
    const res = await s.eduAdmin.client.post(`/api/campaigns/${s.campaignId}/rounds`, {
      ...defaults.json<RoundConfig>(),
      stageKey: 'semifinal',
    });
    expect(res.statusCode).toBe(403);
    expect(
      (await s.organiser.client.get(`/api/campaigns/999999/round-defaults?stageKey=semifinal`)).statusCode,
    ).toBe(404);
  });

  it('names the problem when more scores are dropped than judges score (400) and for a launch stage', async () => {
    const defaults = (
      await s.organiser.client.get(`/api/campaigns/${s.campaignId}/round-defaults?stageKey=semifinal`)
    ).json<RoundConfig>();
    const bad = await s.organiser.client.post(`/api/campaigns/${s.campaignId}/rounds`, {
      ...defaults,
      judgesPerEntry: 2,
      dropHighest: 1,
      dropLowest: 1,
      stageKey: 'semifinal',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toContain('去掉 1 个最高分和 1 个最低分后没有分数可算');
    const launch = await s.organiser.client.post(`/api/campaigns/${s.campaignId}/rounds`, {
      ...defaults,
      stageKey: 'launch',
    });
    expect(launch.statusCode).toBe(400);
    expect(launch.json().detail).toContain('只有初赛、复赛、决赛或评选阶段可以开启评审');
  });

  it('takes the recommended entries with random, non-sequential codes', async () => {
    round = await openSemifinal(s.organiser.client, s.campaignId);
    id = round.round.id;
    expect(round.entries).toHaveLength(6);
    const codes = round.entries.map((e) => e.code);
    expect(new Set(codes).size).toBe(6);
    for (const c of codes) expect(c).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    expect(round.round.config.judgesPerEntry).toBe(3);
    const again = await s.organiser.client.post(`/api/campaigns/${s.campaignId}/rounds`, {
      ...round.round.config,
      stageKey: 'semifinal',
    });
    expect(again.statusCode).toBe(409);
  });

  it('lists the round for its organiser and supervisor, not for a judge or member', async () => {
    const list = (c: Client) =>
      c.get(`/api/campaigns/${s.campaignId}/rounds`).then((r) => r.json<{ items: unknown[] }>());
    expect((await list(s.organiser.client)).items).toHaveLength(1);
    expect((await list(s.supervisor.client)).items).toHaveLength(1);
    expect((await list(s.judges[0]!.client)).items).toHaveLength(0);
    expect((await s.judges[0]!.client.get(roundUrl())).statusCode).toBe(403);
    expect((await s.member.client.get(roundUrl('/results'))).statusCode).toBe(403);
    expect((await s.organiser.client.get('/api/rounds/999999')).statusCode).toBe(404);
  });
});

describe('panel and assignment', () => {
  it('refuses automatic assignment before the panel is big enough (409)', async () => {
    const res = await s.organiser.client.post(roundUrl('/assign'));
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('评委组只有 0 位');
  });

  it('adds judges; refuses an account without the judge role', async () => {
    const bad = await s.organiser.client.post(roundUrl('/judges'), { userIds: [s.member.id] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toContain('没有评委角色');
    const res = await s.organiser.client.post(roundUrl('/judges'), { userIds: judgeIds() });
    expect(res.statusCode).toBe(200);
    expect(res.json<RoundView>().panel.filter((p) => p.active)).toHaveLength(4);
    expect((await s.judges[0]!.client.post(roundUrl('/judges'), { userIds: judgeIds() })).statusCode).toBe(
      403,
    );
  });

  it('invites a new expert whose first login must change the password', async () => {
    const res = await s.organiser.client.post(roundUrl('/judges/invite'), {
      displayName: '陈专家',
      username: 'ra_expert',
      phone: '13800009999',
    });
    expect(res.statusCode).toBe(201);
    const { temporaryPassword } = res.json<{ temporaryPassword: string }>();
    const expert = await t.login('ra_expert', temporaryPassword);
    const me = await expert.get('/api/judging/rounds');
    expect(me.statusCode).toBe(403);
    expect(me.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    const dup = await s.organiser.client.post(roundUrl('/judges/invite'), {
      displayName: '重复',
      username: 'ra_expert',
    });
    expect(dup.statusCode).toBe(409);
    // The expert leaves again before any work: nothing to redistribute.
    const expertId = (
      await t.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'ra_expert')
        .executeTakeFirstOrThrow()
    ).id;
    const left = await s.organiser.client.post(roundUrl(`/judges/${expertId}/remove`), {
      reason: '临时有事不能参加',
    });
    expect(left.statusCode).toBe(200);
  });

  it('assigns every entry its three judges, within one of each other, never 市教育局 to its own member', async () => {
    const res = await s.organiser.client.post(roundUrl('/assign'));
    expect(res.statusCode).toBe(200);
    round = res.json<RoundView & { round: RoundView }>().round as unknown as RoundView;
    for (const e of round.entries) expect(e.judges).toHaveLength(3);
    const loads = round.panel.filter((p) => p.active).map((p) => p.assigned);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    const eduCodes = round.entries.filter((e) => ['张三', '李四'].includes(e.speakerName));
    for (const e of eduCodes) expect(e.judges.map((j) => j.judgeId)).not.toContain(s.judges[0]!.id);
  });

  it('warns before saving a hand-made conflict, and saves once the organiser accepts', async () => {
    const zhang = round.entries.find((e) => e.speakerName === '张三')!;
    const wanted = [s.judges[0]!.id, ...zhang.judges.map((j) => j.judgeId).slice(0, 2)];
    const first = await s.organiser.client.put(roundUrl('/assignments'), {
      entryId: zhang.entryId,
      judgeIds: wanted,
    });
    expect(first.statusCode).toBe(200);
    const body = first.json<{ saved: boolean; warnings: { message: string }[] }>();
    expect(body.saved).toBe(false);
    expect(body.warnings.map((w) => w.message).join()).toContain('评委所在单位与作品单位相同');
    // Put it back as it was: no warnings, saved.
    const back = await s.organiser.client.put(roundUrl('/assignments'), {
      entryId: zhang.entryId,
      judgeIds: zhang.judges.map((j) => j.judgeId),
    });
    expect(back.json<{ saved: boolean }>().saved).toBe(true);
  });
});

describe('judging', () => {
  it('shows a judge only their assigned entries, by code only in a blind round', async () => {
    const q = await queueOf(s.judges[1]!.client);
    const mine = round.entries.filter((e) => e.judges.some((j) => j.judgeId === s.judges[1]!.id));
    expect(q.items.map((i) => i.code).sort()).toEqual(mine.map((e) => e.code).sort());
    for (const i of q.items) {
      expect(i.title).toBeNull();
      expect(i.speakerName).toBeNull();
    }
    const notMine = round.entries.find((e) => !e.judges.some((j) => j.judgeId === s.judges[1]!.id));
    if (notMine)
      expect(
        (await s.judges[1]!.client.get(`/api/judging/rounds/${id}/items/${notMine.code}`)).statusCode,
      ).toBe(404);
    expect((await s.organiser.client.get(`/api/judging/rounds/${id}`)).statusCode).toBe(404);
  });

  it('keeps a draft, refuses scores out of range or incomplete, then locks the submitted score', async () => {
    const judge = s.judges[1]!.client;
    const [first] = (await queueOf(judge)).items;
    const url = `/api/judging/rounds/${id}/items/${first!.code}/score`;
    const c = round.round.config.criteria;
    const over = await judge.put(url, { scores: { [c[0]!.key]: c[0]!.max + 1 }, submit: false });
    expect(over.statusCode).toBe(400);
    expect(over.json().detail).toContain(`「${c[0]!.name}」的分数应在 0 到 ${c[0]!.max} 之间`);
    const draft = await judge.put(url, { scores: { [c[0]!.key]: 20 }, comment: '先看到这里', submit: false });
    expect(draft.statusCode).toBe(200);
    expect(draft.json().status).toBe('draft');
    const incomplete = await judge.put(url, { scores: { [c[0]!.key]: 20 }, submit: true });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().detail).toContain('请给');
    const done = await judge.put(url, {
      scores: scoresAt(round.round.config, 0.8),
      comment: '讲得好',
      submit: true,
    });
    expect(done.statusCode).toBe(200);
    expect(done.json().locked).toBe(true);
    const again = await judge.put(url, { scores: scoresAt(round.round.config, 0.9), submit: true });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('已提交并锁定');
  });

  it('no longer lets the organiser change the rubric once a score exists', async () => {
    const res = await s.organiser.client.patch(roundUrl(), {
      criteria: round.round.config.criteria.map((c, i) => (i === 0 ? { ...c, name: '改名' } : c)),
    });
    expect(res.statusCode).toBe(409);
    expect((await s.organiser.client.patch(roundUrl(), { name: '复赛专家评审' })).statusCode).toBe(200);
  });

  it('lets a judge declare a conflict: the entry goes to another judge', async () => {
    const judge = s.judges[2]!;
    const q = await queueOf(judge.client);
    const item = q.items.find((i) => i.status === 'open')!;
    const res = await judge.client.post(`/api/judging/rounds/${id}/items/${item.code}/conflict`, {
      reason: '作品作者是我的亲属',
    });
    expect(res.statusCode).toBe(200);
    const after = await queueOf(judge.client);
    expect(after.items.map((i) => i.code)).not.toContain(item.code);
    const view = (await s.organiser.client.get(roundUrl())).json<
      RoundView & { conflicts: { reason: string }[] }
    >();
    expect(view.conflicts.map((c) => c.reason)).toContain('作品作者是我的亲属');
  });
});

/** Every judge submits all open items: totals chosen per judge so that drops are visible. */
async function scoreEverything() {
  const fractions = [0.95, 0.6, 0.8, 0.7];
  for (const [i, j] of s.judges.entries()) {
    for (const item of (await queueOf(j.client)).items.filter((x) => x.status !== 'submitted')) {
      const res = await j.client.put(`/api/judging/rounds/${id}/items/${item.code}/score`, {
        scores: scoresAt(round.round.config, fractions[i]!),
        submit: true,
      });
      expect(res.statusCode).toBe(200);
    }
  }
}

describe('results', () => {
  it('refuses to close while scores are missing', async () => {
    const res = await s.organiser.client.post(roundUrl('/close'));
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/还有 \d+ 份评分未提交/);
  });

  it('ranks entries with the highest and lowest scores dropped', async () => {
    await scoreEverything();
    const r = (await s.organiser.client.get(roundUrl('/results'))).json<ResultsView>();
    expect(r.missingScores).toBe(0);
    // An entry whose judge declared a conflict may have had no eligible replacement (2 judges left).
    const full = r.items.filter((i) => i.judges.filter((j) => j.status === 'submitted').length === 3);
    expect(full.length).toBeGreaterThanOrEqual(5);
    for (const item of full) {
      expect(item.judges.filter((j) => j.dropped === 'highest')).toHaveLength(1);
      expect(item.judges.filter((j) => j.dropped === 'lowest')).toHaveLength(1);
      const kept = item.judges.find((j) => j.dropped === null && j.status === 'submitted')!;
      expect(item.score).toBe(Number(kept.total).toFixed(2));
      expect(item.used).toBe(1);
    }
    expect(r.items[0]!.rank).toBe(1);
    expect(r.spread.length).toBeGreaterThan(0);
    const sup = await s.supervisor.client.get(roundUrl('/results'));
    expect(sup.statusCode).toBe(200);
  });

  it('reopens a submitted score only with a reason, and the judge can change it', async () => {
    const r = (await s.organiser.client.get(roundUrl('/results'))).json<ResultsView>();
    const item = r.items[0]!;
    const judge = item.judges[0]!;
    const noReason = await s.organiser.client.post(roundUrl('/scores/reopen'), {
      entryId: item.entryId,
      judgeId: judge.judgeId,
    });
    expect(noReason.statusCode).toBe(400);
    const res = await s.organiser.client.post(roundUrl('/scores/reopen'), {
      entryId: item.entryId,
      judgeId: judge.judgeId,
      reason: '评委反映误填了一项分数',
    });
    expect(res.statusCode).toBe(200);
    const client = s.judges.find((j) => j.id === judge.judgeId)!.client;
    const view = await client.get(`/api/judging/rounds/${id}/items/${item.code}`);
    expect(view.json().reopenReason).toBe('评委反映误填了一项分数');
    const resubmit = await client.put(`/api/judging/rounds/${id}/items/${item.code}/score`, {
      scores: scoresAt(round.round.config, 0.75),
      submit: true,
    });
    expect(resubmit.statusCode).toBe(200);
  });

  it('removes a judge from one entry with a reason; the mean uses the scores present and says so', async () => {
    const r = (await s.organiser.client.get(roundUrl('/results'))).json<ResultsView>();
    const item = r.items[1]!;
    const res = await s.organiser.client.post(roundUrl('/scores/remove'), {
      entryId: item.entryId,
      judgeId: item.judges[0]!.judgeId,
      reason: '该评委与作者系同事，事后发现',
    });
    expect(res.statusCode).toBe(200);
    const after = res.json<ResultsView>().items.find((i) => i.entryId === item.entryId)!;
    expect(after.flags.join()).toContain('已移除 1 名评委的评分');
    expect(after.judges.find((j) => j.judgeId === item.judges[0]!.judgeId)!.status).toBe('removed');
  });

  it('closes, previews and confirms the advancement', async () => {
    expect((await s.judges[1]!.client.post(roundUrl('/close'))).statusCode).toBe(403);
    const closed = await s.organiser.client.post(roundUrl('/close'));
    expect(closed.statusCode).toBe(200);
    expect(closed.json<ResultsView>().state).toBe('closed');
    const late = await s.judges[1]!.client.put(
      `/api/judging/rounds/${id}/items/${round.entries[0]!.code}/score`,
      {
        scores: {},
        submit: false,
      },
    );
    expect([404, 409]).toContain(late.statusCode);
    const confirmed = await s.organiser.client.post(roundUrl('/confirm'));
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const r = confirmed.json<ResultsView>();
    expect(r.state).toBe('confirmed');
    expect(r.items.filter((i) => i.advancing)).toHaveLength(6); // top 20 of 6
  });

  it('moves the advancing entries on: the 决赛 round takes exactly them', async () => {
    const defaults = await s.organiser.client.get(
      `/api/campaigns/${s.campaignId}/round-defaults?stageKey=final`,
    );
    const res = await s.organiser.client.post(`/api/campaigns/${s.campaignId}/rounds`, {
      ...defaults.json<RoundConfig>(),
      stageKey: 'final',
    });
    expect(res.statusCode).toBe(201);
    const finalRound = res.json<RoundView>();
    const advancing = (await s.organiser.client.get(roundUrl('/results')))
      .json<ResultsView>()
      .items.filter((i) => i.advancing);
    expect(finalRound.entries.map((e) => e.entryId).sort()).toEqual(advancing.map((i) => i.entryId).sort());
    // New codes: the 决赛 judges cannot match entries with the 复赛 codes.
    const semifinalCodes = new Set(round.entries.map((e) => e.code));
    expect(finalRound.entries.some((e) => semifinalCodes.has(e.code))).toBe(false);
  });

  it('exports a full sheet whose final scores are the ones on screen', async () => {
    const res = await s.supervisor.client.get(roundUrl('/export?kind=full'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const text = JSON.stringify(wb.worksheets[0]!.getSheetValues());
    const r = (await s.organiser.client.get(roundUrl('/results'))).json<ResultsView>();
    for (const item of r.items) expect(text).toContain(item.code);
    for (const kind of ['judges', 'summary'])
      expect((await s.supervisor.client.get(roundUrl(`/export?kind=${kind}`))).statusCode).toBe(200);
    expect((await s.judges[0]!.client.get(roundUrl('/export?kind=full'))).statusCode).toBe(403);
    expect((await s.supervisor.client.get(roundUrl('/export?kind=bad'))).statusCode).toBe(400);
  });

  it('lets the supervisor verify the chain and sign off', async () => {
    const v = await s.supervisor.client.post(roundUrl('/verify'));
    expect(v.statusCode).toBe(200);
    expect(v.json().ok).toBe(true);
    expect(v.json().message).toContain('未发现篡改');
    const sign = await s.supervisor.client.post(roundUrl('/signoffs'), { comment: '评审过程规范' });
    expect(sign.statusCode).toBe(201);
    expect((await s.organiser.client.post(roundUrl('/signoffs'), { comment: '' })).statusCode).toBe(403);
    const log = (await s.supervisor.client.get(roundUrl('/score-log'))).json<{
      items: { action: string }[];
    }>();
    expect(log.items.map((i) => i.action)).toContain('reopen');
  });
});

describe('公示 and sealing', () => {
  /** The notice's public code, from the publish answer. */
  let notice = '';
  it('publishes for 5 working days; anyone signed in sees it and may object', async () => {
    const res = await s.organiser.client.post(roundUrl('/publish'));
    expect(res.statusCode).toBe(200);
    // 2026-07-01 is a Wednesday: five working days later is Wednesday 2026-07-08.
    expect(res.json().noticeEndsOn).toBe('2026-07-08');
    notice = res.json().code;
    expect(notice).toMatch(/^[A-Z0-9]{12}$/);
    const board = await s.member.client.get('/api/publicity');
    expect(board.json().items[0].items[0].speakerName).toBeTruthy();
    const bad = await s.member.client.post(`/api/publicity/${notice}/objections`, {
      content: '短',
      contactName: '',
      contactPhone: 'x',
    });
    expect(bad.statusCode).toBe(400);
    const ok = await s.member.client.post(`/api/publicity/${notice}/objections`, {
      content: '第二名的讲稿与去年作品雷同，请核实',
      contactName: '李群众',
      contactPhone: '13700001111',
    });
    expect(ok.statusCode).toBe(201);
  });

  it('can be withdrawn (e.g. an objection upheld), corrected and published again', async () => {
    expect((await s.organiser.client.post(roundUrl('/withdraw'), {})).statusCode).toBe(400);
    expect(
      (await s.supervisor.client.post(roundUrl('/withdraw'), { reason: '监督员不能撤回' })).statusCode,
    ).toBe(403);
    const res = await s.organiser.client.post(roundUrl('/withdraw'), { reason: '异议成立，需重新核分' });
    expect(res.statusCode).toBe(200);
    expect(res.json().message).toContain('晋级名单已撤回');
    expect((await s.member.client.get(`/api/publicity/${notice}`)).statusCode).toBe(404);
    const view = (await s.organiser.client.get(roundUrl())).json<RoundView>();
    expect(view.round.state).toBe('closed');
    expect((await s.organiser.client.post(roundUrl('/withdraw'), { reason: '再撤一次' })).statusCode).toBe(
      409,
    );
    // The objection lodged meanwhile stays on record; confirm and publish again.
    expect((await s.organiser.client.post(roundUrl('/confirm'))).statusCode).toBe(200);
    const again = await s.organiser.client.post(roundUrl('/publish'));
    expect(again.json().noticeEndsOn).toBe('2026-07-08');
    expect(again.json().code, 'published again at the same public address').toBe(notice);
    const list = (await s.organiser.client.get(roundUrl('/objections'))).json<{ items: unknown[] }>();
    expect(list.items).toHaveLength(1);
  });

  it('cannot be sealed during the notice period or with an objection unanswered', async () => {
    const early = await s.organiser.client.post(roundUrl('/seal'));
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toContain('公示期至 2026年7月8日，期满后可封存');
    // The results page's button says the same before anyone presses it.
    const shown = (await s.organiser.client.get(roundUrl('/results'))).json();
    expect(shown.seal).toEqual({ allowed: false, blockedReason: '公示期至 2026年7月8日，期满后可封存' });
    (t.clock as unknown as { set(d: Date): void }).set(new Date('2026-07-09T01:00:00Z'));
    // A week later the sessions have expired: sign in again.
    s.member.client = await t.login('ra_member');
    s.organiser.client = await t.login('ra_org');
    const late = await s.member.client.post(`/api/publicity/${notice}/objections`, {
      content: '公示期后再提的异议',
      contactName: '李群众',
      contactPhone: '13700001111',
    });
    expect(late.statusCode).toBe(409);
    const pending = await s.organiser.client.post(roundUrl('/seal'));
    expect(pending.statusCode).toBe(409);
    expect(pending.json().detail).toContain('还有 1 条异议未答复');
  });

  it('answers the objection, seals the results and shows the hash', async () => {
    const list = (await s.organiser.client.get(roundUrl('/objections'))).json<{ items: { id: string }[] }>();
    const answer = await s.organiser.client.post(roundUrl(`/objections/${list.items[0]!.id}/answer`), {
      outcome: 'dismissed',
      reason: '经核查，两篇讲稿主题不同，内容无雷同',
    });
    expect(answer.statusCode).toBe(200);
    const mine = (await s.member.client.get(`/api/publicity/${notice}/objections/mine`)).json<{
      items: { outcomeLabel: string }[];
    }>();
    expect(mine.items[0]!.outcomeLabel).toBe('异议不成立');
    const sealed = await s.organiser.client.post(roundUrl('/seal'));
    expect(sealed.statusCode).toBe(200);
    expect(sealed.json().final).toBe(true);
    expect(sealed.json().sealHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await s.organiser.client.post(roundUrl('/seal'))).statusCode).toBe(409);
  });

  it('checks the sealed list against the seal: a title changed in the database afterwards is named', async () => {
    s.supervisor.client = await t.login('ra_sup');
    const verify = () =>
      s.supervisor.client.post(roundUrl('/verify')).then((r) => r.json<{ ok: boolean; message: string }>());
    expect(await verify()).toMatchObject({ ok: true, message: expect.stringContaining('及结果封存哈希') });
    // Someone with database access retitles an advancing entry: the score log is untouched.
    const listed = await t.db
      .selectFrom('round_entries')
      .innerJoin('entries', 'entries.id', 'round_entries.entry_id')
      .select(['entries.id', 'entries.title'])
      .where('round_entries.round_id', '=', id)
      .where('round_entries.advanced', '=', true)
      .executeTakeFirstOrThrow();
    const retitle = (title: string) =>
      t.db.updateTable('entries').set({ title }).where('id', '=', listed.id).execute();
    await retitle(`${listed.title}（改）`);
    try {
      const v = await verify();
      expect(v.ok).toBe(false);
      expect(v.message).toContain('结果封存哈希与当前的晋级名单和评分记录不符');
    } finally {
      await retitle(listed.title);
    }
    expect((await verify()).ok).toBe(true);
  });
});

describe("a unit's own 初赛 round", () => {
  it('is opened by the unit admin for the unit only, with the unit’s entries only', async () => {
    // The clock moved on in the 公示 tests: sign in again.
    s.eduAdmin.client = await t.login('ra_eduadmin');
    await t.factories.user([{ role: 'unit_admin', org: s.units.finance }], { username: 'ra_finadmin' });
    const financeAdmin = await t.login('ra_finadmin');
    const url = `/api/campaigns/${s.campaignId}/round-defaults?stageKey=preliminary&scopeOrgId=${s.units.edu.id}`;
    const defaults = await s.eduAdmin.client.get(url);
    expect(defaults.statusCode).toBe(200);
    const body = {
      ...defaults.json<RoundConfig>(),
      judgesPerEntry: 1,
      dropHighest: 0,
      dropLowest: 0,
      stageKey: 'preliminary',
    };
    const other = await s.eduAdmin.client.post(`/api/campaigns/${s.campaignId}/rounds`, {
      ...body,
      scopeOrgId: s.units.finance.id,
    });
    expect(other.statusCode).toBe(403);
    const res = await s.eduAdmin.client.post(`/api/campaigns/${s.campaignId}/rounds`, {
      ...body,
      scopeOrgId: s.units.edu.id,
    });
    expect(res.statusCode).toBe(201);
    const unitRound = res.json<RoundView>();
    expect(unitRound.entries.map((e) => e.speakerName).sort()).toEqual(['张三', '李四'].sort());
    // The unit's round is not the finance admin's, and the organiser still oversees it.
    expect((await financeAdmin.get(`/api/rounds/${unitRound.round.id}`)).statusCode).toBe(403);
    expect(
      (await financeAdmin.get(`/api/campaigns/${s.campaignId}/rounds`)).json<{ items: unknown[] }>().items,
    ).toEqual([]);
    expect((await s.organiser.client.get(`/api/rounds/${unitRound.round.id}`)).statusCode).toBe(200);
    const list = (await s.eduAdmin.client.get(`/api/campaigns/${s.campaignId}/rounds`)).json<{
      items: { id: string }[];
    }>();
    expect(list.items.map((r) => r.id)).toEqual([unitRound.round.id]);
  });
});
