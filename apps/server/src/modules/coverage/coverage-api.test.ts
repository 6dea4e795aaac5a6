import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';

import { createTestContext, type TestContext } from '../../test/harness.ts';
import { coverageOf, coverageScene, type CoverageScene } from './test-coverage-scene.ts';
import { coverageCampaign } from './test-coverage-support.ts';

let t: TestContext;
let s: CoverageScene;
let c: Awaited<ReturnType<CoverageScene['others']>>;
beforeAll(async () => {
  t = await createTestContext();
  s = await coverageScene(t, 'api');
  c = await s.others();
  await s.record(s.people.zhao, s.b1);
  await s.record(s.people.li, s.b1);
  await s.record(s.people.wang, s.b3);
});
afterAll(async () => t.close());

const url = (campaignId: string, orgId?: string, tail = '') =>
  `/api/campaigns/${campaignId}/coverage${tail}${orgId ? `?orgId=${orgId}` : ''}`;

describe('GET /api/campaigns/:id/coverage', () => {
  it('200: the organiser side sees the city, its children with percentages, leaders, and drills down', async () => {
    const city = await coverageOf(s.admin, s.campaignId);
    expect(city.org).toMatchObject({ id: s.city.id, name: '市委', isBranch: false });
    expect(city.overview).toBe(false);
    expect(city.breadcrumb).toEqual([]);
    expect(city.totals).toMatchObject({ members: 8, lectured: 3 });
    expect(city.children.map((c) => [c.org.name, c.numbers.lectured, c.numbers.members])).toEqual([
      ['甲县', 2, 7],
      ['乙县', 1, 1],
    ]);
    expect(city.pending).toBeNull();

    const b1 = await coverageOf(s.admin, s.campaignId, s.b1.id);
    expect(b1.breadcrumb.map((o) => o.name)).toEqual(['市委', '甲县', '东镇']);
    expect(b1.org?.isBranch).toBe(true);
    expect(b1.secretaryLectured).toBe(true);
    expect(b1.pending!.map((m) => m.name)).toEqual(['老钱', '老孙', '小周']);
    expect(b1.pending![0]!.positions).toEqual(['副书记', '纪检委员']);
  });

  it('200: a unit admin starts at their own county; a branch secretary sees their own branch only', async () => {
    const jia = await coverageOf(c.jiaAdmin, s.campaignId);
    expect(jia.org?.id).toBe(s.jia.id);
    expect(jia.breadcrumb).toEqual([]);
    const own = await coverageOf(c.secretary, s.campaignId);
    expect(own.org?.id).toBe(s.b1.id);
    expect(own.pending).toHaveLength(3);
  });

  it('200: with several participating subtrees, the top is an overview of them', async () => {
    const campaignId = await coverageCampaign(t, s.city, [s.town.id, s.yi.id]);
    const top = await coverageOf(s.admin, campaignId);
    expect(top.org).toBeNull();
    expect(top.overview).toBe(true);
    expect(top.children.map((c) => c.org.name)).toEqual(['东镇', '乙县']);
    expect(top.totals).toMatchObject({ members: 8, lectured: 0 });
    // 甲县 itself does not take part (only 东镇 under it).
    expect((await s.admin.get(url(campaignId, s.jia.id))).statusCode).toBe(404);
  });

  it('400: a malformed campaign or org id', async () => {
    expect((await s.admin.get('/api/campaigns/abc/coverage')).statusCode).toBe(400);
    expect((await s.admin.get(url(s.campaignId, 'x1'))).statusCode).toBe(400);
  });

  it('401: without signing in', async () => {
    expect((await t.anonymous.get(url(s.campaignId))).statusCode).toBe(401);
  });

  it('403: an account with no coverage role, and a unit admin while the campaign is a draft', async () => {
    const judge = await c.judge.get(url(s.campaignId));
    expect(judge.statusCode).toBe(403);
    expect(judge.json<{ detail: string }>().detail).toContain('无权查看');
    const draft = await coverageCampaign(t, s.city, [], 'draft');
    expect((await c.jiaAdmin.get(url(draft))).statusCode).toBe(403);
    expect((await c.secretary.get(url(draft))).statusCode).toBe(403);
    expect((await s.admin.get(url(draft))).statusCode).toBe(200);
  });

  it('404: no such campaign; an org outside the viewer’s scope answers like a missing one', async () => {
    expect((await s.admin.get(url('987654321'))).statusCode).toBe(404);
    const outside = await c.jiaAdmin.get(url(s.campaignId, s.b3.id));
    const missing = await c.jiaAdmin.get(url(s.campaignId, '987654321'));
    expect(outside.statusCode).toBe(404);
    expect(outside.json()).toEqual(missing.json());
    expect(outside.body).not.toContain('三支部');
    // The secretary of 一支部: not the town above it, not the neighbouring branch.
    expect((await c.secretary.get(url(s.campaignId, s.town.id))).statusCode).toBe(404);
    expect((await c.secretary.get(url(s.campaignId, s.b2.id))).statusCode).toBe(404);
  });
});

describe('GET /api/campaigns/:id/coverage/export', () => {
  it('200: the subtree as .xlsx with title, org, time and one row per org; one audit row', async () => {
    const res = await c.jiaAdmin.get(url(s.campaignId, undefined, '/export'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(
      '甲县-人人上讲台覆盖情况',
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(String(sheet.getCell('A1').value)).toContain('人人上讲台覆盖情况');
    expect(String(sheet.getCell('A2').value)).toContain('组织：甲县');
    expect(sheet.getRow(4).values).toContain('覆盖率');
    const rows = [5, 6, 7, 8].map((r) => sheet.getRow(r).values as unknown[]);
    expect(rows.map((r) => r[1])).toEqual(['甲县', '东镇', '一支部', '二支部']);
    expect(rows[0]!.slice(3, 6)).toEqual([7, 2, 0.285]);
    expect(rows[2]![12]).toBe('是');
    expect(rows[3]![12]).toBe('否');
    const logged = await t.db
      .selectFrom('audit_log')
      .select(['entity_id', 'org_path'])
      .where('action', '=', 'coverage.exported')
      .execute();
    expect(logged).toEqual([{ entity_id: s.campaignId, org_path: s.jia.path }]);
  });

  it('200: at the top of the tree the city row sums its children (the rollups keep no subtree row there)', async () => {
    const res = await s.admin.get(url(s.campaignId, undefined, '/export'));
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = book.worksheets[0]!.getSheetValues().slice(5) as unknown[][];
    expect(rows.map((r) => r[1])).toEqual(['市委', '甲县', '东镇', '一支部', '二支部', '乙县', '三支部']);
    expect(rows[0]!.slice(3, 5)).toEqual([8, 3]);
    expect(rows[6]![12]).toBe('未配备书记');
  });

  it('401/403/404 like the page', async () => {
    expect((await t.anonymous.get(url(s.campaignId, undefined, '/export'))).statusCode).toBe(401);
    expect((await c.judge.get(url(s.campaignId, undefined, '/export'))).statusCode).toBe(403);
    expect((await c.secretary.get(url(s.campaignId, s.b2.id, '/export'))).statusCode).toBe(404);
    expect((await s.admin.get('/api/campaigns/1x/coverage/export')).statusCode).toBe(400);
  });
});
