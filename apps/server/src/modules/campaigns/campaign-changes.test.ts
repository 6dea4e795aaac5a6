import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { campaignScene, createCampaign, type CampaignScene } from './test-scene.ts';

let t: TestContext;
let s: CampaignScene;

beforeAll(async () => {
  t = await createTestContext();
  s = await campaignScene(t);
});
afterAll(async () => t.close());

/** The 岳阳 preset on the notice's own days of 2026 (the tests below name those dates). */
const draft = (title = '测试活动') =>
  createCampaign(s.cityOrganiser, { organiserOrgId: s.city.id, presetKey: 'yueyang', year: 2026, title });
const auditOf = async (id: string) =>
  (await s.admin.get(`/api/audit?entityType=campaign&entityId=${id}`)).json().items as {
    action: string;
    before: unknown;
    after: unknown;
  }[];

describe('editing settings', () => {
  it('saves valid settings, keeps the title column in step and logs only what changed', async () => {
    const c = await draft();
    const settings = { ...c.settings, title: '改名后的活动', theme: '新主题' };
    const res = await s.cityOrganiser.put(`/api/campaigns/${c.id}`, { settings, updatedAt: c.updatedAt });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ title: '改名后的活动', settings: { theme: '新主题' } });
    const [row] = await auditOf(c.id);
    expect(row).toMatchObject({
      action: 'campaign.updated',
      before: { status: 'draft', title: '测试活动', theme: '大学习 走在前' },
      after: { status: 'draft', title: '改名后的活动', theme: '新主题' },
    });
    expect(Object.keys(row!.after as object).sort()).toEqual(['status', 'theme', 'title']);
  });

  it('refuses invalid settings with 422 INVALID_SETTINGS, the path and the first message in detail', async () => {
    const c = await draft();
    const stages = structuredClone(c.settings.stages) as { endsOn: string }[];
    stages[2]!.endsOn = '2026-08-20';
    const res = await s.cityOrganiser.put(`/api/campaigns/${c.id}`, { settings: { ...c.settings, stages } });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('INVALID_SETTINGS');
    expect(body.issues[0]).toEqual({
      path: 'stages.2.endsOn',
      message: '第 3 个阶段「复赛」的结束日期（2026年8月20日）早于开始日期（2026年9月1日）',
    });
    expect(body.detail).toBe(body.issues[0].message);
    expect((await s.cityOrganiser.get(`/api/campaigns/${c.id}`)).json().settings.stages[2].endsOn).toBe(
      '2026-09-30',
    );
  });

  it('400 for a body without settings or with a malformed id', async () => {
    const c = await draft();
    expect((await s.cityOrganiser.put(`/api/campaigns/${c.id}`, {})).statusCode).toBe(400);
    expect((await s.cityOrganiser.put(`/api/campaigns/${c.id}`, { settings: '岳阳' })).statusCode).toBe(400);
    expect((await s.cityOrganiser.put('/api/campaigns/x1', { settings: c.settings })).statusCode).toBe(400);
  });

  it('403 for supervisors and organisers of other orgs, 404 for a missing campaign, 401 without a session', async () => {
    const c = await draft();
    const sup = await s.supervisor.put(`/api/campaigns/${c.id}`, { settings: c.settings });
    expect(sup.statusCode).toBe(403);
    expect(sup.json().detail).toContain('只有「演示市委」的活动组织者或系统管理员可以修改此活动');
    expect((await s.eduOrganiser.put(`/api/campaigns/${c.id}`, { settings: c.settings })).statusCode).toBe(
      403,
    );
    expect((await s.cityOrganiser.put('/api/campaigns/999999', { settings: c.settings })).statusCode).toBe(
      404,
    );
    expect((await t.anonymous.put(`/api/campaigns/${c.id}`, { settings: c.settings })).statusCode).toBe(401);
  });

  it('409 when someone else saved in between', async () => {
    const c = await draft();
    t.clock.advance(1000);
    await s.admin.put(`/api/campaigns/${c.id}`, { settings: { ...c.settings, theme: '管理员改的' } });
    const stale = await s.cityOrganiser.put(`/api/campaigns/${c.id}`, {
      settings: { ...c.settings, theme: '组织者改的' },
      updatedAt: c.updatedAt,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().detail).toBe('活动设置已被他人修改，请刷新页面后再编辑');
  });

  it('a published campaign can still be edited, with before and after in the log', async () => {
    const c = await draft();
    await s.cityOrganiser.post(`/api/campaigns/${c.id}/publish`);
    const res = await s.cityOrganiser.put(`/api/campaigns/${c.id}`, {
      settings: { ...c.settings, description: '补充说明' },
    });
    expect(res.statusCode).toBe(200);
    const [row] = await auditOf(c.id);
    expect(row).toMatchObject({
      action: 'campaign.updated',
      before: { status: 'published' },
      after: { status: 'published', description: '补充说明' },
    });
  });
});

