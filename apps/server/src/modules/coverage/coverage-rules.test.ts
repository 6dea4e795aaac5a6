import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coverageRate, leaderGroupOf } from '@jiangtai/contracts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { coverageOf, coverageScene } from './test-coverage-scene.ts';
import { coverageCampaign, rollupDrift } from './test-coverage-support.ts';
import { ancestorPaths, intersectSubtrees } from './rules.ts';

/** The 人人上讲台 rules, as the coverage page reports them. */

let t: TestContext;
let n = 0;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  expect(await rollupDrift(t.db)).toEqual([]);
  await t.close();
});
const scene = () => coverageScene(t, `r${++n}`);

describe('who counts', () => {
  it('a member counts once, in their own branch, wherever the lecture was held', async () => {
    const s = await scene();
    await s.record(s.people.li, s.b1);
    await s.record(s.people.li, s.b2); // a second lecture, held in another branch
    const town = await coverageOf(s.admin, s.campaignId, s.town.id);
    expect(town.totals).toMatchObject({ members: 7, lectured: 1 });
    const [b1, b2] = town.children;
    expect(b1!.numbers).toMatchObject({ members: 5, lectured: 1 });
    expect(b2!.numbers).toMatchObject({ members: 2, lectured: 0 });
  });

  it('a member who moved branches mid-season counts in their current branch, the lecture moving along', async () => {
    const s = await scene();
    await s.record(s.people.li, s.b1);
    const moved = await s.admin.post(`/api/members/${s.people.li.id}/move`, { orgId: s.b3.id });
    expect(moved.statusCode).toBe(200);
    const city = await coverageOf(s.admin, s.campaignId, s.city.id);
    expect(city.totals).toMatchObject({ members: 8, lectured: 1 });
    const [jia, yi] = city.children;
    expect(jia!.numbers).toMatchObject({ members: 6, lectured: 0 });
    expect(yi!.numbers).toMatchObject({ members: 2, lectured: 1 });
    const b1 = await coverageOf(s.admin, s.campaignId, s.b1.id);
    expect(b1.pending!.map((m) => m.name)).not.toContain('小李');
  });

  it('a deactivated member leaves both numbers, and comes back when reactivated', async () => {
    const s = await scene();
    await s.record(s.people.zhou, s.b1);
    expect((await s.admin.post(`/api/members/${s.people.zhou.id}/deactivate`, {})).statusCode).toBe(200);
    let b1 = await coverageOf(s.admin, s.campaignId, s.b1.id);
    expect(b1.totals).toMatchObject({ members: 4, lectured: 0 });
    expect(b1.pending!.map((m) => m.name)).not.toContain('小周');
    expect((await s.admin.post(`/api/members/${s.people.zhou.id}/reactivate`, {})).statusCode).toBe(200);
    b1 = await coverageOf(s.admin, s.campaignId, s.b1.id);
    expect(b1.totals).toMatchObject({ members: 5, lectured: 1 });
  });

  it('a guest speaker never counts; returned and deleted records do not count, restored ones do', async () => {
    const s = await scene();
    await s.record(null, s.b1);
    await s.record(s.people.sun, s.b1, { status: 'returned' });
    const deleted = await s.record(s.people.zhou, s.b1, { deleted: true });
    let b1 = await coverageOf(s.admin, s.campaignId, s.b1.id);
    expect(b1.totals).toMatchObject({ members: 5, lectured: 0 });
    expect(b1.pending).toHaveLength(5);
    await t.db.updateTable('lecture_records').set({ deleted_at: null }).where('id', '=', deleted).execute();
    b1 = await coverageOf(s.admin, s.campaignId, s.b1.id);
    expect(b1.totals).toMatchObject({ members: 5, lectured: 1 });
  });

  it('counts each campaign on its own', async () => {
    const s = await scene();
    await s.record(s.people.li, s.b1);
    const other = await coverageOf(s.admin, s.campaignId, s.b1.id);
    expect(other.totals.lectured).toBe(1);
    const second = await coverageCampaign(t, s.city);
    expect((await coverageOf(s.admin, second, s.b1.id)).totals).toMatchObject({ members: 5, lectured: 0 });
  });
});

