import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NoticeList, PlanDetail, PlanOverview, PlanReminderResult } from '@jiangtai/contracts';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { line, plansScene, saveKey, type PlansScene } from './test-plans-scene.ts';
import { assertPlanLineOfBranch, planLinesForBranch } from './plan-lines.ts';

let t: TestContext;
let s: PlansScene;
beforeAll(async () => {
  t = await createTestContext();
  s = await plansScene(t);
});
afterAll(async () => t.close());

const overviewUrl = (c: string, org: string, late = false) =>
  `/api/campaigns/${c}/plan-overview?orgId=${org}${late ? '&late=true' : ''}`;

/** 甲一 files and the unit accepts; 甲二 keeps a draft; 甲三 files nothing. */
async function season(startsOn?: string) {
  const c = await s.campaign('yueyang', 'published', startsOn);
  const base = `/api/campaigns/${c}/plans`;
  let p = (
    await s.as.secretary.put(`${base}/${s.a1.id}`, {
      saveKey: saveKey(),
      version: null,
      lines: [line({ speakerMemberId: s.wang.id }), line({ guestSpeakerName: '特邀嘉宾' })],
    })
  ).json<PlanDetail>();
  p = (await s.as.secretary.post(`${base}/${s.a1.id}/submit`, { version: p.version })).json<PlanDetail>();
  await s.as.unitAdmin.post(`${base}/${s.a1.id}/accept`, { version: p.version });
  await s.as.secretary2.put(`${base}/${s.a2.id}`, {
    saveKey: saveKey(),
    version: null,
    lines: [line({ speakerMemberId: s.qian.id })],
  });
  return c;
}

describe('计划填报情况', () => {
  it('lists every branch under the org with its status; none is late before the due day (2026-07-31)', async () => {
    const c = await season();
    const res = await s.as.unitAdmin.get(overviewUrl(c, s.unit.id));
    expect(res.statusCode, res.body).toBe(200);
    const o = res.json<PlanOverview>();
    expect(o.rows.map((r) => [r.name, r.status, r.late, r.lineCount, r.secretaryAccounts])).toEqual([
      ['甲一支部', 'accepted', false, 2, 1],
      ['甲二支部', 'draft', false, 1, 1],
      ['甲三支部', 'none', false, 0, 0],
    ]);
    expect(o.counts).toMatchObject({ total: 3, accepted: 1, draft: 1, none: 1, late: 0 });
    expect(o.canRemind).toBe(true);
  });

  it('counts the unfiled as late once the due Beijing day has ended, and filters to them', async () => {
    // Launched on 2026-06-01: the plan was due at the end of the launch stage, before the clock's 2026-07-01.
    const c = await season('2026-06-01');
    const o = (await s.as.unitAdmin.get(overviewUrl(c, s.unit.id))).json<PlanOverview>();
    expect(o.counts.late).toBe(2);
    const late = (await s.as.unitAdmin.get(overviewUrl(c, s.unit.id, true))).json<PlanOverview>();
    expect(late.rows.map((r) => r.name)).toEqual(['甲二支部', '甲三支部']);
    // The city sees all branches of both units; a unit sees only its own.
    const city = (await s.as.organiser.get(overviewUrl(c, s.city.id))).json<PlanOverview>();
    expect(city.rows.map((r) => r.name)).toEqual(['甲一支部', '甲二支部', '甲三支部', '乙一支部']);
    expect(city.canRemind).toBe(false);
  });

  it('never makes a branch late where the campaign requires no plan (焦作)', async () => {
    const c = await s.campaign('jiaozuo', 'published', '2026-01-05');
    const o = (await s.as.unitAdmin.get(overviewUrl(c, s.unit.id))).json<PlanOverview>();
    expect(o).toMatchObject({ required: false, dueOn: null });
    expect(o.counts.late).toBe(0);
  });

  it('answers 400, 401, 403, 404 like every route', async () => {
    const c = await season();
    expect((await t.anonymous.get(overviewUrl(c, s.unit.id))).statusCode).toBe(401);
    expect((await s.as.unitAdmin.get(`/api/campaigns/${c}/plan-overview`)).statusCode).toBe(400);
    expect((await s.as.secretary.get(overviewUrl(c, s.unit.id))).statusCode).toBe(403);
    expect((await s.as.member.get(overviewUrl(c, s.unit.id))).statusCode).toBe(403);
    expect((await s.as.siblingAdmin.get(overviewUrl(c, s.unit.id))).statusCode).toBe(404);
    expect((await s.as.unitAdmin.get(overviewUrl('999999', s.unit.id))).statusCode).toBe(404);
    expect((await s.as.unitAdmin.get(overviewUrl(c, '999999'))).statusCode).toBe(404);
    expect((await s.as.supervisor.get(overviewUrl(c, s.unit.id))).statusCode).toBe(200);
  });
});

