import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntryDetail, EntryListResponse, RoundConfig } from '@jiangtai/contracts';
import type { Client, TestContext } from '../../test/harness.ts';
import { attachFile, entriesTestContext } from '../entries/test-scene.ts';
import { extraEntry, reviewScene, scoresAt, type ReviewScene, type RoundView } from './test-scene.ts';

/**
 * Entries and rounds together: an entry withdrawn or returned while in a round leaves it visibly
 * (已退赛), a round's confirmation recommends only within the unit's quota, and withdrawing a round's
 * list undoes only the recommendations the round itself made.
 */

let ctx: Awaited<ReturnType<typeof entriesTestContext>>;
let t: TestContext;

/** Each block gets a fresh app and database (the scene's speakers have fixed phone numbers). */
async function freshScene(prefix: string) {
  ctx = await entriesTestContext();
  t = ctx.t;
  return reviewScene(t, prefix);
}

interface EntryRow {
  entryId: string;
  code: string;
  speakerName: string;
  advanced: boolean;
  withdrawn: boolean;
  withdrawnReason: string | null;
  judges: { judgeId: string; status: string }[];
}
type View = Omit<RoundView, 'entries'> & { entries: EntryRow[] };
interface Results {
  state: string;
  items: {
    entryId: string;
    speakerName: string;
    rank: number | null;
    score: string | null;
    advancing: boolean;
    withdrawn: boolean;
    lostPlace: boolean;
    flags: string[];
  }[];
  advancement: { advancing: string[] };
}

const roundUrl = (id: string, rest = '') => `/api/rounds/${id}${rest}`;
const entryUrl = (id: string, rest = '') => `/api/entries/${id}${rest}`;