describe('leaders first', () => {
  it('reports 书记, 副书记 and 委员 separately, each member in their highest group', async () => {
    const s = await scene();
    await s.record(s.people.zhao, s.b1);
    await s.record(s.people.qian, s.b1);
    const town = await coverageOf(s.admin, s.campaignId, s.town.id);
    expect(town.totals.leaders).toEqual({
      secretaries: { members: 2, lectured: 1 },
      // 老钱 is 副书记 and 纪检委员: counted as 副书记 only.
      deputies: { members: 1, lectured: 1 },
      committee: { members: 1, lectured: 0 },
    });
    const [b1, b2] = town.children;
    expect(b1!.secretaryLectured).toBe(true);
    expect(b2!.secretaryLectured).toBe(false);
    const yi = await coverageOf(s.admin, s.campaignId, s.yi.id);
    expect(yi.children[0]!.secretaryLectured).toBeNull(); // 三支部 has no 书记
  });

  it("a branch's to-do list puts leaders first and the 书记 check follows a change of position", async () => {
    const s = await scene();
    await s.record(s.people.li, s.b1);
    let b1 = await coverageOf(s.admin, s.campaignId, s.b1.id);
    expect(b1.pending!.map((m) => m.name)).toEqual(['老赵', '老钱', '老孙', '小周']);
    expect(b1.secretaryLectured).toBe(false);
    // 小李 (who lectured) becomes 书记 and 老赵 steps down.
    await t.db
      .updateTable('members')
      .set({ positions: ['书记'] })
      .where('id', '=', s.people.li.id)
      .execute();
    await t.db
      .updateTable('members')
      .set({ positions: ['党员'] })
      .where('id', '=', s.people.zhao.id)
      .execute();
    b1 = await coverageOf(s.admin, s.campaignId, s.b1.id);
    expect(b1.secretaryLectured).toBe(true);
    expect(b1.totals.leaders.secretaries).toEqual({ members: 1, lectured: 1 });
  });
});

describe('a 党总支 (general branch)', () => {
  it('lists its own members as a to-do list, but none when all its members sit in its branches', async () => {
    const s = await scene();
    const general = await t.factories.org({ name: '机关党总支', type: 'general_branch', parent: s.town });
    const inner = await t.factories.org({ name: '机关第一支部', type: 'branch', parent: general });
    await t.factories.member(inner, { name: '小陈', phone: null });
    let view = await coverageOf(s.admin, s.campaignId, general.id);
    expect(view.pending).toBeNull();
    expect(view.totals).toMatchObject({ members: 1, lectured: 0 });
    await t.factories.member(general, { name: '老林', positions: ['书记'], phone: null });
    view = await coverageOf(s.admin, s.campaignId, general.id);
    expect(view.pending!.map((m) => m.name)).toEqual(['老林']);
    expect(view.direct).toEqual({ members: 1, lectured: 0 });
    expect(view.secretaryLectured).toBe(false);
  });
});

describe('pure rules', () => {
  it('the rate is rounded down to one decimal, so 100% means everyone', () => {
    expect(coverageRate({ members: 3, lectured: 1 })).toBe(33.3);
    expect(coverageRate({ members: 10000, lectured: 9999 })).toBe(99.9);
    expect(coverageRate({ members: 4, lectured: 4 })).toBe(100);
    expect(coverageRate({ members: 0, lectured: 0 })).toBeNull();
  });

  it('groups positions by the highest one', () => {
    expect(leaderGroupOf(['党员'])).toBeNull();
    expect(leaderGroupOf(['组织委员', '书记'])).toBe('secretaries');
    expect(leaderGroupOf(['纪检委员', '副书记'])).toBe('deputies');
    expect(leaderGroupOf(['宣传委员'])).toBe('committee');
  });

  it('intersects the viewer’s subtrees with the participating ones', () => {
    expect(intersectSubtrees(['1.'], ['1.2.', '1.3.', '1.2.5.'])).toEqual(['1.2.', '1.3.']);
    expect(intersectSubtrees(['1.2.7.', '1.4.'], ['1.2.'])).toEqual(['1.2.7.']);
    expect(intersectSubtrees(['1.4.'], ['1.2.'])).toEqual([]);
    expect(ancestorPaths('1.2.7.9.', '1.2.')).toEqual(['1.2.', '1.2.7.']);
  });
});
