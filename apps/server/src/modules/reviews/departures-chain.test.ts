import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoundConfig } from '@jiangtai/contracts';
import type { Client, TestContext } from '../../test/harness.ts';
import { attachFile, entriesTestContext } from '../entries/test-scene.ts';
import { reviewScene, scoresAt, type ReviewScene, type RoundView } from './test-scene.ts';

/**
 * An entry leaving a round and coming back are records of the round's score log: the head moves,
 * sign-offs lapse, the 公示 head changes, and the results read who competes from the log. A returned
 * entry corrected and put forward again competes again while its round is open; withdrawing a
 * stage's list takes its entries out of the next stage's rounds, and confirming it again brings back
 * the ones that advance again.
 */

let ctx: Awaited<ReturnType<typeof entriesTestContext>>;
let t: TestContext;

async function freshScene(prefix: string) {
  ctx = await entriesTestContext();
  t = ctx.t;
  return reviewScene(t, prefix);
}

interface View {
  round: RoundView['round'];
  entries: {
    entryId: string;
    code: string;
    withdrawn: boolean;
    withdrawnReason: string | null;
    judges: { judgeId: string; status: string }[];
  }[];
  progress: RoundView['progress'];
}
interface Results {
  state: string;
  chainHead: string;
  records: number;
  problems: string[];
  items: { entryId: string; rank: number | null; advancing: boolean; withdrawn: boolean }[];
}
interface Notice {
  chainHead: string;
  items: { code: string; rank: number }[];
}

const roundUrl = (id: string, rest = '') => `/api/rounds/${id}${rest}`;
const view = (c: Client, id: string) => c.get(roundUrl(id)).then((r) => r.json<View>());
const results = (c: Client, id: string) => c.get(roundUrl(id, '/results')).then((r) => r.json<Results>());
const named = (s: ReviewScene, name: string) => s.entries.find((e) => e.name === name)!.id;
const lastLog = async (c: Client, id: string) => {
  const log = (await c.get(roundUrl(id, '/score-log'))).json<{
    items: { action: string; summary: string | null; reason: string | null }[];
  }>();
  return log.items[log.items.length - 1]!;
};

