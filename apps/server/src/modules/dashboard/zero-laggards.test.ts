import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { coverageCampaign, lecture } from '../coverage/test-coverage-support.ts';
import { BRANCH_ORG_TYPES } from '../org/branch-leaders.ts';
import { lowestBranchesSeason, zeroBranchesSeason, type SeasonLaggard } from './repository.ts';
import { treeFacts, treeVersion } from './tree-facts.ts';

/**
 * The season laggard lists read without ranking the subtree (zeroBranchesSeason) against the ranking
 * of every branch (lowestBranchesSeason), on a town whose branches mostly have nothing done: 党支部 by
 * id, 党总支 with branches beneath them first, one 党总支 that files nothing itself.
 */

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t.close());

const line = (r: SeasonLaggard) => `${r.id}=${r.done}/${r.of} ${r.parent_name}`;
/** The order laggards.ts ranks in: lowest rate, the most left, the oldest. */
const ranked = (rows: SeasonLaggard[]) =>
  [...rows]
    .sort(
      (a, b) =>
        Math.floor((a.done * 1000) / a.of) - Math.floor((b.done * 1000) / b.of) ||
        b.of - b.done - (a.of - a.done) ||
        Number(a.id) - Number(b.id),
    )
    .map(line);

describe('branch laggards with nothing done', () => {
  it('are the ranked lists, and leave the ranking to it when fewer than 10', async () => {
    const f = t.factories;
    const city = await f.org({ name: '零市委', type: 'committee' });
    const county = await f.org({ name: '零县', type: 'county', parent: city });
    const town = await f.org({ name: '零镇', type: 'party_committee', parent: county });
    const admin = await f.user([{ role: 'platform_admin', org: city }], { username: 'zero_admin' });
    const campaignId = await coverageCampaign(t, city);
    const plan = (org: { id: string; path: string }, status: 'draft' | 'submitted') =>
      t.db
        .insertInto('lecture_plans')
        .values({
          campaign_id: campaignId,
          org_id: org.id,
          org_path: org.path,
          status,
          submitted_at: new Date('2026-07-01T03:00:00Z'),
          created_by: admin.id,
        })
        .execute();
    const held = (org: { id: string; path: string }) => lecture(t, { campaignId, org, createdBy: admin.id });

    // 党总支 with a draft plan (so it files) and three 党支部 beneath, nothing done: `of` 4.
    const quiet = await f.org({ name: '零总支甲', type: 'general_branch', parent: town });
    await plan(quiet, 'draft');
    for (let i = 0; i < 3; i++) await f.org({ name: `零甲支部${i}`, type: 'branch', parent: quiet });
    // 党总支 filing, two 党支部 beneath, one with a plan filed and a lecture: not at rate 0.
    const busy = await f.org({ name: '零总支乙', type: 'general_branch', parent: town });
    await plan(busy, 'draft');
    const done = await f.org({ name: '零乙支部0', type: 'branch', parent: busy });
    await plan(done, 'submitted');
    await held(done);
    await f.org({ name: '零乙支部1', type: 'branch', parent: busy });
    // 党总支 that files nothing (no members, no plan) over two 党支部: only they count.
    const empty = await f.org({ name: '零总支丙', type: 'general_branch', parent: town });
    for (let i = 0; i < 2; i++) await f.org({ name: `零丙支部${i}`, type: 'branch', parent: empty });
    // Twelve 党支部 under the town, every third with a plan filed, every fourth with a lecture.
    for (let i = 0; i < 12; i++) {
      const b = await f.org({ name: `零支部${i}`, type: 'branch', parent: town });
      if (i % 3 === 0) await plan(b, 'submitted');
      if (i % 4 === 0) await held(b);
    }

    const root = { id: city.id, path: city.path };
    const zero = await zeroBranchesSeason(t.db, campaignId, root, BRANCH_ORG_TYPES, 10);
    const all = await lowestBranchesSeason(t.db, campaignId, root, BRANCH_ORG_TYPES, 10);
    for (const m of ['plans', 'lectures'] as const) {
      expect(zero[m]).not.toBeNull();
      expect(zero[m]!.map(line)).toEqual(ranked(all.filter((r) => r.measure === m)));
    }
    expect(zero.plans![0]).toMatchObject({ id: quiet.id, done: 0, of: 4, parent_name: '零镇' });
    // The same lists from the org tree's facts kept in memory (the dashboard's path).
    const facts = await treeFacts(t.db, root, BRANCH_ORG_TYPES, await treeVersion(t.db));
    expect(await zeroBranchesSeason(t.db, campaignId, root, BRANCH_ORG_TYPES, 10, facts.parentIds)).toEqual(
      zero,
    );
    expect(zero.plans!.map((r) => r.id)).not.toContain(busy.id);

    // Under 零总支乙 only one branch has nothing done: the subtree is left to the ranking.
    const few = await zeroBranchesSeason(t.db, campaignId, busy, BRANCH_ORG_TYPES, 10);
    expect(few).toEqual({ plans: null, lectures: null });
  });
});
