import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { ActivityTable, AnnexSubmissions, CampaignSettings } from '@jiangtai/contracts';
import { createTestContext, type Client, type TestContext } from '../../test/harness.ts';
import { coverageOf, coverageScene, type CoverageScene } from '../coverage/test-coverage-scene.ts';
import { lecture } from '../coverage/test-coverage-support.ts';
import { activeSpeakersOfPool } from '../pool/queries.ts';
import { filesRoot } from '../uploads/stored-files.ts';

let t: TestContext;
let s: CoverageScene;
let jia: Client;
let judge: Client;
let yiAdmin: Client;
let supervisor: Client;
let season: { from: string; to: string };
let poolId: string;

beforeAll(async () => {
  t = await createTestContext();
  s = await coverageScene(t, 'anx');
  ({ jiaAdmin: jia, judge } = await s.others());
  await t.factories.user([{ role: 'unit_admin', org: s.yi }], { username: 'anx_yi' });
  await t.factories.user([{ role: 'supervisor', org: s.city }], { username: 'anx_sup' });
  yiAdmin = await t.login('anx_yi');
  supervisor = await t.login('anx_sup');
  const row = await t.db
    .selectFrom('campaigns')
    .select('settings')
    .where('id', '=', s.campaignId)
    .executeTakeFirstOrThrow();
  const settings = row.settings as CampaignSettings;
  season = { from: settings.startsOn, to: settings.endsOn };
  const admin = await t.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'anx_admin')
    .executeTakeFirstOrThrow();
  const at = (speaker: { id: string } | null, org: typeof s.b1, extra: object = {}) =>
    lecture(t, {
      campaignId: s.campaignId,
      org,
      speaker,
      createdBy: admin.id,
      status: 'confirmed',
      ...extra,
    });
  await at(s.people.zhao, s.b1);
  await at(s.people.li, s.b1);
  await at(s.people.wang, s.b3);
  await at(s.people.wu, s.b2, { status: 'returned' });
  await at(null, s.b2, { deleted: true });
  // One lecture on the season's last day: inside the season, outside a shorter period.
  // 甲县's pool: two speakers in it, one who has left.
  const pool = await t.db
    .insertInto('speaker_pools')
    .values({ org_id: s.jia.id, org_path: s.jia.path, name: '甲县师资库' })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [name, status] of [
    ['张老师', 'active'],
    ['李老师', 'active'],
    ['王老师', 'left'],
  ] as const)
    await t.db
      .insertInto('pool_speakers')
      .values({ pool_id: pool.id, name, phone: '13800000000', source: 'direct', status })
      .execute();
  poolId = pool.id;
  const late = await at(s.people.zheng, s.b2);
  await t.db
    .updateTable('lecture_records')
    .set({ held_on: settings.endsOn })
    .where('id', '=', late)
    .execute();
});
afterAll(async () => t.close());

const q = (orgId: string, extra = '') => `campaignId=${s.campaignId}&orgId=${orgId}${extra}`;