describe('a county with hundreds of branches', () => {
  it('lists 400 branches of a county, each with its own status and secretary-account count', async () => {
    const county = await t.factories.org({ name: '大县', type: 'unit', parent: s.city });
    // 400 branches under the county, each with a 书记 whose account is linked (made in bulk, not one by one).
    await sql`
      INSERT INTO orgs (parent_id, path, depth, name, type, created_at, updated_at)
      SELECT ${county.id}, 'tmp-' || g, ${county.depth + 1}, '大县第' || g || '支部', 'branch', now(), now()
      FROM generate_series(1, 400) g`.execute(t.db);
    await sql`UPDATE orgs SET path = ${county.path} || id || '.' WHERE parent_id = ${county.id}`.execute(
      t.db,
    );
    await sql`
      INSERT INTO members (org_id, org_path, name, gender, party_status, positions, created_at, updated_at)
      SELECT id, path, '书记' || id, 'male', 'full', ARRAY['书记'], now(), now() FROM orgs
      WHERE parent_id = ${county.id}`.execute(t.db);
    await sql`
      INSERT INTO users (username, display_name, member_id, password_hash, created_at, updated_at)
      SELECT 'sec' || m.id, m.name, m.id, 'x', now(), now() FROM members m
      JOIN orgs o ON o.id = m.org_id WHERE o.parent_id = ${county.id}`.execute(t.db);
    const admin = await t.factories.user([{ role: 'unit_admin', org: county }], { username: 'county_admin' });
    const c = await s.campaign('yueyang', 'published', '2026-06-01');
    const client = await t.login(admin.username);
    const o = (await client.get(overviewUrl(c, county.id))).json<PlanOverview>();
    expect(o.counts).toMatchObject({ total: 400, none: 400, late: 400 });
    expect(o.rows.every((r) => r.secretaryAccounts === 1 && r.lineCount === 0)).toBe(true);
  });
});

describe('提醒', () => {
  it('reminds every late branch: a notice to each secretary account, the branch without one named, an audit row each', async () => {
    const c = await season('2026-06-01');
    const remind = (who: PlansScene['as'][keyof PlansScene['as']], body: object) =>
      who.post(`/api/campaigns/${c}/plan-reminders`, body);
    expect((await remind(s.as.organiser, { orgId: s.unit.id })).statusCode, 'the organiser reads only').toBe(
      403,
    );
    expect((await remind(s.as.siblingAdmin, { orgId: s.unit.id })).statusCode).toBe(404);
    expect((await remind(s.as.unitAdmin, { orgId: 'x' })).statusCode).toBe(400);
    expect(
      (await t.anonymous.post(`/api/campaigns/${c}/plan-reminders`, { orgId: s.unit.id })).statusCode,
    ).toBe(401);
    expect(
      (await remind(s.as.unitAdmin, { orgId: s.unit.id, branchId: s.a1.id })).statusCode,
      'already accepted',
    ).toBe(409);
    expect((await remind(s.as.unitAdmin, { orgId: s.unit.id, branchId: s.b1.id })).statusCode).toBe(404);

    const before = (await s.as.secretary2.get('/api/notices/unread-count')).json<{ unread: number }>().unread;
    const res = await remind(s.as.unitAdmin, { orgId: s.unit.id });
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json<PlanReminderResult>();
    expect(out.notified).toEqual([{ orgId: s.a2.id, name: '甲二支部', accounts: 1 }]);
    expect(out.noAccount).toEqual([{ orgId: s.a3.id, name: '甲三支部' }]);
    expect((await s.as.secretary2.get('/api/notices/unread-count')).json<{ unread: number }>().unread).toBe(
      before + 1,
    );
    const notice = (await s.as.secretary2.get('/api/notices')).json<NoticeList>().items[0]!;
    expect(notice).toMatchObject({ kind: 'plan_reminder', link: `/plans/${c}/${s.a2.id}` });
    expect(notice.body).toContain('草稿');
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['entity_id', 'org_path'])
      .where('action', '=', 'plans.reminded')
      .where('entity_id', '=', s.a2.id)
      .execute();
    expect(audit.length).toBeGreaterThan(0);
    expect(audit[0]!.org_path).toBe(s.a2.path);

    // Once every late branch has filed, there is nobody to remind.
    const c2 = await s.campaign('jiaozuo');
    expect(
      (await s.as.unitAdmin.post(`/api/campaigns/${c2}/plan-reminders`, { orgId: s.unit.id })).statusCode,
    ).toBe(409);
  });
});

describe('plan lines for the lectures module', () => {
  it('lists a branch’s current lines and checks a line belongs to the branch', async () => {
    const c = await season();
    const lines = await planLinesForBranch(t.db, c, s.a1.id);
    expect(lines.map((l) => l.speakerName)).toEqual(['王书记', '特邀嘉宾']);
    expect(lines[0]!.label).toContain('主题党日');
    await expect(
      assertPlanLineOfBranch(t.db, lines[0]!.id, { campaignId: c, orgId: s.a1.id }),
    ).resolves.toBeUndefined();
    await expect(
      assertPlanLineOfBranch(t.db, lines[0]!.id, { campaignId: c, orgId: s.a2.id }),
    ).rejects.toThrow('不属于本支部');
  });
});

describe('which 党总支 file a plan', () => {
  it('lists a 党总支 holding members of its own, not one that only groups branches', async () => {
    const c = await s.campaign('yueyang', 'published');
    const grouping = await t.factories.org({ name: '甲机关党总支', type: 'general_branch', parent: s.unit });
    await t.factories.org({ name: '甲机关第一支部', parent: grouping });
    const holding = await t.factories.org({ name: '甲后勤党总支', type: 'general_branch', parent: s.unit });
    await t.factories.member(holding, { name: '总支党员' });
    const o = (await s.as.unitAdmin.get(overviewUrl(c, s.unit.id))).json<PlanOverview>();
    const names = o.rows.map((r) => r.name);
    expect(names).toContain('甲后勤党总支');
    expect(names).toContain('甲机关第一支部');
    expect(names).not.toContain('甲机关党总支');
  });
});