async function openRound(
  client: Client,
  campaignId: string,
  stageKey: string,
  patch: Partial<RoundConfig> = {},
) {
  const defaults = await client.get(`/api/campaigns/${campaignId}/round-defaults?stageKey=${stageKey}`);
  expect(defaults.statusCode, defaults.body).toBe(200);
  const res = await client.post(`/api/campaigns/${campaignId}/rounds`, {
    ...defaults.json<RoundConfig>(),
    judgesPerEntry: 3,
    dropHighest: 0,
    dropLowest: 0,
    ...patch,
    stageKey,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<View>();
}

async function staff(s: ReviewScene, id: string) {
  const add = await s.organiser.client.post(roundUrl(id, '/judges'), { userIds: s.judges.map((j) => j.id) });
  expect(add.statusCode, add.body).toBe(200);
  const assign = await s.organiser.client.post(roundUrl(id, '/assign'));
  expect(assign.statusCode, assign.body).toBe(200);
}

async function score(s: ReviewScene, id: string, code: string, judgeId: string, fraction: number) {
  const v = await view(s.organiser.client, id);
  const judge = s.judges.find((x) => x.id === judgeId)!;
  const res = await judge.client.put(`/api/judging/rounds/${id}/items/${code}/score`, {
    scores: scoresAt(v.round.config, fraction),
    submit: true,
  });
  expect(res.statusCode, res.body).toBe(200);
}

/** Every open assignment of competing entries submitted, each entry at its own fraction. */
async function scoreAll(s: ReviewScene, id: string, fraction: (entryId: string) => number) {
  const v = await view(s.organiser.client, id);
  for (const e of v.entries.filter((x) => !x.withdrawn))
    for (const j of e.judges.filter((x) => x.status === 'open' || x.status === 'draft'))
      await score(s, id, e.code, j.judgeId, fraction(e.entryId));
}

async function unitAdmin(s: ReviewScene, unit: keyof ReviewScene['units'], username: string) {
  await t.factories.user([{ role: 'unit_admin', org: s.units[unit] }], { username });
  return t.login(username);
}

const fractionsOf = (s: ReviewScene) => {
  const by = { 钱七: 0.95, 王五: 0.9, 张三: 0.85, 李四: 0.6, 赵六: 0.55, 孙八: 0.5 } as const;
  return Object.fromEntries(Object.entries(by).map(([n, f]) => [named(s, n), f]));
};

describe('an entry withdrawn after the sign-off', () => {
  afterAll(async () => ctx.close());
  let s: ReviewScene;
  let id: string;
  let cultureAdmin: Client;
  let finAdmin: Client;

  beforeAll(async () => {
    s = await freshScene('dc');
    cultureAdmin = await unitAdmin(s, 'culture', 'dc_cultureadmin');
    finAdmin = await unitAdmin(s, 'finance', 'dc_finadmin');
    const fractions = fractionsOf(s);
    id = (
      await openRound(s.organiser.client, s.campaignId, 'semifinal', {
        advancement: { kind: 'top_n', count: 3 },
      })
    ).round.id;
    await staff(s, id);
    await scoreAll(s, id, (e) => fractions[e] ?? 0.5);
    expect((await s.organiser.client.post(roundUrl(id, '/close'))).statusCode).toBe(200);
  });

  it('moves the chain head, lapses the sign-off, and the results read the departure from the log', async () => {
    const before = await results(s.organiser.client, id);
    const sign = await s.supervisor.client.post(roundUrl(id, '/signoffs'), {
      comment: '同意',
      chainHead: before.chainHead,
    });
    expect(sign.statusCode, sign.body).toBe(201);
    const qian = named(s, '钱七');
    expect(before.items.find((i) => i.entryId === qian)).toMatchObject({ rank: 1, advancing: true });

    expect((await cultureAdmin.post(`/api/entries/${qian}/withdraw`)).statusCode).toBe(200);
    const after = await results(s.organiser.client, id);
    expect(after.chainHead).not.toBe(before.chainHead);
    expect(after.records).toBe(before.records + 1);
    expect(after.problems).toEqual([]);
    expect(after.items.find((i) => i.entryId === qian)).toMatchObject({ rank: null, withdrawn: true });
    expect(after.items.find((i) => i.entryId === named(s, '李四'))).toMatchObject({ advancing: true });
    const last = await lastLog(s.supervisor.client, id);
    expect(last.action).toBe('entry_left');
    expect(last.reason).toContain('作品已撤回');
    const signoffs = (await s.supervisor.client.get(roundUrl(id, '/signoffs'))).json<{
      items: { current: boolean }[];
    }>();
    expect(signoffs.items[0]!.current).toBe(false);
    const verified = await s.supervisor.client.post(roundUrl(id, '/verify'));
    expect(verified.json<{ ok: boolean; records: number }>()).toMatchObject({
      ok: true,
      records: after.records,
    });
  });

  it('changes the head printed on the public 公示 when a listed entry is withdrawn after publishing', async () => {
    expect((await s.organiser.client.post(roundUrl(id, '/confirm'))).statusCode).toBe(200);
    const published = await s.organiser.client.post(roundUrl(id, '/publish'));
    expect(published.statusCode, published.body).toBe(200);
    const code = published.json<{ code: string }>().code;
    const before = (await t.anonymous.get(`/api/publicity/${code}`)).json<Notice>();
    expect(before.items).toHaveLength(3);
    expect((await finAdmin.post(`/api/entries/${named(s, '王五')}/withdraw`)).statusCode).toBe(200);
    const after = (await t.anonymous.get(`/api/publicity/${code}`)).json<Notice>();
    expect(after.items).toHaveLength(2);
    expect(after.chainHead).not.toBe(before.chainHead);
    expect(after.chainHead).toBe((await results(s.organiser.client, id)).chainHead);
  });

  it('flags a departure only in the table, or only in the log, as a disagreement', async () => {
    const zhang = named(s, '张三');
    await t.db
      .updateTable('round_entries')
      .set({ left_at: new Date(), left_reason: '改表' })
      .where('round_id', '=', id)
      .where('entry_id', '=', zhang)
      .execute();
    let r = await results(s.organiser.client, id);
    expect(r.problems.join()).toContain('评分记录中没有退赛记录');
    // The log says it competes: it keeps its rank.
    expect(r.items.find((i) => i.entryId === zhang)).toMatchObject({ withdrawn: false });
    expect(r.items.find((i) => i.entryId === zhang)!.rank).not.toBeNull();
    await t.db
      .updateTable('round_entries')
      .set({ left_at: null, left_reason: null })
      .where('round_id', '=', id)
      .where('entry_id', 'in', [zhang, named(s, '钱七')])
      .execute();
    r = await results(s.organiser.client, id);
    expect(r.problems.join()).toContain('在评分记录中已退赛，但作品名单中未标记退赛');
    expect(r.items.find((i) => i.entryId === named(s, '钱七'))).toMatchObject({
      rank: null,
      withdrawn: true,
    });
    expect(r.problems.join()).not.toContain('没有退赛记录');
  });

  it('keeps reading departures from the table in a round from before they were recorded', async () => {
    const zhao = named(s, '赵六');
    await t.db.updateTable('review_rounds').set({ departures_chained: false }).where('id', '=', id).execute();
    await t.db
      .updateTable('round_entries')
      .set({ left_at: new Date(), left_reason: '旧数据' })
      .where('round_id', '=', id)
      .where('entry_id', '=', zhao)
      .execute();
    const r = await results(s.organiser.client, id);
    expect(r.problems.join()).not.toContain(`没有退赛记录`);
    expect(r.items.find((i) => i.entryId === zhao)).toMatchObject({ rank: null, withdrawn: true });
  });
});

describe('a returned entry corrected and put forward again while its round is open', () => {
  afterAll(async () => ctx.close());
  let s: ReviewScene;
  let id: string;

  beforeAll(async () => {
    s = await freshScene('rj');
    const fractions = fractionsOf(s);
    // The 初赛 takes entries 已提交 or 已推荐: the scene's entries were recommended by their units.
    id = (
      await openRound(s.organiser.client, s.campaignId, 'preliminary', {
        advancement: { kind: 'top_n', count: 3 },
      })
    ).round.id;
    await staff(s, id);
    await scoreAll(s, id, (e) => fractions[e] ?? 0.5);
  });

  it('competes again, visibly in the log, and its judges score it afresh', async () => {
    const li = named(s, '李四');
    const ret = await s.eduAdmin.client.post(`/api/entries/${li}/return`, { reason: '讲稿需修改' });
    expect(ret.statusCode, ret.body).toBe(200);
    expect((await view(s.organiser.client, id)).entries.find((e) => e.entryId === li)).toMatchObject({
      withdrawn: true,
    });
    const before = await results(s.organiser.client, id);

    await attachFile(t, ctx.dataDir, li, 'video');
    await attachFile(t, ctx.dataDir, li, 'manuscript');
    await attachFile(t, ctx.dataDir, li, 'recommendation_scan');
    const sub = await s.eduAdmin.client.post(`/api/entries/${li}/submit`);
    expect(sub.statusCode, sub.body).toBe(200);
    const rec = await s.eduAdmin.client.post(`/api/entries/${li}/recommend`);
    expect(rec.statusCode, rec.body).toBe(200);

    const v = await view(s.organiser.client, id);
    const item = v.entries.find((e) => e.entryId === li)!;
    expect(item).toMatchObject({ withdrawn: false, withdrawnReason: null });
    expect(item.judges.length).toBe(3);
    for (const j of item.judges) expect(j.status).toBe('open');
    const judge = s.judges.find((x) => x.id === item.judges[0]!.judgeId)!;
    const queue = (await judge.client.get(`/api/judging/rounds/${id}`)).json<{
      items: { code: string; status: string; total: string | null }[];
    }>();
    expect(queue.items.find((i) => i.code === item.code)).toMatchObject({ status: 'open', total: null });

    const r = await results(s.organiser.client, id);
    expect(r.records).toBe(before.records + 1);
    expect(r.problems).toEqual([]);
    // Its old scores do not count: it is unranked until the judges score it again.
    expect(r.items.find((i) => i.entryId === li)).toMatchObject({ rank: null, withdrawn: false });
    expect((await lastLog(s.supervisor.client, id)).action).toBe('entry_rejoined');
    expect((await s.organiser.client.post(roundUrl(id, '/close'))).statusCode).toBe(409);

    for (const j of item.judges) await score(s, id, item.code, j.judgeId, 0.99);
    const scored = await results(s.organiser.client, id);
    expect(scored.items.find((i) => i.entryId === li)).toMatchObject({ rank: 1, advancing: true });
    expect((await s.organiser.client.post(roundUrl(id, '/close'))).statusCode).toBe(200);
  });
});

describe("withdrawing a stage's list while the next stage's round is open", () => {
  afterAll(async () => ctx.close());
  let s: ReviewScene;
  let semiId: string;
  let finalId: string;
  let advancing: string[];

  beforeAll(async () => {
    s = await freshScene('wn');
    const fractions = fractionsOf(s);
    semiId = (
      await openRound(s.organiser.client, s.campaignId, 'semifinal', {
        advancement: { kind: 'top_n', count: 3 },
      })
    ).round.id;
    await staff(s, semiId);
    await scoreAll(s, semiId, (e) => fractions[e] ?? 0.5);
    expect((await s.organiser.client.post(roundUrl(semiId, '/close'))).statusCode).toBe(200);
    expect((await s.organiser.client.post(roundUrl(semiId, '/confirm'))).statusCode).toBe(200);
    advancing = [named(s, '钱七'), named(s, '王五'), named(s, '张三')];
  });

  it('takes the entries it sent on out of the open 决赛 round, and brings back the ones advancing again', async () => {
    finalId = (await openRound(s.organiser.client, s.campaignId, 'final')).round.id;
    const refresh = await s.organiser.client.post(roundUrl(finalId, '/entries/refresh'));
    expect(refresh.statusCode, refresh.body).toBe(200);
    let fin = await view(s.organiser.client, finalId);
    expect(fin.entries.map((e) => e.entryId).sort()).toEqual([...advancing].sort());
    await staff(s, finalId);
    fin = await view(s.organiser.client, finalId);
    const wang = fin.entries.find((e) => e.entryId === named(s, '王五'))!;
    await score(s, finalId, wang.code, wang.judges[0]!.judgeId, 0.8);
    const headBefore = (await results(s.organiser.client, finalId)).chainHead;

    const w = await s.organiser.client.post(roundUrl(semiId, '/withdraw'), {
      reason: '异议成立，需重新核分',
    });
    expect(w.statusCode, w.body).toBe(200);
    fin = await view(s.organiser.client, finalId);
    for (const e of fin.entries)
      expect(e).toMatchObject({ withdrawn: true, withdrawnReason: '上一轮晋级名单已撤回' });
    expect(fin.progress.entries).toBe(0);
    const judge = s.judges.find((x) => x.id === wang.judges[0]!.judgeId)!;
    const queue = (await judge.client.get(`/api/judging/rounds/${finalId}`)).json<{ items: unknown[] }>();
    expect(queue.items).toEqual([]);
    const afterWithdraw = await results(s.organiser.client, finalId);
    expect(afterWithdraw.chainHead).not.toBe(headBefore);
    expect(afterWithdraw.problems).toEqual([]);
    expect((await lastLog(s.organiser.client, finalId)).action).toBe('entry_left');

    const top1 = await s.organiser.client.patch(roundUrl(semiId), {
      advancement: { kind: 'top_n', count: 1 },
    });
    expect(top1.statusCode, top1.body).toBe(200);
    const again = await s.organiser.client.post(roundUrl(semiId, '/confirm'));
    expect(again.statusCode, again.body).toBe(200);
    fin = await view(s.organiser.client, finalId);
    const qian = named(s, '钱七');
    expect(fin.entries.find((e) => e.entryId === qian)).toMatchObject({ withdrawn: false });
    for (const e of fin.entries.filter((x) => x.entryId !== qian))
      expect(e).toMatchObject({ withdrawn: true });
    expect(fin.progress.entries).toBe(1);
    expect((await lastLog(s.organiser.client, finalId)).action).toBe('entry_rejoined');
    expect((await results(s.organiser.client, finalId)).problems).toEqual([]);
    // Nothing new comes in by 加入作品: the entries no longer advancing stay out.
    const re = await s.organiser.client.post(roundUrl(finalId, '/entries/refresh'));
    expect(re.json<{ added: number }>().added).toBe(0);
    expect((await view(s.organiser.client, finalId)).progress.entries).toBe(1);
  });
});
