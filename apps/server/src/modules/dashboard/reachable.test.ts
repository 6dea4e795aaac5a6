import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardLaggard, DashboardView } from '@jiangtai/contracts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { coverageCampaign } from '../coverage/test-coverage-support.ts';
import { dashboardOf, dashboardScene, type DashboardScene } from './test-dashboard-scene.ts';

/**
 * A laggard's `reachable`: whether a reminder would reach anyone there (an org's unit admins, a
 * branch's 书记/副书记 accounts), so the page offers 提醒 only where the send would not be refused.
 * In the scene 一支部 (老赵) and 二支部 (老吴) have a 书记's account, 三支部 none; 甲县 and 乙县 a unit
 * admin, 东镇 none.
 */

let t: TestContext;
let s: DashboardScene;
beforeAll(async () => {
  t = await createTestContext();
  s = await dashboardScene(t, 'reach');
  await s.plan(s.b1, 'accepted');
});
afterAll(async () => t.close());

const plans = (v: DashboardView) => v.laggards.find((l) => l.measure === 'plans')!;
const flags = (list: DashboardLaggard[]) => Object.fromEntries(list.map((l) => [l.org.name, l.reachable]));

describe('laggards: reachable', () => {
  it('is true where a reminder reaches a unit admin or a 书记, and the reminder agrees', async () => {
    const city = await dashboardOf(s.admin, s.campaignId);
    expect(flags(plans(city).units)).toEqual({ 甲县: true, 乙县: true });
    expect(flags(plans(city).branches)).toEqual({ 一支部: true, 二支部: true, 三支部: false });
    const county = await dashboardOf(s.admin, s.campaignId, s.jia.id);
    expect(flags(plans(county).units)).toEqual({ 东镇: false });
    // Every listed laggard: the send succeeds exactly where the flag says so.
    for (const l of [...plans(city).units, ...plans(city).branches, ...plans(county).units]) {
      const res = await s.admin.post(`/api/campaigns/${s.campaignId}/dashboard/reminders`, {
        orgId: l.org.id,
        measure: 'plans',
      });
      expect([l.org.name, res.statusCode]).toEqual([l.org.name, l.reachable ? 200 : 409]);
    }
  });

  it('flips when the org gets an account to remind, and back when it is switched off', async () => {
    const f = t.factories;
    await f.user([{ role: 'unit_admin', org: s.town }], { username: 'reach_town' });
    const deputy = await f.member(s.b3, { name: '老陈', positions: ['副书记'], phone: null });
    const chen = await f.user([{ role: 'member', org: s.b3 }], { username: 'reach_chen' });
    await t.db.updateTable('users').set({ member_id: deputy.id }).where('id', '=', chen.id).execute();

    expect(flags(plans(await dashboardOf(s.admin, s.campaignId, s.jia.id)).units)).toEqual({ 东镇: true });
    const city = await dashboardOf(s.admin, s.campaignId);
    expect(flags(plans(city).branches)).toMatchObject({ 三支部: true });

    // A switched-off account receives nothing, so it does not count.
    await t.db.updateTable('users').set({ active: false }).where('id', '=', chen.id).execute();
    expect(flags(plans(await dashboardOf(s.admin, s.campaignId)).branches)).toMatchObject({ 三支部: false });
  });

  it('is false throughout where the viewer cannot remind (a draft campaign)', async () => {
    const draft = await coverageCampaign(t, s.city, [], 'draft');
    const view = await dashboardOf(s.admin, draft);
    expect(view.canRemind).toBe(false);
    const listed = view.laggards.flatMap((l) => [...l.units, ...l.branches]);
    expect(listed.map((l) => l.org.name)).toContain('一支部');
    expect(listed.every((l) => !l.reachable)).toBe(true);
  });
});
