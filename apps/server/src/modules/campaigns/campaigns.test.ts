import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { buildPresetSettings } from './presets.ts';
import { campaignScene, createCampaign, type CampaignScene } from './test-scene.ts';

let t: TestContext;
let s: CampaignScene;

beforeAll(async () => {
  t = await createTestContext();
  s = await campaignScene(t);
});
afterAll(async () => t.close());

describe('presets', () => {
  it('lists both seeds for those who may create campaigns', async () => {
    const res = await s.cityOrganiser.get('/api/campaign-presets');
    expect(res.statusCode).toBe(200);
    expect(res.json().map((p: { key: string }) => p.key)).toEqual(['yueyang', 'jiaozuo']);
    expect(res.json()[0].title).toContain('千名支部书记微宣讲');
    expect((await s.eduMember.get('/api/campaign-presets')).statusCode).toBe(403);
    expect((await t.anonymous.get('/api/campaign-presets')).statusCode).toBe(401);
  });
});

describe('creating a campaign', () => {
  it('from a preset, starting today by default, as a draft with a timeline', async () => {
    const res = await s.cityOrganiser.post('/api/campaigns', {
      organiserOrgId: s.city.id,
      presetKey: 'yueyang',
    });
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({
      status: 'draft',
      presetKey: 'yueyang',
      organiserOrgName: '演示市委',
      copiedFromId: null,
      canEdit: true,
    });
    expect(c.settings.startsOn).toBe('2026-07-01');
    expect(c.timeline.map((x: { state: string }) => x.state)).toEqual([
      'current',
      'upcoming',
      'upcoming',
      'upcoming',
    ]);
    const log = await s.admin.get(`/api/audit?entityType=campaign&entityId=${c.id}`);
    expect(log.json().items.map((r: { action: string }) => r.action)).toEqual(['campaign.created']);
  });

  it('from a preset for a given year and title', async () => {
    const c = await createCampaign(s.cityOrganiser, {
      organiserOrgId: s.city.id,
      presetKey: 'jiaozuo',
      year: 2020,
      title: '2020年微型党课系列活动',
    });
    expect(c.title).toBe('2020年微型党课系列活动');
    expect(c.settings.startsOn).toBe('2020-07-01');
  });

  it('from full settings', async () => {
    const settings = {
      ...buildPresetSettings('jiaozuo', { year: 2026 }),
      title: '自定义活动',
      participatingOrgIds: [s.edu.id],
    };
    const c = await createCampaign(s.admin, { organiserOrgId: s.city.id, settings });
    expect(c).toMatchObject({
      title: '自定义活动',
      presetKey: null,
      participatingOrgs: [{ id: s.edu.id, name: '市教育局' }],
    });
  });

  it('refuses invalid settings with 422 and every issue at its field', async () => {
    const settings = buildPresetSettings('yueyang', { year: 2026 });
    settings.rubrics[0]!.criteria[0]!.max = 35;
    settings.stages[2]!.endsOn = '2026-08-15';
    const res = await s.cityOrganiser.post('/api/campaigns', { organiserOrgId: s.city.id, settings });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('INVALID_SETTINGS');
    expect(body.issues).toContainEqual({
      path: 'rubrics.0.total',
      message: '「复赛」评分标准各项满分之和为 95，应等于总分 100',
    });
    expect(body.issues.map((i: { path: string }) => i.path)).toContain('stages.2.endsOn');
    expect(body.detail).toBe(body.issues[0].message);
    const unknownOrg = { ...buildPresetSettings('yueyang'), participatingOrgIds: ['999999'] };
    const res2 = await s.cityOrganiser.post('/api/campaigns', {
      organiserOrgId: s.city.id,
      settings: unknownOrg,
    });
    expect(res2.statusCode).toBe(422);
    expect(res2.json().issues).toEqual([
      { path: 'participatingOrgIds.0', message: '第 1 个参与组织（编号 999999）不存在' },
    ]);
  });

  it('needs exactly one way of creating and well-formed fields (400)', async () => {
    const none = await s.cityOrganiser.post('/api/campaigns', { organiserOrgId: s.city.id });
    expect(none.statusCode).toBe(400);
    const two = await s.cityOrganiser.post('/api/campaigns', {
      organiserOrgId: s.city.id,
      presetKey: 'yueyang',
      settings: {},
    });
    expect(two.statusCode).toBe(400);
    expect(
      (await s.cityOrganiser.post('/api/campaigns', { organiserOrgId: 'abc', presetKey: 'yueyang' }))
        .statusCode,
    ).toBe(400);
    expect(
      (await s.cityOrganiser.post('/api/campaigns', { organiserOrgId: s.city.id, presetKey: 'beijing' }))
        .statusCode,
    ).toBe(400);
    const yearWithSettings = await s.cityOrganiser.post('/api/campaigns', {
      organiserOrgId: s.city.id,
      settings: {},
      year: 2026,
    });
    expect(yearWithSettings.json().issues).toContainEqual({ path: 'year', message: '年份只用于按预设新建' });
    expect(
      (await s.cityOrganiser.post('/api/campaigns', { organiserOrgId: '999999', presetKey: 'yueyang' }))
        .statusCode,
    ).toBe(400);
  });

  it('only for an org the organiser or platform admin holds (403)', async () => {
    const outside = await s.eduOrganiser.post('/api/campaigns', {
      organiserOrgId: s.city.id,
      presetKey: 'yueyang',
    });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().detail).toBe('您不能以「演示市委」的名义组织活动');
    expect(
      (await s.eduUnitAdmin.post('/api/campaigns', { organiserOrgId: s.edu.id, presetKey: 'yueyang' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await s.supervisor.post('/api/campaigns', { organiserOrgId: s.city.id, presetKey: 'yueyang' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await t.anonymous.post('/api/campaigns', { organiserOrgId: s.city.id, presetKey: 'yueyang' }))
        .statusCode,
    ).toBe(401);
  });
});

describe('who sees a campaign', () => {
  it('a draft: organisers, platform admins and supervisors over the organiser org only', async () => {
    const c = await createCampaign(s.cityOrganiser, { organiserOrgId: s.city.id, presetKey: 'yueyang' });
    const url = `/api/campaigns/${c.id}`;
    expect((await s.admin.get(url)).json().canEdit).toBe(true);
    const sup = await s.supervisor.get(url);
    expect(sup.statusCode).toBe(200);
    expect(sup.json().canEdit).toBe(false);
    for (const client of [s.eduOrganiser, s.eduUnitAdmin, s.eduMember, s.judge])
      expect((await client.get(url)).statusCode).toBe(403);
    expect(
      (await s.eduMember.get('/api/campaigns')).json().items.map((i: { id: string }) => i.id),
    ).not.toContain(c.id);
    expect(
      (await s.supervisor.get('/api/campaigns')).json().items.map((i: { id: string }) => i.id),
    ).toContain(c.id);
  });

  it('published: everyone granted inside the participating subtree, and no one outside it', async () => {
    const whole = await createCampaign(s.cityOrganiser, {
      organiserOrgId: s.city.id,
      presetKey: 'yueyang',
      title: '全市活动',
    });
    const eduOnly = await createCampaign(s.cityOrganiser, {
      organiserOrgId: s.city.id,
      settings: {
        ...buildPresetSettings('yueyang', { year: 2026 }),
        title: '教育系统活动',
        participatingOrgIds: [s.edu.id],
      },
    });
    const eduOwn = await createCampaign(s.eduOrganiser, {
      organiserOrgId: s.edu.id,
      presetKey: 'jiaozuo',
      title: '教育局自办活动',
    });
    for (const c of [whole, eduOnly])
      expect((await s.cityOrganiser.post(`/api/campaigns/${c.id}/publish`)).statusCode).toBe(200);
    expect((await s.eduOrganiser.post(`/api/campaigns/${eduOwn.id}/publish`)).statusCode).toBe(200);

    for (const client of [s.eduUnitAdmin, s.eduMember, s.judge, s.eduOrganiser]) {
      expect((await client.get(`/api/campaigns/${whole.id}`)).statusCode).toBe(200);
      expect((await client.get(`/api/campaigns/${eduOnly.id}`)).statusCode).toBe(200);
    }
    expect((await s.financeUnitAdmin.get(`/api/campaigns/${whole.id}`)).statusCode).toBe(200);
    expect((await s.financeUnitAdmin.get(`/api/campaigns/${eduOnly.id}`)).statusCode).toBe(403);
    expect((await s.financeUnitAdmin.get(`/api/campaigns/${eduOwn.id}`)).statusCode).toBe(403);
    // The city supervisor oversees the education bureau's own campaign too.
    expect((await s.supervisor.get(`/api/campaigns/${eduOwn.id}`)).statusCode).toBe(200);

    const titles = async (client: typeof s.admin) =>
      (await client.get('/api/campaigns?status=published'))
        .json()
        .items.map((i: { title: string }) => i.title);
    expect(await titles(s.financeUnitAdmin)).toEqual(['全市活动']);
    expect((await titles(s.eduMember)).sort()).toEqual(['全市活动', '教育局自办活动', '教育系统活动'].sort());
  });

  it('lists with the current stage and filters by status', async () => {
    const c = await createCampaign(s.cityOrganiser, {
      organiserOrgId: s.city.id,
      presetKey: 'jiaozuo',
      title: '进行中的活动',
    });
    const res = await s.cityOrganiser.get('/api/campaigns?status=draft');
    expect(res.statusCode).toBe(200);
    const item = res.json().items.find((i: { id: string }) => i.id === c.id);
    expect(item).toMatchObject({
      status: 'draft',
      startsOn: '2026-07-01',
      endsOn: '2026-12-31',
      currentStage: { key: 'everyone', name: '党员人人上讲台' },
    });
    expect(res.json().items.every((i: { status: string }) => i.status === 'draft')).toBe(true);
    expect((await s.cityOrganiser.get('/api/campaigns?status=open')).statusCode).toBe(400);
    expect((await t.anonymous.get('/api/campaigns')).statusCode).toBe(401);
  });

  it('400 for a malformed id, 404 for a missing campaign', async () => {
    expect((await s.admin.get('/api/campaigns/abc')).statusCode).toBe(400);
    const missing = await s.admin.get('/api/campaigns/999999');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().detail).toBe('活动不存在或已被删除');
    expect((await t.anonymous.get('/api/campaigns/1')).statusCode).toBe(401);
  });
});