async function openRound(
  client: Client,
  campaignId: string,
  stageKey: string,
  patch: Partial<RoundConfig> & { scopeOrgId?: string } = {},
) {
  const scope = patch.scopeOrgId ? `&scopeOrgId=${patch.scopeOrgId}` : '';
  const defaults = await client.get(
    `/api/campaigns/${campaignId}/round-defaults?stageKey=${stageKey}${scope}`,
  );
  expect(defaults.statusCode, defaults.body).toBe(200);
  const res = await client.post(`/api/campaigns/${campaignId}/rounds`, {
    ...defaults.json<RoundConfig>(),
    judgesPerEntry: 1,
    dropHighest: 0,
    dropLowest: 0,
    ...patch,
    stageKey,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<View>();
}

const view = (c: Client, id: string) => c.get(roundUrl(id)).then((r) => r.json<View>());
const results = (c: Client, id: string) => c.get(roundUrl(id, '/results')).then((r) => r.json<Results>());
const entryState = (c: Client, id: string) => c.get(entryUrl(id)).then((r) => r.json<EntryDetail>().state);
const named = (s: ReviewScene, name: string) => s.entries.find((e) => e.name === name)!.id;

/**
 * A unit's own round is staffed from judges the unit admin may see: the scene's experts are also given
 * the judge role on 市教育局 (a judge role is no unit of theirs, so no conflict follows from it).
 */
async function eduJudges(s: ReviewScene, judgeIdx: number[]) {
  for (const i of judgeIdx)
    await t.db
      .insertInto('role_grants')
      .values({ user_id: s.judges[i]!.id, role: 'judge', org_id: s.units.edu.id, org_path: s.units.edu.path })
      .execute();
}

/** Panel of the judges given, every entry assigned. */
async function staff(s: ReviewScene, manager: Client, id: string, judgeIdx: number[]) {
  const add = await manager.post(roundUrl(id, '/judges'), { userIds: judgeIdx.map((i) => s.judges[i]!.id) });
  expect(add.statusCode, add.body).toBe(200);
  const assign = await manager.post(roundUrl(id, '/assign'));
  expect(assign.statusCode, assign.body).toBe(200);
}

/** Every open assignment submitted, each entry at its own fraction of full marks. */
async function scoreAll(s: ReviewScene, id: string, fraction: (entryId: string) => number) {
  const v = await view(s.organiser.client, id);
  for (const e of v.entries.filter((x) => !x.withdrawn)) {
    for (const j of e.judges.filter((x) => x.status === 'open' || x.status === 'draft')) {
      const judge = s.judges.find((x) => x.id === j.judgeId)!;
      const res = await judge.client.put(`/api/judging/rounds/${id}/items/${e.code}/score`, {
        scores: scoresAt(v.round.config, fraction(e.entryId)),
        submit: true,
      });
      expect(res.statusCode, res.body).toBe(200);
    }
  }
}

async function unitAdmin(s: ReviewScene, unit: keyof ReviewScene['units'], username: string) {
  await t.factories.user([{ role: 'unit_admin', org: s.units[unit] }], { username });
  return t.login(username);
}

describe('an entry withdrawn or returned while its round runs', () => {
  afterAll(async () => ctx.close());
  let s: ReviewScene;
  let finAdmin: Client;
  let cultureAdmin: Client;
  let id: string;
  let finalId: string;
  let noticeCode: string;
  let replacement: string;
  const fractions: Record<string, number> = {};

  beforeAll(async () => {
    s = await freshScene('wa');
    finAdmin = await unitAdmin(s, 'finance', 'wa_finadmin');
    cultureAdmin = await unitAdmin(s, 'culture', 'wa_cultureadmin');
    const by = { 张三: 0.95, 王五: 0.85, 钱七: 0.8, 李四: 0.6, 赵六: 0.55, 孙八: 0.5 } as const;
    for (const [name, f] of Object.entries(by)) fractions[named(s, name)] = f;
  });

  it('leaves the open round visibly: judges drop it, it is not ranked and takes no place', async () => {
    const round = await openRound(s.organiser.client, s.campaignId, 'semifinal', {
      advancement: { kind: 'top_n', count: 3 },
    });
    id = round.round.id;
    await staff(s, s.organiser.client, id, [1, 2, 3]);
    await scoreAll(s, id, (e) => fractions[e] ?? 0.5);
    const zhang = named(s, '张三');
    expect((await results(s.organiser.client, id)).items[0]).toMatchObject({ entryId: zhang, rank: 1 });

    // The next unit's admin cannot pull another unit's entry out.
    expect((await finAdmin.post(entryUrl(zhang, '/withdraw'))).statusCode).toBe(404);
    expect((await results(s.organiser.client, id)).items[0]).toMatchObject({ entryId: zhang, rank: 1 });

    const res = await s.eduAdmin.client.post(entryUrl(zhang, '/withdraw'));
    expect(res.statusCode, res.body).toBe(200);

    const entry = (await view(s.organiser.client, id)).entries.find((e) => e.entryId === zhang)!;
    expect(entry).toMatchObject({ withdrawn: true, advanced: false });
    expect(entry.withdrawnReason).toContain('作品已撤回');
    const judge = s.judges.find((j) => j.id === entry.judges[0]!.judgeId)!;
    const queue = (await judge.client.get(`/api/judging/rounds/${id}`)).json<{ items: { code: string }[] }>();
    expect(queue.items.map((i) => i.code)).not.toContain(entry.code);
    const item = await judge.client.get(`/api/judging/rounds/${id}/items/${entry.code}`);
    expect(item.statusCode).toBe(409);
    expect(item.json().detail).toBe('该作品已退赛，无需再评分');

    const r = await results(s.organiser.client, id);
    const row = r.items.find((i) => i.entryId === zhang)!;
    expect(row).toMatchObject({ withdrawn: true, rank: null, score: null, advancing: false });
    expect(row.flags[0]).toContain('已退赛');
    expect(r.items.filter((i) => i.rank !== null).map((i) => i.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(r.advancement.advancing).toEqual([named(s, '王五'), named(s, '钱七'), named(s, '李四')]);
  });

  it('lets the unit put another entry forward in its place, and the quota still counts what competes', async () => {
    replacement = await extraEntry(t, s, 'edu', '周九');
    const third = await extraEntry(t, s, 'edu', '吴十');
    await attachFile(t, ctx.dataDir, replacement, 'recommendation_scan');
    expect((await s.eduAdmin.client.post(entryUrl(replacement, '/recommend'))).statusCode).toBe(200);
    const over = await s.eduAdmin.client.post(entryUrl(third, '/recommend'));
    expect(over.statusCode).toBe(409);
    expect(over.json().code).toBe('QUOTA_FULL');
    const list = (
      await s.eduAdmin.client.get(`/api/campaigns/${s.campaignId}/entries`)
    ).json<EntryListResponse>();
    expect(list.quotas.find((q) => q.unitName === '市教育局' && q.stageKey === 'preliminary')).toMatchObject({
      recommended: 2,
    });
    const refreshed = await s.organiser.client.post(roundUrl(id, '/entries/refresh'));
    expect(refreshed.json<{ added: number }>().added).toBe(1);
    const v = await view(s.organiser.client, id);
    expect(v.entries.filter((e) => !e.withdrawn)).toHaveLength(6);
    expect(v.progress.entries).toBe(6);
    expect((await s.organiser.client.post(roundUrl(id, '/assign'))).statusCode).toBe(200);
    fractions[replacement] = 0.7;
    await scoreAll(s, id, (e) => fractions[e] ?? 0.5);
  });

  it('drops an entry the unit returns mid-round from the ranking too', async () => {
    const wang = named(s, '王五');
    const res = await finAdmin.post(entryUrl(wang, '/return'), { reason: '讲稿与去年作品雷同' });
    expect(res.statusCode, res.body).toBe(200);
    const r = await results(s.organiser.client, id);
    expect(r.items.find((i) => i.entryId === wang)).toMatchObject({ withdrawn: true, rank: null });
    expect(r.items.find((i) => i.entryId === wang)!.flags[0]).toContain('讲稿与去年作品雷同');
    expect(r.advancement.advancing).toEqual([named(s, '钱七'), replacement, named(s, '李四')]);
  });

  it('confirms without them; 公示 and the next stage take only the entries still competing', async () => {
    expect((await s.organiser.client.post(roundUrl(id, '/close'))).statusCode).toBe(200);
    const confirmed = await s.organiser.client.post(roundUrl(id, '/confirm'));
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const advancing = [named(s, '钱七'), replacement, named(s, '李四')];
    expect(
      confirmed
        .json<Results>()
        .items.filter((i) => i.advancing)
        .map((i) => i.entryId),
    ).toEqual(advancing);
    const published = await s.organiser.client.post(roundUrl(id, '/publish'));
    expect(published.statusCode).toBe(200);
    // The public 公示 address is its random notice code, not the round's id.
    noticeCode = published.json<{ code: string }>().code;
    const notice = (await s.member.client.get(`/api/publicity/${noticeCode}`)).json<{
      items: { speakerName: string }[];
    }>();
    expect(notice.items.map((i) => i.speakerName)).toEqual(['钱七', '周九', '李四']);
    const final = await openRound(s.organiser.client, s.campaignId, 'final');
    finalId = final.round.id;
    expect(final.entries.map((e) => e.entryId).sort()).toEqual([...advancing].sort());
  });

  it('takes the place of an advancing entry withdrawn after the list was confirmed, everywhere', async () => {
    const qian = named(s, '钱七');
    expect((await cultureAdmin.post(entryUrl(qian, '/withdraw'))).statusCode).toBe(200);
    const r = await results(s.organiser.client, id);
    // Its place stays empty (no silent change to a confirmed list) and the organiser is told so.
    expect(r.items.find((i) => i.entryId === qian)).toMatchObject({
      withdrawn: true,
      advancing: false,
      lostPlace: true,
    });
    const notice = (await s.member.client.get(`/api/publicity/${noticeCode}`)).json<{
      items: { speakerName: string }[];
    }>();
    expect(notice.items.map((i) => i.speakerName)).toEqual(['周九', '李四']);
    const qianCode = (await view(s.organiser.client, id)).entries.find((e) => e.entryId === qian)!.code;
    const objection = await s.member.client.post(`/api/publicity/${noticeCode}/objections`, {
      entryCode: qianCode,
      content: '该选手已退赛，为何仍在名单中',
      contactName: '李群众',
      contactPhone: '13700001111',
    });
    expect(objection.statusCode).toBe(400);
    // Already taken into the 决赛 round: marked there too, judges will never see it.
    const final = await view(s.organiser.client, finalId);
    expect(final.entries.find((e) => e.entryId === qian)).toMatchObject({ withdrawn: true });
    expect(final.progress.entries).toBe(2);
    const list = (await cultureAdmin.get(`/api/campaigns/${s.campaignId}/entries`)).json<EntryListResponse>();
    expect(list.quotas.find((q) => q.unitName === '市文旅局')).toMatchObject({ recommended: 1 });
  });
});

describe("a round's confirmation recommends within the unit's quota", () => {
  afterAll(async () => ctx.close());
  let s: ReviewScene;
  let id: string;
  let ids: string[];
  const fraction: Record<string, number> = {};

  beforeAll(async () => {
    s = await freshScene('qb');
    const [zhang, li] = [named(s, '张三'), named(s, '李四')];
    await t.db.updateTable('entries').set({ state: 'submitted' }).where('id', 'in', [zhang, li]).execute();
    ids = [zhang, li, await extraEntry(t, s, 'edu', '周九'), await extraEntry(t, s, 'edu', '吴十')];
    ids.forEach((e, i) => (fraction[e] = 0.9 - i * 0.1));
  });

  it("refuses to confirm a unit's own 初赛 that would recommend four against a quota of 2", async () => {
    const round = await openRound(s.eduAdmin.client, s.campaignId, 'preliminary', {
      scopeOrgId: s.units.edu.id,
      advancement: { kind: 'top_n', count: 4 },
    });
    id = round.round.id;
    expect(round.entries).toHaveLength(4);
    await eduJudges(s, [1, 2]);
    await staff(s, s.eduAdmin.client, id, [1, 2]);
    await scoreAll(s, id, (e) => fraction[e] ?? 0.5);
    expect((await s.eduAdmin.client.post(roundUrl(id, '/close'))).statusCode).toBe(200);
    const res = await s.eduAdmin.client.post(roundUrl(id, '/confirm'));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'QUOTA_FULL' });
    expect(res.json().detail).toContain('市教育局本阶段推荐名额为 1–2 名，已推荐 0 名');
    for (const e of ids) expect(await entryState(s.eduAdmin.client, e)).toBe('submitted');
    expect((await view(s.eduAdmin.client, id)).round.state).toBe('closed');
  });

  it("counts the unit's own recommendations too, under the same rule", async () => {
    // The advancement count may still change after scoring closed; scoring rules may not.
    const fix = await s.eduAdmin.client.patch(roundUrl(id), { advancement: { kind: 'top_n', count: 2 } });
    expect(fix.statusCode, fix.body).toBe(200);
    const rubric = await s.eduAdmin.client.patch(roundUrl(id), { judgesPerEntry: 3 });
    expect(rubric.statusCode).toBe(409);
    // The unit recommends its 4th-ranked entry directly: 1 + 2 would exceed the quota.
    await attachFile(t, ctx.dataDir, ids[3]!, 'recommendation_scan');
    expect((await s.eduAdmin.client.post(entryUrl(ids[3]!, '/recommend'))).statusCode).toBe(200);
    const over = await s.eduAdmin.client.post(roundUrl(id, '/confirm'));
    expect(over.statusCode).toBe(409);
    expect(over.json().detail).toContain('已推荐 1 名，晋级名单中该单位还有 2 件作品待推荐');
    // Returned, it leaves the round and frees the place: now the round's two fit.
    const ret = await s.eduAdmin.client.post(entryUrl(ids[3]!, '/return'), { reason: '改由初赛评审决定' });
    expect(ret.statusCode).toBe(200);
    const ok = await s.eduAdmin.client.post(roundUrl(id, '/confirm'));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await entryState(s.eduAdmin.client, ids[0]!)).toBe('recommended');
    expect(await entryState(s.eduAdmin.client, ids[1]!)).toBe('recommended');
    expect(await entryState(s.eduAdmin.client, ids[2]!)).toBe('submitted');
    const again = await s.eduAdmin.client.post(entryUrl(ids[2]!, '/recommend'));
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('QUOTA_FULL');
  });

  it('keeps a returned entry out after it is submitted again (its old scores are not reused)', async () => {
    const back = ids[3]!;
    await attachFile(t, ctx.dataDir, back, 'video');
    await attachFile(t, ctx.dataDir, back, 'manuscript');
    expect((await s.eduAdmin.client.post(entryUrl(back, '/submit'))).statusCode).toBe(200);
    const v = await view(s.eduAdmin.client, id);
    expect(v.entries.find((e) => e.entryId === back)).toMatchObject({ withdrawn: true });
    const r = await results(s.eduAdmin.client, id);
    expect(r.items.find((i) => i.entryId === back)).toMatchObject({ rank: null, advancing: false });
  });
});

describe('withdrawing a confirmed list', () => {
  afterAll(async () => ctx.close());
  let s: ReviewScene;
  let id: string;

  beforeAll(async () => {
    s = await freshScene('wc');
  });

  it('changes nothing the units had recommended themselves', async () => {
    const round = await openRound(s.organiser.client, s.campaignId, 'preliminary', {
      advancement: { kind: 'unit_quota', count: 2 },
    });
    id = round.round.id;
    expect(round.entries).toHaveLength(6);
    await staff(s, s.organiser.client, id, [1, 2, 3]);
    await scoreAll(s, id, () => 0.8);
    expect((await s.organiser.client.post(roundUrl(id, '/close'))).statusCode).toBe(200);
    expect((await s.organiser.client.post(roundUrl(id, '/confirm'))).statusCode).toBe(200);
    const res = await s.organiser.client.post(roundUrl(id, '/withdraw'), { reason: '异议成立，需重新核分' });
    expect(res.statusCode, res.body).toBe(200);
    for (const e of s.entries) expect(await entryState(s.organiser.client, e.id)).toBe('recommended');
  });

  it('undoes only what the round recommended, and leaves an entry withdrawn since as it is', async () => {
    const [zhang, wang] = [named(s, '张三'), named(s, '王五')];
    // Two units had not recommended yet: the round's confirmation does it for them.
    await t.db.updateTable('entries').set({ state: 'submitted' }).where('id', 'in', [zhang, wang]).execute();
    expect((await s.organiser.client.post(roundUrl(id, '/confirm'))).statusCode).toBe(200);
    expect(await entryState(s.organiser.client, zhang)).toBe('recommended');
    expect(await entryState(s.organiser.client, wang)).toBe('recommended');
    const finAdmin = await unitAdmin(s, 'finance', 'wc_finadmin');
    expect((await finAdmin.post(entryUrl(wang, '/withdraw'))).statusCode).toBe(200);

    const res = await s.organiser.client.post(roundUrl(id, '/withdraw'), { reason: '评分录入有误' });
    expect(res.statusCode, res.body).toBe(200);
    expect(await entryState(s.organiser.client, zhang)).toBe('submitted');
    expect(await entryState(s.organiser.client, wang)).toBe('withdrawn');
    for (const e of s.entries.filter((x) => x.id !== zhang && x.id !== wang))
      expect(await entryState(s.organiser.client, e.id)).toBe('recommended');
    const events = (await s.organiser.client.get(entryUrl(zhang, '/events'))).json<{
      items: { fromState: string | null; toState: string; reason: string | null }[];
    }>();
    expect(events.items.slice(-2)).toMatchObject([
      { fromState: 'submitted', toState: 'recommended' },
      { fromState: 'recommended', toState: 'submitted' },
    ]);
    expect(events.items.at(-1)!.reason).toContain('评分录入有误');
  });
});

describe('a confirmation and a direct recommendation at the same moment', () => {
  afterAll(async () => ctx.close());

  it('let exactly one through: the unit never ends up over its quota, and neither deadlocks', async () => {
    const s = await freshScene('qr');
    const [zhang, li] = [named(s, '张三'), named(s, '李四')];
    await t.db.updateTable('entries').set({ state: 'submitted' }).where('id', 'in', [zhang, li]).execute();
    const third = await extraEntry(t, s, 'edu', '周九');
    // Ready for a direct 推荐 (the campaign requires the stamped 推荐表), so only the quota can refuse it.
    await attachFile(t, ctx.dataDir, third, 'recommendation_scan');
    const round = await openRound(s.eduAdmin.client, s.campaignId, 'preliminary', {
      scopeOrgId: s.units.edu.id,
      advancement: { kind: 'top_n', count: 2 },
    });
    const id = round.round.id;
    await eduJudges(s, [1, 2]);
    await staff(s, s.eduAdmin.client, id, [1, 2]);
    const by: Record<string, number> = { [zhang]: 0.9, [li]: 0.8, [third]: 0.6 };
    await scoreAll(s, id, (e) => by[e] ?? 0.5);
    expect((await s.eduAdmin.client.post(roundUrl(id, '/close'))).statusCode).toBe(200);
    const [confirm, recommend] = await Promise.all([
      s.eduAdmin.client.post(roundUrl(id, '/confirm')),
      s.eduAdmin.client.post(entryUrl(third, '/recommend')),
    ]);
    expect([confirm.statusCode, recommend.statusCode].sort()).toEqual([200, 409]);
    const refused = confirm.statusCode === 409 ? confirm : recommend;
    expect(refused.json().code).toBe('QUOTA_FULL');
    const list = (
      await s.eduAdmin.client.get(`/api/campaigns/${s.campaignId}/entries`)
    ).json<EntryListResponse>();
    expect(list.quotas.find((q) => q.unitName === '市教育局')!.recommended).toBeLessThanOrEqual(2);
    // A whole scene is scored first: about 12 s alone, over 30 s beside other test files on the embedded database.
  }, 90_000);
});