async function table(client: Client, orgId: string, extra = '') {
  const res = await client.get(`/api/annex/activity?${q(orgId, extra)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ActivityTable>();
}

describe('GET /api/annex/activity', () => {
  it('200: one row per child org with totals, the same numbers as the coverage page and the records', async () => {
    const city = await table(s.admin, s.city.id);
    expect(city.period).toEqual(season);
    expect(city.rows.map((r) => r.org?.name)).toEqual(['甲县', '乙县']);
    const cov = await coverageOf(s.admin, s.campaignId, s.city.id);
    for (const r of city.rows) {
      const c = cov.children.find((x) => x.org.id === r.org?.id)!;
      expect([r.numbers.members, r.numbers.lecturedMembers]).toEqual([c.numbers.members, c.numbers.lectured]);
    }
    expect([city.totals.members, city.totals.lecturedMembers]).toEqual([
      cov.totals.members,
      cov.totals.lectured,
    ]);
    const confirmed = await t.db
      .selectFrom('lecture_records')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('attendance').as('a')])
      .where('campaign_id', '=', s.campaignId)
      .where('status', '=', 'confirmed')
      .where('deleted_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect(city.totals.lectures).toBe(Number(confirmed.n));
    expect(city.totals.audience).toBe(Number(confirmed.a));
    expect(city.rows.map((r) => r.numbers.lectures)).toEqual([3, 1]);
    expect(city.totals.branches).toBe(3);
    const speakers = await activeSpeakersOfPool(t.db, poolId);
    expect(city.rows.map((r) => r.numbers.poolSpeakers)).toEqual([speakers.length, 0]);
    expect(speakers).toHaveLength(2);
    expect(city.totals.secretaries).toBe(2);
    expect(city.totals.lecturedSecretaries).toBe(1);
  });

  it('200: a shorter period counts only the lectures held in it', async () => {
    const from = season.from;
    const to = `${season.to.slice(0, 8)}${String(Number(season.to.slice(8)) - 1).padStart(2, '0')}`;
    const t2 = await table(s.admin, s.city.id, `&from=${from}&to=${to}`);
    expect(t2.period).toEqual({ from, to });
    expect(t2.totals.lectures).toBe(3);
  });

  it('200: a county sees its own subtree, down to branches (a leaf org is its own row)', async () => {
    const own = await table(jia, s.jia.id);
    // 甲县's own pool makes a 本级 row before its children.
    expect(own.rows.map((r) => [r.org?.name, r.own])).toEqual([
      ['甲县', true],
      ['东镇', false],
    ]);
    expect(own.totals.poolSpeakers).toBe(2);
    const branch = await table(jia, s.b1.id);
    expect(branch.rows).toHaveLength(1);
    expect(branch.rows[0]).toMatchObject({ own: true, org: { name: '一支部' } });
    expect(branch.totals.members).toBe(5);
  });

  it('400: a period outside the season or turned round', async () => {
    const before = await s.admin.get(`/api/annex/activity?${q(s.city.id, '&from=2000-01-01')}`);
    expect(before.statusCode).toBe(400);
    expect(before.json().detail ?? before.body).toMatch(/统计期间须在活动期间/);
    const turned = await s.admin.get(
      `/api/annex/activity?${q(s.city.id, `&from=${season.to}&to=${season.from}`)}`,
    );
    expect(turned.statusCode).toBe(400);
    expect(turned.body).toMatch(/开始日期不能晚于结束日期/);
    expect((await s.admin.get(`/api/annex/activity?campaignId=x&orgId=1`)).statusCode).toBe(400);
  });

  it('401 without a session, 403 for a judge, 404 outside the scope or no campaign', async () => {
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/annex/activity?${q(s.city.id)}` })).statusCode,
    ).toBe(401);
    expect((await judge.get(`/api/annex/activity?${q(s.city.id)}`)).statusCode).toBe(403);
    expect((await jia.get(`/api/annex/activity?${q(s.yi.id)}`)).statusCode).toBe(404);
    expect((await jia.get(`/api/annex/activity?${q(s.city.id)}`)).statusCode).toBe(404);
    expect((await s.admin.get(`/api/annex/activity?campaignId=999999&orgId=${s.city.id}`)).statusCode).toBe(
      404,
    );
  });
});

async function workbook(client: Client, url: string) {
  const res = await client.get(url);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toMatch(/spreadsheetml/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb;
}
const text = (ws: ExcelJS.Worksheet, r: number) =>
  (ws.getRow(r).values as unknown[]).filter((v) => v !== undefined && v !== null).map(String);

describe('GET /api/annex/activity/export', () => {
  it('200: the annex layout with title, org, period, generated time, rows, totals and the signing line', async () => {
    const wb = await workbook(supervisor, `/api/annex/activity/export?${q(s.city.id)}`);
    const ws = wb.getWorksheet('活动统计表')!;
    expect(ws.getCell('A1').value).toMatch(/统计表$/);
    expect(ws.getCell('A2').value).toContain('填报单位（盖章）：市委');
    expect(ws.getCell('A2').value).toMatch(/统计期间：\d{4}年\d+月\d+日至\d{4}年\d+月\d+日/);
    expect(ws.getCell('A3').value).toMatch(/生成时间：\d{4}年/);
    expect(text(ws, 4)).toContain('开展微型党课');
    expect(text(ws, 5)).toContain('覆盖率');
    expect(text(ws, 6).slice(0, 2)).toEqual(['1', '甲县']);
    expect(text(ws, 7).slice(0, 2)).toEqual(['2', '乙县']);
    const total = ws.getRow(8);
    expect(total.getCell(2).value).toBe('合计');
    expect(total.getCell(4).value).toBe(8); // 党员数
    expect(total.getCell(6).value).toBe(4); // 场次
    expect(ws.getRow(10).getCell(1).value).toBe('填报人：');
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
    const logged = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'annex.exported')
      .execute();
    expect(logged.length).toBeGreaterThan(0);
  });

  it('403 for a judge, 404 for a county asking for another county', async () => {
    expect((await judge.get(`/api/annex/activity/export?${q(s.city.id)}`)).statusCode).toBe(403);
    expect((await jia.get(`/api/annex/activity/export?${q(s.yi.id)}`)).statusCode).toBe(404);
  });
});

