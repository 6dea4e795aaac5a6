import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { BRANCH_ORG_TYPES } from '../org/branch-leaders.ts';
import { countKeptFacts, keptFacts, type KeptFacts } from './kept-facts.ts';
import { cachedLists, changeKey, keptAt, shardKey, wholeKey } from './laggard-cache.ts';
import { dashboardScene, type DashboardScene } from './test-dashboard-scene.ts';
import { comparableFacts } from './test-kept-support.ts';
import { treeFacts } from './tree-facts.ts';

/**
 * What the dashboard keeps in memory per subtree (kept-facts.ts, laggard-cache.ts): the branch laggard
 * lists, branches per child, the children's rollup rows and the weekly series; kept while nothing
 * they depend on changes, counted again after every kind of change (migration 044's counters), and a
 * change in one county leaves another county's lists kept.
 */

let t: TestContext;
let s: DashboardScene;
beforeAll(async () => {
  t = await createTestContext();
  s = await dashboardScene(t, 'lc');
});
afterAll(async () => t.close());

type Top = { id: string; path: string };
const orgOf = (id: string) =>
  t.db.selectFrom('orgs').select(['id', 'path', 'type']).where('id', '=', id).executeTakeFirstOrThrow();

/** The kept facts of `top` (from memory when its key has not moved) and the same counted now. */
async function keptAndCounted(top: Top) {
  const at = await orgOf(top.id);
  const key = await changeKey(t.db, s.campaignId, at.path);
  const tree = await treeFacts(t.db, at, BRANCH_ORG_TYPES, key.tree);
  return {
    kept: await keptFacts(t.db, s.campaignId, at, tree, key),
    counted: await countKeptFacts(t.db, s.campaignId, at, tree),
  };
}

const brief = comparableFacts;

/** The city's part kept for a county (kept-facts.ts composedFacts), if any. */
async function partOf(county: Top) {
  const key = await changeKey(t.db, s.campaignId, s.city.path);
  return keptAt(t.db, `${s.campaignId}|${county.path}|part`, shardKey(key, county.path, s.city.path));
}

describe('kept branch laggard lists', () => {
  it('are kept while nothing changes, and a change in one county leaves the other county kept', async () => {
    const city1 = await keptAndCounted(s.city);
    const yi1 = await keptAndCounted(s.yi);
    const jia1 = await keptAndCounted(s.jia);
    const [jiaPart, yiPart] = [await partOf(s.jia), await partOf(s.yi)];
    expect(jiaPart).toBeDefined();
    expect((await keptAndCounted(s.yi)).kept).toBe(yi1.kept);
    expect(brief(city1.kept)).toEqual(brief(city1.counted));

    await s.record(s.people.wang, s.b3); // 乙县's only member lectures
    expect(await partOf(s.yi)).toBeUndefined();
    const city2 = await keptAndCounted(s.city);
    const yi2 = await keptAndCounted(s.yi);
    expect(yi2.kept).not.toBe(yi1.kept);
    expect((await keptAndCounted(s.jia)).kept).toBe(jia1.kept);
    // The city put together again: 甲县's part as it was, 乙县's counted again.
    expect(await partOf(s.jia)).toBe(jiaPart);
    expect(await partOf(s.yi)).not.toBe(yiPart);
    expect(brief(city2.kept)).toEqual(brief(city2.counted));
    expect(brief(yi2.kept)).toEqual(brief(yi2.counted));
    expect(brief(yi2.kept)).not.toEqual(brief(yi1.kept));
  });

  // Each kind of input, shown to change the lists, after which the kept ones equal a count.
  const changes: [string, () => Promise<unknown>][] = [
    ['a lecture record (plans of lectures, coverage)', () => s.record(s.people.wu, s.b2)],
    [
      'a record returned',
      async () =>
        t.db
          .updateTable('lecture_records')
          .set({ status: 'returned' })
          .where('speaker_member_id', '=', s.people.wu.id)
          .execute(),
    ],
    [
      'a record moved to another week (only the weekly series changes)',
      async () =>
        t.db
          .updateTable('lecture_records')
          .set({ held_on: '2026-08-20' })
          .where('speaker_member_id', '=', s.people.wang.id)
          .execute(),
    ],
    [
      'a record confirmed (only the confirmed count changes)',
      async () =>
        t.db
          .updateTable('lecture_records')
          .set({ status: 'confirmed' })
          .where('speaker_member_id', '=', s.people.wang.id)
          .execute(),
    ],
    ['a plan filed', () => s.plan(s.b1, 'submitted')],
    [
      'an org renamed',
      () => t.db.updateTable('orgs').set({ name: '甲县（新）' }).where('id', '=', s.jia.id).execute(),
    ],
    [
      'a draft plan makes a 党总支 without members file',
      async () => {
        const general = await t.factories.org({ name: '东镇总支', type: 'general_branch', parent: s.town });
        const under = await t.factories.org({ name: '总支一支部', type: 'branch', parent: general });
        await t.factories.member(under, { name: '小冯', positions: ['党员'], phone: null });
        // Not a branch of the measures while it files nothing: its 党支部 is listed, it is not.
        const names = (k: KeptFacts) => k.coverage.map((c) => c.org.name);
        expect(names((await keptAndCounted(s.city)).kept)).toEqual(expect.arrayContaining(['总支一支部']));
        expect(names((await keptAndCounted(s.city)).kept)).not.toContain('东镇总支');
        await s.plan(general, 'draft');
        expect(names((await keptAndCounted(s.city)).kept)).toContain('东镇总支');
      },
    ],
    [
      'a member joins (coverage of)',
      () => t.factories.member(s.b3, { name: '小陈', positions: ['党员'], phone: null }),
    ],
    [
      'a member leaves',
      () => t.db.updateTable('members').set({ active: false }).where('id', '=', s.people.zheng.id).execute(),
    ],
    [
      'a member of 乙县 lectures in a record of 甲县 (counted where the speaker is)',
      () => s.record(s.people.wang, s.b1),
    ],
    [
      'a branch moves to the other county',
      async () => {
        const res = await s.admin.post(`/api/orgs/${s.b2.id}/move`, { parentId: s.yi.id });
        if (res.statusCode !== 200) throw new Error(`move: ${res.statusCode} ${res.body}`);
      },
    ],
  ];
  for (const [label, change] of changes)
    it(`are counted again after ${label}`, async () => {
      const before = await Promise.all([s.city, s.jia, s.yi].map((o) => keptAndCounted(o)));
      await change();
      const after = await Promise.all([s.city, s.jia, s.yi].map((o) => keptAndCounted(o)));
      after.forEach((a) => expect(brief(a.kept)).toEqual(brief(a.counted)));
      expect(after.map((a) => brief(a.kept))).not.toEqual(before.map((b) => brief(b.kept)));
    });

  it('are not kept when a change commits while they are counted', async () => {
    const key = wholeKey(await changeKey(t.db, s.campaignId, s.city.path));
    const recheck = async () => wholeKey(await changeKey(t.db, s.campaignId, s.city.path));
    let counted = 0;
    const count = async () => {
      counted += 1;
      if (counted === 1) await s.record(s.people.li, s.b1);
      return counted;
    };
    expect(await cachedLists(t.db, 'test', key, count, recheck)).toBe(1);
    // Asked again under the key read before the change: counted again, not served from memory.
    expect(await cachedLists(t.db, 'test', key, count, recheck)).toBe(2);
    // Under the key after it, kept.
    const now = await recheck();
    expect(await cachedLists(t.db, 'test', now, count, recheck)).toBe(3);
    expect(await cachedLists(t.db, 'test', now, count, recheck)).toBe(3);
  });
});
