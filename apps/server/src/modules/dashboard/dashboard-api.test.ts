import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardReminderResult, DashboardView } from '@jiangtai/contracts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { coverageOf } from '../coverage/test-coverage-scene.ts';
import { coverageCampaign } from '../coverage/test-coverage-support.ts';
import { dashboardOf, dashboardScene, dashboardUrl, type DashboardScene } from './test-dashboard-scene.ts';

let t: TestContext;
let s: DashboardScene;
let c: Awaited<ReturnType<DashboardScene['dashboardOthers']>>;
beforeAll(async () => {
  t = await createTestContext();
  s = await dashboardScene(t, 'dash');
  c = await s.dashboardOthers();
  await s.record(s.people.zhao, s.b1);
  await s.record(s.people.li, s.b1);
  await s.record(s.people.wang, s.b3);
  await s.record(s.people.zheng, s.b2, { status: 'returned' });
  await s.plan(s.b1, 'accepted');
  await s.plan(s.b2, 'draft');
  await s.plan(s.b3, 'submitted');
});
afterAll(async () => t.close());

const remindUrl = (campaignId: string) => `/api/campaigns/${campaignId}/dashboard/reminders`;
const laggards = (v: DashboardView, measure: string) => v.laggards.find((l) => l.measure === measure)!;

describe('GET /api/campaigns/:id/dashboard', () => {
  it('200: the city with its counties, laggards first, the weeks ending at the totals', async () => {
    const city = await dashboardOf(s.admin, s.campaignId);
    expect(city.org).toMatchObject({ id: s.city.id, isBranch: false });
    expect(city.totals.plans).toEqual({ branches: 3, filed: 2, accepted: 1 });
    // The returned record does not count; 二支部 has none left.
    expect(city.totals.lectures).toEqual({
      records: 3,
      confirmed: 0,
      attendance: 30,
      branchesWithLecture: 2,
    });
    expect(city.children.map((k) => [k.org.name, k.numbers.plans.filed, k.numbers.lectures.records])).toEqual(
      [
        ['甲县', 1, 2],
        ['乙县', 1, 1],
      ],
    );
    const plans = laggards(city, 'plans');
    expect(plans.units.map((l) => [l.org.name, l.done, l.of, l.rate])).toEqual([
      ['甲县', 1, 2, 50],
      ['乙县', 1, 1, 100],
    ]);
    expect(plans.branches[0]).toMatchObject({
      org: { name: '二支部' },
      parentName: '东镇',
      rate: 0,
      remindedAt: null,
    });
    expect(laggards(city, 'coverage').branches[0]).toMatchObject({ org: { name: '二支部' }, done: 0, of: 2 });
    const last = city.weeks.at(-1)!;
    expect(last).toEqual({ weekEnding: '2026-07-19', plansFiled: 2, lectures: 3 });
    expect(city.weeks.find((w) => w.weekEnding === '2026-07-12')).toMatchObject({
      plansFiled: 2,
      lectures: 0,
    });
    expect(city.milestones[0]!.label).toBe('活动开始');
    expect(city.canRemind).toBe(true);
  });

  it('200: the same coverage numbers as the coverage page, for the city and a county', async () => {
    for (const orgId of [undefined, s.jia.id]) {
      const dash = await dashboardOf(s.admin, s.campaignId, orgId);
      const cov = await coverageOf(s.admin, s.campaignId, orgId);
      expect(dash.totals.coverage).toEqual(cov.totals);
      expect(dash.children.map((k) => k.numbers.coverage)).toEqual(cov.children.map((k) => k.numbers));
    }
  });

  it('200: a county admin starts at their county; the supervisor reads the city', async () => {
    const jia = await dashboardOf(c.jiaAdmin, s.campaignId);
    expect(jia.org?.id).toBe(s.jia.id);
    expect(jia.breadcrumb).toEqual([]);
    expect(jia.totals.plans).toEqual({ branches: 2, filed: 1, accepted: 1 });
    const b1 = await dashboardOf(c.supervisor, s.campaignId, s.b1.id);
    expect(b1.breadcrumb.map((o) => o.name)).toEqual(['市委', '甲县', '东镇']);
    expect(b1.org?.isBranch).toBe(true);
    expect(b1.canRemind).toBe(true);
  });

  it("200: a county's 监督员 reads that county, 404 for the sibling county", async () => {
    await t.factories.user([{ role: 'supervisor', org: s.jia }], { username: 'dash_jia_sup' });
    const sup = await t.login('dash_jia_sup');
    const jia = await dashboardOf(sup, s.campaignId);
    expect(jia.org?.id).toBe(s.jia.id);
    expect(jia.totals.plans).toEqual({ branches: 2, filed: 1, accepted: 1 });
    expect((await sup.get(dashboardUrl(s.campaignId, s.yi.id))).statusCode).toBe(404);
  });

  it('200: with several participating subtrees, the top is an overview of them', async () => {
    const campaignId = await coverageCampaign(t, s.city, [s.town.id, s.yi.id]);
    const top = await dashboardOf(s.admin, campaignId);
    expect(top.org).toBeNull();
    expect(top.overview).toBe(true);
    expect(top.children.map((k) => k.org.name)).toEqual(['东镇', '乙县']);
    expect(top.totals.plans.branches).toBe(3);
  });

  it('400, 401, 403, 404', async () => {
    expect((await s.admin.get('/api/campaigns/abc/dashboard')).statusCode).toBe(400);
    expect((await s.admin.get(dashboardUrl(s.campaignId, 'x1'))).statusCode).toBe(400);
    expect((await t.anonymous.get(dashboardUrl(s.campaignId))).statusCode).toBe(401);
    for (const who of [c.judge, c.plain, c.secretary]) {
      const res = await who.get(dashboardUrl(s.campaignId));
      expect(res.statusCode).toBe(403);
      expect(res.json<{ detail: string }>().detail).toContain('无权查看');
    }
    const draft = await coverageCampaign(t, s.city, [], 'draft');
    expect((await c.jiaAdmin.get(dashboardUrl(draft))).statusCode).toBe(403);
    expect((await s.admin.get(dashboardUrl('999999'))).statusCode).toBe(404);
    // A sibling county and a missing org answer alike.
    const sibling = await c.jiaAdmin.get(dashboardUrl(s.campaignId, s.yi.id));
    const missing = await c.jiaAdmin.get(dashboardUrl(s.campaignId, '999999'));
    expect(sibling.statusCode).toBe(404);
    expect(missing.json<{ detail: string }>().detail).toBe(sibling.json<{ detail: string }>().detail);
  });
});