describe('GET /api/annex/pool/export', () => {
  it('200: the pool table with the period and generated time; phones for the pool managers only', async () => {
    const mine = await workbook(jia, `/api/annex/pool/export?${q(s.jia.id)}`);
    const ws = mine.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('甲县微型党课宣讲员师资库统计表');
    expect(ws.getCell('A2').value).toMatch(/填报单位（盖章）：甲县 +统计期间：.+至.+生成时间：\d{4}年/);
    expect(text(ws, 4)).toContain('张老师');
    expect(text(ws, 4)).toContain('13800000000');
    expect(text(ws, 6).join('')).not.toContain('王老师');
    const sup = await workbook(supervisor, `/api/annex/pool/export?${q(s.city.id)}`);
    expect(text(sup.worksheets[0]!, 4)).not.toContain('13800000000');
  });

  it('403 for a judge, 404 for another county', async () => {
    expect((await judge.get(`/api/annex/pool/export?${q(s.jia.id)}`)).statusCode).toBe(403);
    expect((await yiAdmin.get(`/api/annex/pool/export?${q(s.jia.id)}`)).statusCode).toBe(404);
  });
});

describe('GET /api/annex/rubric/export', () => {
  it('200: each rubric with its items, points and total', async () => {
    const wb = await workbook(jia, `/api/annex/rubric/export?campaignId=${s.campaignId}`);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toMatch(/比赛评分标准$/);
    expect(ws.getCell('A3').value).toMatch(/生成时间/);
    expect(text(ws, 4)).toEqual(['序号', '评分项', '评分要点', '分值']);
    let sum = 0;
    let r = 5;
    for (; ws.getRow(r).getCell(2).value !== '合计'; r++) sum += Number(ws.getRow(r).getCell(4).value);
    expect(Number(ws.getRow(r).getCell(4).value)).toBe(sum);
  });

  it('200: the same as a Word document; 400 for another format', async () => {
    const res = await jia.get(`/api/annex/rubric/export?campaignId=${s.campaignId}&format=docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/wordprocessingml/);
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const bad = await jia.get(`/api/annex/rubric/export?campaignId=${s.campaignId}&format=pdf`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/格式只能是 xlsx 或 docx/);
  });

  it('404 for an unknown stage or campaign, 403 for a judge', async () => {
    expect(
      (await jia.get(`/api/annex/rubric/export?campaignId=${s.campaignId}&stageKey=nope`)).statusCode,
    ).toBe(404);
    expect((await jia.get(`/api/annex/rubric/export?campaignId=999999`)).statusCode).toBe(404);
    expect((await judge.get(`/api/annex/rubric/export?campaignId=${s.campaignId}`)).statusCode).toBe(403);
  });
});

describe('submissions', () => {
  let firstId: string;
  it('201: a county submits its table (twice: history kept); the supervisor may not', async () => {
    const body = { campaignId: s.campaignId, orgId: s.jia.id, note: '请审阅' };
    const a = await jia.post('/api/annex/submissions', body);
    expect(a.statusCode, a.body).toBe(201);
    firstId = a.json().id;
    expect(a.json()).toMatchObject({ period: season, note: '请审阅' });
    expect((await jia.post('/api/annex/submissions', { ...body, note: '' })).statusCode).toBe(201);
    expect((await supervisor.post('/api/annex/submissions', body)).statusCode).toBe(403);
    expect((await yiAdmin.post('/api/annex/submissions', body)).statusCode).toBe(404);
    const long = await jia.post('/api/annex/submissions', { ...body, note: '长'.repeat(201) });
    expect(long.statusCode).toBe(400);
    expect(long.body).toMatch(/备注不能超过 200 个字/);
    const stored = await t.db.selectFrom('annex_submissions').select('id').execute();
    expect(stored).toHaveLength(2);
  });

  it('500 when the submission cannot be saved: no row, no file left behind', async () => {
    const files = () =>
      fs.existsSync(filesRoot(t.deps)) ? fs.readdirSync(filesRoot(t.deps), { recursive: true }).length : 0;
    const before = [files(), (await t.db.selectFrom('stored_files').select('id').execute()).length];
    await sql`CREATE FUNCTION annex_test_refuse() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$`.execute(t.db);
    await sql`CREATE TRIGGER annex_test_refuse BEFORE INSERT ON annex_submissions
      FOR EACH ROW EXECUTE FUNCTION annex_test_refuse()`.execute(t.db);
    try {
      const body = { campaignId: s.campaignId, orgId: s.jia.id, note: '' };
      expect((await jia.post('/api/annex/submissions', body)).statusCode).toBe(500);
    } finally {
      await sql`DROP TRIGGER annex_test_refuse ON annex_submissions`.execute(t.db);
      await sql`DROP FUNCTION annex_test_refuse()`.execute(t.db);
    }
    const after = [files(), (await t.db.selectFrom('stored_files').select('id').execute()).length];
    expect(after).toEqual(before);
    expect(await t.db.selectFrom('annex_submissions').select('id').execute()).toHaveLength(2);
  });

  it('200: the city sees 已报送 / 未报送 per child; the county its own history', async () => {
    const res = await supervisor.get(`/api/annex/submissions?${q(s.city.id)}`);
    expect(res.statusCode).toBe(200);
    const v = res.json<AnnexSubmissions>();
    expect(v.children.map((c) => [c.org.name, c.count, c.latest?.submittedBy ?? null])).toEqual([
      ['甲县', 2, expect.any(String)],
      ['乙县', 0, null],
    ]);
    expect([v.canSubmit, v.canRemind]).toEqual([false, false]);
    const own = (await jia.get(`/api/annex/submissions?${q(s.jia.id)}`)).json<AnnexSubmissions>();
    expect(own.own).toHaveLength(2);
    expect(own.canSubmit).toBe(true);
    expect((await yiAdmin.get(`/api/annex/submissions?${q(s.jia.id)}`)).statusCode).toBe(404);
  });

  it('200: the submitted .xlsx downloads for the city and the county, 404 for another county', async () => {
    const wb = await workbook(supervisor, `/api/annex/submissions/${firstId}/file`);
    expect(wb.getWorksheet('活动统计表')!.getCell('A2').value).toContain('填报单位（盖章）：甲县');
    expect((await jia.get(`/api/annex/submissions/${firstId}/file`)).statusCode).toBe(200);
    expect((await yiAdmin.get(`/api/annex/submissions/${firstId}/file`)).statusCode).toBe(404);
    expect((await s.admin.get(`/api/annex/submissions/999999/file`)).statusCode).toBe(404);
  });

  it('200: the city reminds the missing county; the supervisor may not; 409 when none is missing', async () => {
    const body = { campaignId: s.campaignId, orgId: s.city.id };
    expect((await supervisor.post('/api/annex/reminders', body)).statusCode).toBe(403);
    const res = await s.admin.post('/api/annex/reminders', body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ reminded: ['乙县'], noAccount: [] });
    const notices = await t.db
      .selectFrom('user_notices')
      .select(['kind', 'title'])
      .where('kind', '=', 'annex_reminder')
      .execute();
    expect(notices).toEqual([{ kind: 'annex_reminder', title: '请报送活动统计表' }]);
    expect((await yiAdmin.post('/api/annex/submissions', { ...body, orgId: s.yi.id })).statusCode).toBe(201);
    expect((await s.admin.post('/api/annex/reminders', body)).statusCode).toBe(409);
  });
});
