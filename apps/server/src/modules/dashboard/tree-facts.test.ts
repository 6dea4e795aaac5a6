import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardView } from '@jiangtai/contracts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { dashboardOf, dashboardScene, type DashboardScene } from './test-dashboard-scene.ts';

/**
 * Branches per child come from the org tree kept in memory (tree-facts.ts) keyed by the tree's version
 * (migration 043): adding or moving an org shows in the very next dashboard.
 */
let t: TestContext;
let s: DashboardScene;
beforeAll(async () => {
  t = await createTestContext();
  s = await dashboardScene(t, 'tree');
});
afterAll(async () => t.close());

const branchesPerChild = (v: DashboardView) => v.children.map((k) => [k.org.name, k.numbers.plans.branches]);
const planLaggards = (v: DashboardView) =>
  v.laggards
    .find((l) => l.measure === 'plans')!
    .branches.map((b) => b.org.name)
    .sort();

describe('the dashboard after the org tree changes', () => {
  it('counts a new branch and a moved one at once', async () => {
    const before = await dashboardOf(s.admin, s.campaignId);
    expect(before.totals.plans.branches).toBe(3);
    expect(branchesPerChild(before)).toEqual([
      ['甲县', 2],
      ['乙县', 1],
    ]);
    // Read again: served from memory, the same answer.
    expect(branchesPerChild(await dashboardOf(s.admin, s.campaignId))).toEqual(branchesPerChild(before));

    const added = await s.admin.post('/api/orgs', { parentId: s.yi.id, name: '四支部', type: 'branch' });
    expect(added.statusCode).toBe(201);
    const afterAdd = await dashboardOf(s.admin, s.campaignId);
    expect(afterAdd.totals.plans.branches).toBe(4);
    expect(branchesPerChild(afterAdd)).toEqual([
      ['甲县', 2],
      ['乙县', 2],
    ]);
    expect(planLaggards(afterAdd)).toEqual(['一支部', '三支部', '二支部', '四支部'].sort());

    const moved = await s.admin.post(`/api/orgs/${s.b3.id}/move`, { parentId: s.town.id });
    expect(moved.statusCode).toBe(200);
    const afterMove = await dashboardOf(s.admin, s.campaignId);
    expect(afterMove.totals.plans.branches).toBe(4);
    expect(branchesPerChild(afterMove)).toEqual([
      ['甲县', 3],
      ['乙县', 1],
    ]);
    const county = await dashboardOf(s.admin, s.campaignId, s.jia.id);
    expect(branchesPerChild(county)).toEqual([['东镇', 3]]);
  });
});
