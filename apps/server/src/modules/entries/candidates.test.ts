import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntryCandidate } from '@jiangtai/contracts';
import type { Client, TestContext } from '../../test/harness.ts';
import { createEntry, entriesTestContext, publishedCampaign, speaker } from './test-scene.ts';

/**
 * The speaker picker of 代为报送 marks whom 创建作品 would refuse, by the same rules: a 岳阳-style
 * campaign takes branch secretaries and deputies, one entry per person and stage.
 */
let ctx: Awaited<ReturnType<typeof entriesTestContext>>;
let t: TestContext;
let campaignId: string;
let eduAdmin: Client;
let finAdmin: Client;
let organiser: Client;
let member: Client;

beforeAll(async () => {
  ctx = await entriesTestContext();
  t = ctx.t;
  const f = t.factories;
  const organs = await f.org({ name: '市直机关工委', type: 'committee' });
  const edu = await f.org({ name: '市教育局', type: 'unit', parent: organs });
  const branch = await f.org({ name: '教育局第一党支部', type: 'branch', parent: edu });
  const finance = await f.org({ name: '市财政局', type: 'unit', parent: organs });
  const finBranch = await f.org({ name: '财政局第一党支部', type: 'branch', parent: finance });
  campaignId = await publishedCampaign(t, organs);
  await f.member(branch, { name: '候选甲', positions: ['书记'] });
  await f.member(branch, { name: '候选乙', positions: ['党员'] });
  // Left the roll: never offered.
  const left = await f.member(branch, { name: '候选丁', positions: ['副书记'] });
  await t.db.updateTable('members').set({ active: false }).where('id', '=', left.id).execute();
  await f.member(finBranch, { name: '候选戊', positions: ['书记'] });
  const entered = await speaker(t, branch, 'c_bing', { name: '候选丙', positions: ['副书记'] });
  await createEntry(entered.client, campaignId, { title: '已报的作品' });
  member = entered.client;
  await f.user([{ role: 'unit_admin', org: edu }], { username: 'c_edu' });
  await f.user([{ role: 'unit_admin', org: finance }], { username: 'c_fin' });
  await f.user([{ role: 'organiser', org: organs }], { username: 'c_org' });
  eduAdmin = await t.login('c_edu');
  finAdmin = await t.login('c_fin');
  organiser = await t.login('c_org');
});
afterAll(async () => ctx.close());

const pick = (c: Client, query: string) => c.get(`/api/campaigns/${campaignId}/entry-candidates?${query}`);

describe('the speaker picker of 代为报送', () => {
  it("offers the unit's active members, eligible first, marking those 创建作品 would refuse", async () => {
    const res = await pick(eduAdmin, `stageKey=preliminary&q=${encodeURIComponent('候选')}`);
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: EntryCandidate[] }>().items;
    expect(items.map((i) => [i.name, i.eligible, i.mark])).toEqual([
      ['候选甲', true, null],
      ['候选丙', false, '已有作品「已报的作品」'],
      ['候选乙', false, '不符合参赛条件：须为书记/副书记'],
    ]);
    expect(items[0]).toMatchObject({ orgName: '教育局第一党支部', positions: ['书记'] });
  });

  it('agrees with 创建作品: the marked member is refused with the long reason', async () => {
    const items = (await pick(eduAdmin, `stageKey=preliminary&q=${encodeURIComponent('候选乙')}`)).json<{
      items: EntryCandidate[];
    }>().items;
    const res = await eduAdmin.post(`/api/campaigns/${campaignId}/entries`, {
      stageKey: 'preliminary',
      memberId: items[0]!.id,
      title: '试一试',
      categoryKey: 'theory',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toContain('本活动要求职务为书记或副书记');
  });

  it("shows another unit's admin only their own members", async () => {
    const items = (await pick(finAdmin, `stageKey=preliminary&q=${encodeURIComponent('候选')}`)).json<{
      items: EntryCandidate[];
    }>().items;
    expect(items.map((i) => i.name)).toEqual(['候选戊']);
  });

  it('answers 400 without a contest stage, 401 signed out, 403 for non-admins, 404 for a missing campaign', async () => {
    expect((await pick(eduAdmin, 'q=x')).statusCode).toBe(400);
    const launch = await pick(eduAdmin, 'stageKey=launch&q=x');
    expect(launch.statusCode).toBe(400);
    expect(launch.json().detail).toBe('该阶段不接受作品报送，请选择初赛、复赛、决赛或评选阶段');
    expect(
      (await t.anonymous.get(`/api/campaigns/${campaignId}/entry-candidates?stageKey=preliminary`))
        .statusCode,
    ).toBe(401);
    expect((await pick(member, 'stageKey=preliminary&q=x')).statusCode).toBe(403);
    const org = await pick(organiser, 'stageKey=preliminary&q=x');
    expect(org.statusCode).toBe(403);
    expect(org.json().detail).toBe('只有单位管理员可以为党员代为报送作品');
    expect(
      (await eduAdmin.get('/api/campaigns/999999/entry-candidates?stageKey=preliminary')).statusCode,
    ).toBe(404);
  });
});
