import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoverageView, EntryListResponse, PlanOverview } from '@jiangtai/contracts';
import { createTestContext, type Client, type TestContext } from '../../test/harness.ts';
import { seedDemoIfEmpty } from '../demo/seed.ts';
import { dashboardOf } from './test-dashboard-scene.ts';

const DEMO_PASSWORD = 'Demo2026pass';

/** On the demo city, the dashboard tells the same numbers as the pages behind it. */
describe('the dashboard on the demo city', () => {
  let t: TestContext;
  let campaignId: string;
  let supervisor: Client;
  let admin: Client;

  beforeAll(async () => {
    t = await createTestContext();
    await seedDemoIfEmpty(
      { ...t.deps, config: { ...t.deps.config, DEMO_PASSWORD } },
      { log: () => {}, finalistMedia: false },
    );
    campaignId = (
      await t.db
        .selectFrom('campaigns')
        .select('id')
        .where('preset_key', '=', 'yueyang')
        .executeTakeFirstOrThrow()
    ).id;
    supervisor = await t.login('supervisor', DEMO_PASSWORD);
    admin = await t.login('admin', DEMO_PASSWORD);
  });
  afterAll(async () => t.close());

  it('matches the coverage page and the plan overview at the root and for every child', async () => {
    const dash = await dashboardOf(supervisor, campaignId);
    expect(dash.totals.lectures.records).toBeGreaterThan(300);
    const cov = (await supervisor.get(`/api/campaigns/${campaignId}/coverage`)).json<CoverageView>();
    expect(dash.totals.coverage).toEqual(cov.totals);
    expect(dash.children.map((c) => [c.org.id, c.numbers.coverage])).toEqual(
      cov.children.map((c) => [c.org.id, c.numbers]),
    );
    for (const org of [dash.org!, ...dash.children.map((c) => c.org)]) {
      const res = await admin.get(`/api/campaigns/${campaignId}/plan-overview?orgId=${org.id}`);
      expect(res.statusCode).toBe(200);
      const { counts } = res.json<PlanOverview>();
      const mine =
        org.id === dash.org!.id ? dash.totals : dash.children.find((c) => c.org.id === org.id)!.numbers;
      expect(mine.plans, org.name).toEqual({
        branches: counts.total,
        filed: counts.submitted + counts.accepted,
        accepted: counts.accepted,
      });
    }
    expect(dash.totals.plans.filed).toBeGreaterThan(0);
  });

  it("lists 市教育局's laggards, its 书记's branch reachable (the journey reminds it), others to phone", async () => {
    const top = await dashboardOf(supervisor, campaignId);
    const education = top.children.find((c) => c.org.name === '市教育局')!;
    expect(top.laggards.flatMap((l) => [...l.units, ...l.branches]).some((l) => !l.reachable)).toBe(true);
    const dash = await dashboardOf(supervisor, campaignId, education.org.id);
    expect(dash.canRemind).toBe(true);
    const plans = dash.laggards.find((l) => l.measure === 'plans')!;
    expect(plans.branches[0]).toMatchObject({
      org: { name: '市教育局机关第一党支部' },
      rate: 0,
      reachable: true,
    });
    expect([...plans.units, ...plans.branches].some((l) => !l.reachable)).toBe(true);
  });

  it('matches the entries list by state', async () => {
    const dash = await dashboardOf(supervisor, campaignId);
    const list = (await admin.get(`/api/campaigns/${campaignId}/entries`)).json<EntryListResponse>();
    const byState: Record<string, number> = {};
    for (const e of list.items) byState[e.state] = (byState[e.state] ?? 0) + 1;
    for (const [state, n] of Object.entries(dash.totals.entries)) expect(byState[state] ?? 0, state).toBe(n);
  });
});