describe('publishing and closing', () => {
  it('draft → published → closed, each logged; other transitions are 409', async () => {
    const c = await draft();
    const url = `/api/campaigns/${c.id}`;
    const early = await s.cityOrganiser.post(`${url}/close`);
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toBe('草稿状态的活动还未发布，不能结束');
    const published = await s.cityOrganiser.post(`${url}/publish`);
    expect(published.statusCode).toBe(200);
    expect(published.json().status).toBe('published');
    expect((await s.cityOrganiser.post(`${url}/publish`)).json().detail).toBe('活动已经发布');
    const closed = await s.admin.post(`${url}/close`);
    expect(closed.json()).toMatchObject({ status: 'closed', canEdit: false });
    expect(closed.json().timeline.every((x: { state: string }) => x.state === 'done')).toBe(true);
    expect((await s.cityOrganiser.post(`${url}/close`)).statusCode).toBe(409);
    expect((await s.cityOrganiser.post(`${url}/publish`)).statusCode).toBe(409);
    const edit = await s.cityOrganiser.put(url, { settings: c.settings });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().detail).toBe('活动已结束，不能再修改设置');
    expect((await auditOf(c.id)).map((r) => r.action)).toEqual([
      'campaign.closed',
      'campaign.published',
      'campaign.created',
    ]);
  });

  it('only managers may publish or close (403), 404 when missing, 400 for a malformed id', async () => {
    const c = await draft();
    expect((await s.supervisor.post(`/api/campaigns/${c.id}/publish`)).statusCode).toBe(403);
    expect((await s.eduUnitAdmin.post(`/api/campaigns/${c.id}/publish`)).statusCode).toBe(403);
    await s.cityOrganiser.post(`/api/campaigns/${c.id}/publish`);
    expect((await s.eduUnitAdmin.post(`/api/campaigns/${c.id}/close`)).statusCode).toBe(403);
    expect((await s.cityOrganiser.post('/api/campaigns/999999/publish')).statusCode).toBe(404);
    expect((await s.cityOrganiser.post('/api/campaigns/999999/close')).statusCode).toBe(404);
    expect((await s.cityOrganiser.post('/api/campaigns/0/close')).statusCode).toBe(400);
    expect((await t.anonymous.post(`/api/campaigns/${c.id}/publish`)).statusCode).toBe(401);
  });
});

describe('copying last year’s campaign', () => {
  it('makes a draft copy with 「（副本）」, linked to its source, dates unchanged', async () => {
    const c = await draft('2026年千名支部书记微宣讲');
    await s.cityOrganiser.post(`/api/campaigns/${c.id}/publish`);
    await s.cityOrganiser.post(`/api/campaigns/${c.id}/close`);
    const res = await s.cityOrganiser.post(`/api/campaigns/${c.id}/copy`, {});
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      title: '2026年千名支部书记微宣讲（副本）',
      status: 'draft',
      copiedFromId: c.id,
      presetKey: 'yueyang',
    });
    expect(res.json().settings.startsOn).toBe(c.settings.startsOn);
    expect((await auditOf(res.json().id)).map((r) => r.action)).toEqual(['campaign.copied']);
  });

  it('moves the dates (and the year in the title) by whole years, or takes a new title', async () => {
    const c = await draft('2026年千名支部书记微宣讲');
    const next = await s.cityOrganiser.post(`/api/campaigns/${c.id}/copy`, { shiftYears: 1 });
    expect(next.json().title).toBe('2027年千名支部书记微宣讲（副本）');
    expect(next.json().settings.stages[2]).toMatchObject({
      startsOn: '2027-09-01',
      submissionDeadline: '2027-09-15',
    });
    const named = await s.cityOrganiser.post(`/api/campaigns/${c.id}/copy`, {
      title: '2027年微宣讲',
      shiftYears: 1,
    });
    expect(named.json().title).toBe('2027年微宣讲');
    expect((await s.cityOrganiser.post(`/api/campaigns/${c.id}/copy`, { shiftYears: 1.5 })).statusCode).toBe(
      400,
    );
  });

  it('into another organiser’s own org through POST /api/campaigns, with their subtree taking part', async () => {
    const c = await createCampaign(s.cityOrganiser, {
      organiserOrgId: s.city.id,
      settings: { ...(await draft()).settings, title: '市级活动', participatingOrgIds: [s.finance.id] },
    });
    const hidden = await s.eduOrganiser.post('/api/campaigns', {
      organiserOrgId: s.edu.id,
      copyFromId: c.id,
    });
    expect(hidden.statusCode).toBe(403);
    await s.cityOrganiser.post(`/api/campaigns/${c.id}/publish`);
    // Published to the finance bureau only: the education organiser still cannot see it.
    expect(
      (await s.eduOrganiser.post('/api/campaigns', { organiserOrgId: s.edu.id, copyFromId: c.id }))
        .statusCode,
    ).toBe(403);
    const own = await createCampaign(s.cityOrganiser, {
      organiserOrgId: s.edu.id,
      copyFromId: c.id,
      shiftYears: 1,
    });
    expect(own).toMatchObject({
      organiserOrgId: s.edu.id,
      copiedFromId: c.id,
      settings: { participatingOrgIds: [], startsOn: '2027-07-13' },
    });
    expect(
      (await s.cityOrganiser.post('/api/campaigns', { organiserOrgId: s.city.id, copyFromId: '999999' }))
        .statusCode,
    ).toBe(404);
  });

  it('403 for those who may not organise the source’s org, 404 when missing', async () => {
    const c = await draft();
    expect((await s.supervisor.post(`/api/campaigns/${c.id}/copy`, {})).statusCode).toBe(403);
    await s.cityOrganiser.post(`/api/campaigns/${c.id}/publish`);
    expect((await s.eduOrganiser.post(`/api/campaigns/${c.id}/copy`, {})).statusCode).toBe(403);
    expect((await s.cityOrganiser.post('/api/campaigns/999999/copy', {})).statusCode).toBe(404);
    expect((await t.anonymous.post(`/api/campaigns/${c.id}/copy`, {})).statusCode).toBe(401);
  });
});