describe('POST /api/campaigns/:id/dashboard/reminders', () => {
  it("200: the supervisor reminds a branch's 书记 once a day; the laggard shows it; 409 on a repeat", async () => {
    const res = await c.supervisor.post(remindUrl(s.campaignId), { orgId: s.b2.id, measure: 'plans' });
    expect(res.statusCode).toBe(200);
    const body = res.json<DashboardReminderResult>();
    expect(body.sent).toBe(1);
    const notices = await t.db
      .selectFrom('user_notices as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select(['u.username', 'n.kind', 'n.link'])
      .where('n.kind', '=', 'dashboard_reminder')
      .execute();
    expect(notices).toEqual([
      { username: 'dash_wu', kind: 'dashboard_reminder', link: `/plans/${s.campaignId}/${s.b2.id}` },
    ]);
    const again = await c.supervisor.post(remindUrl(s.campaignId), { orgId: s.b2.id, measure: 'plans' });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ detail: string }>().detail).toContain('今天已');
    const city = await dashboardOf(s.admin, s.campaignId);
    expect(laggards(city, 'plans').branches[0]!.remindedAt).toBe(body.remindedAt);
    const audits = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'dashboard.reminded')
      .execute();
    expect(audits).toHaveLength(1);
  });

  it("200: a county's unit admins are reminded; 409 for an org with nobody to remind", async () => {
    const res = await s.admin.post(remindUrl(s.campaignId), { orgId: s.yi.id, measure: 'coverage' });
    expect(res.statusCode).toBe(200);
    expect(res.json<DashboardReminderResult>().sent).toBe(1);
    const none = await s.admin.post(remindUrl(s.campaignId), { orgId: s.b3.id, measure: 'lectures' });
    expect(none.statusCode).toBe(409);
    expect(none.json<{ detail: string }>().detail).toContain('没有可接收提醒的账号');
  });

  it('400, 401, 403, 404: bad input, no session, no role, out of scope change nothing', async () => {
    const before = await t.db.selectFrom('dashboard_reminders').select('id').execute();
    const bad = await s.admin.post(remindUrl(s.campaignId), { orgId: s.b1.id, measure: 'everything' });
    expect(bad.statusCode).toBe(400);
    expect(
      (await t.anonymous.post(remindUrl(s.campaignId), { orgId: s.b1.id, measure: 'plans' })).statusCode,
    ).toBe(401);
    for (const who of [c.judge, c.plain, c.secretary])
      expect((await who.post(remindUrl(s.campaignId), { orgId: s.b1.id, measure: 'plans' })).statusCode).toBe(
        403,
      );
    const sibling = await c.jiaAdmin.post(remindUrl(s.campaignId), { orgId: s.b3.id, measure: 'plans' });
    expect(sibling.statusCode).toBe(404);
    expect(sibling.json<{ detail: string }>().detail).toContain('不在您的查看范围内');
    expect(await t.db.selectFrom('dashboard_reminders').select('id').execute()).toEqual(before);
  });
});
