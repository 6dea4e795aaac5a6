import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysBetween, stageDescriptionDateIssues, type CampaignSettings } from '@jiangtai/contracts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { buildPresetSettings } from './presets.ts';
import { demoSeason } from '../demo/campaigns.ts';
import { campaignScene, createCampaign, type CampaignScene } from './test-scene.ts';

/**
 * Campaign dates a newcomer trips over. The test clock stands at 2026-07-01 (Beijing): a preset dated
 * in its notice's July–December would still fit, so the tests pick start days that make the
 * difference visible.
 */

let t: TestContext;
let s: CampaignScene;

beforeAll(async () => {
  t = await createTestContext();
  s = await campaignScene(t);
});
afterAll(async () => t.close());

interface Detail {
  id: string;
  title: string;
  status: string;
  settings: CampaignSettings;
  updatedAt: string;
  warnings: { code: string; path: string; message: string }[];
}

const auditOf = async (id: string) =>
  (await s.admin.get(`/api/audit?entityType=campaign&entityId=${id}`)).json<{
    items: { action: string; before: unknown; after: unknown }[];
  }>().items;

/** A campaign with a name of its own (unless one is given), so only the name tests see duplicates. */
let made = 0;
const preset = async (body: Record<string, unknown>) =>
  (await createCampaign(s.cityOrganiser, {
    organiserOrgId: s.city.id,
    title: `日期测试活动 ${++made}`,
    ...body,
  })) as unknown as Detail;

/** Stage lengths and gaps from the campaign start, which a re-dated preset must keep. */
const shape = (c: CampaignSettings) =>
  c.stages.map((st) => [daysBetween(c.startsOn, st.startsOn), daysBetween(st.startsOn, st.endsOn)]);

describe('a preset dates itself from the day it is created', () => {
  it('starts today by default, keeping the notice’s order and stage lengths', async () => {
    // The 岳阳 notice starts on 13 July: dated in its own year it would not start today.
    const c = await preset({ presetKey: 'yueyang' });
    expect(c.settings.startsOn).toBe('2026-07-01');
    expect(shape(c.settings)).toEqual(shape(buildPresetSettings('yueyang')));
  });

  it('starts on a given day, even one that crosses into next year', async () => {
    const c = await preset({ presetKey: 'jiaozuo', startsOn: '2026-12-06' });
    expect(c.settings.startsOn).toBe('2026-12-06');
    expect(c.settings.stages.map((st) => st.key)).toEqual(
      buildPresetSettings('jiaozuo').stages.map((st) => st.key),
    );
    expect(c.settings.stages[1]).toMatchObject({ startsOn: '2026-12-21', endsOn: '2027-02-05' });
    expect(shape(c.settings)).toEqual(shape(buildPresetSettings('jiaozuo')));
    expect(c.settings.endsOn).toBe('2027-06-07');
  });

  it('refuses a start day with a copy or together with a year, and a day that does not exist', async () => {
    const bad = [
      { presetKey: 'jiaozuo', startsOn: '2026-02-30' },
      { presetKey: 'jiaozuo', startsOn: '2026-12-06', year: 2026 },
      { copyFromId: '1', startsOn: '2026-12-06' },
    ];
    for (const body of bad) {
      const res = await s.cityOrganiser.post('/api/campaigns', { organiserOrgId: s.city.id, ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().detail).toMatch(/日期/);
    }
  });
});

describe('stage descriptions name the configured dates', () => {
  it('a re-dated preset’s descriptions name its own days, not the notice’s', async () => {
    const c = await preset({ presetKey: 'yueyang', startsOn: '2026-12-06' });
    const semifinal = c.settings.stages.find((st) => st.key === 'semifinal')!;
    const final = c.settings.stages.find((st) => st.key === 'final')!;
    expect(semifinal.submissionDeadline).toBe('2027-02-08');
    expect(semifinal.description).toMatch(/^2月8日前，推荐单位报送/);
    expect(semifinal.description).not.toContain('9月15日');
    expect(final.description).toMatch(/^3月6日至3月26日举行决赛/);
    expect(c.warnings).toEqual([]);
  });

  it('warns, naming stage and words, when a description and the configured date disagree', async () => {
    const c = await preset({ presetKey: 'yueyang', year: 2026 });
    const stages = c.settings.stages.map((st) =>
      st.key === 'semifinal' ? { ...st, submissionDeadline: '2026-09-20' } : st,
    );
    const res = await s.cityOrganiser.put(`/api/campaigns/${c.id}`, { settings: { ...c.settings, stages } });
    expect(res.statusCode).toBe(200);
    expect(res.json<Detail>().warnings).toEqual([
      {
        code: 'description_date',
        path: 'stages.2.description',
        message:
          '「复赛」的说明写着「9月15日」，与该阶段设置的日期（2026年9月1日至2026年9月30日，报送截止2026年9月20日）不一致，请修改说明或日期',
      },
    ]);
    // Seen by managers only: a supervisor reads the campaign without the to-do list.
    expect((await s.supervisor.get(`/api/campaigns/${c.id}`)).json<Detail>().warnings).toEqual([]);
  });

  it('the demo’s campaigns, moved to run now, name their own days too', () => {
    for (const key of ['yueyang', 'jiaozuo'] as const) {
      const season = demoSeason(buildPresetSettings(key, { year: 2026 }), '2026-12-06');
      expect(season.startsOn, key).not.toBe(buildPresetSettings(key, { year: 2026 }).startsOn);
      expect(stageDescriptionDateIssues(season.stages), key).toEqual([]);
    }
  });

  it('understands parts of months (「10月中下旬」) and leaves agreeing dates alone', () => {
    const stage = { ...buildPresetSettings('yueyang', { year: 2026 }).stages[3]! };
    const check = (description: string, startsOn = '2026-10-11', endsOn = '2026-10-31') =>
      stageDescriptionDateIssues([{ ...stage, description, startsOn, endsOn }]).map((i) => i.mention);
    expect(check('10月中下旬举行决赛')).toEqual([]);
    expect(check('10月中下旬举行决赛', '2026-12-01', '2026-12-20')).toEqual(['10月中下旬']);
    expect(check('10月上旬举行决赛')).toEqual(['10月上旬']);
    expect(check('10月底前、11月初举行', '2026-10-25', '2026-11-05')).toEqual([]);
    expect(check('12月下旬至1月上旬', '2026-12-21', '2027-01-10')).toEqual([]);
    expect(check('10月31日前报送，10月30号公布')).toEqual(['10月30号']);
  });
});

describe('整体顺延 / 提前 N 天', () => {
  it('moves every stage date and deadline of a draft by N days, logged, descriptions along', async () => {
    const c = await preset({ presetKey: 'yueyang', year: 2026 });
    const res = await s.cityOrganiser.post(`/api/campaigns/${c.id}/shift-dates`, {
      days: 30,
      updatedAt: c.updatedAt,
    });
    expect(res.statusCode).toBe(200);
    const moved = res.json<Detail>().settings;
    expect(moved.startsOn).toBe('2026-08-12');
    expect(moved.endsOn).toBe('2026-11-30');
    expect(moved.stages.map((st) => [st.startsOn, st.endsOn, st.submissionDeadline])).toEqual(
      c.settings.stages.map((st) => [
        shift(st.startsOn, 30),
        shift(st.endsOn, 30),
        st.submissionDeadline ? shift(st.submissionDeadline, 30) : null,
      ]),
    );
    expect(moved.stages[2]!.description).toMatch(/^10月15日前/);
    // 「10月中下旬」 became 「10月11日至10月31日」 when the preset was built, so it moved too.
    expect(res.json<Detail>().warnings).toEqual([]);
    const [row] = await auditOf(c.id);
    expect(row).toMatchObject({
      action: 'campaign.dates_shifted',
      before: { startsOn: '2026-07-13', endsOn: '2026-10-31' },
      after: { startsOn: '2026-08-12', endsOn: '2026-11-30', days: 30 },
    });
    const back = await s.cityOrganiser.post(`/api/campaigns/${c.id}/shift-dates`, { days: -30 });
    expect(back.json<Detail>().settings).toEqual(c.settings);
  });

  it('refuses 0, fractions, more than a year, a stale page and a closed campaign; nothing changes', async () => {
    const c = await preset({ presetKey: 'yueyang', year: 2026 });
    const url = `/api/campaigns/${c.id}/shift-dates`;
    for (const days of [0, 1.5, 400, -400, '7']) {
      const res = await s.cityOrganiser.post(url, { days });
      expect(res.statusCode, String(days)).toBe(400);
    }
    expect((await s.cityOrganiser.post(url, {})).json().detail).toContain('天数');
    const stale = await s.cityOrganiser.post(url, { days: 3, updatedAt: '2020-01-01T00:00:00.000Z' });
    expect(stale.statusCode).toBe(409);
    expect((await s.eduUnitAdmin.post(url, { days: 3 })).statusCode).toBe(403);
    expect((await s.supervisor.post(url, { days: 3 })).statusCode).toBe(403);
    await s.cityOrganiser.post(`/api/campaigns/${c.id}/publish`);
    await s.cityOrganiser.post(`/api/campaigns/${c.id}/close`);
    const closed = await s.cityOrganiser.post(url, { days: 3 });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().detail).toBe('活动已结束，不能再调整日期');
    const now = (await s.cityOrganiser.get(`/api/campaigns/${c.id}`)).json<Detail>();
    expect(now.settings).toEqual(c.settings);
    expect((await auditOf(c.id)).map((r) => r.action)).not.toContain('campaign.dates_shifted');
  });

  it('a published campaign moves only while no stage has ended, or would end, before today', async () => {
    const running = await preset({ presetKey: 'yueyang' });
    await s.cityOrganiser.post(`/api/campaigns/${running.id}/publish`);
    const url = `/api/campaigns/${running.id}/shift-dates`;
    const early = await s.cityOrganiser.post(url, { days: -20 });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toContain('「启动」阶段将在今天（2026年7月1日）之前结束');
    expect((await s.cityOrganiser.post(url, { days: 14 })).statusCode).toBe(200);

    const begun = await preset({ presetKey: 'yueyang', startsOn: '2026-05-01' });
    await s.cityOrganiser.post(`/api/campaigns/${begun.id}/publish`, { confirmPastStages: true });
    const res = await s.cityOrganiser.post(`/api/campaigns/${begun.id}/shift-dates`, { days: 60 });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('「启动」「初赛」阶段已结束，已发布的活动不能整体移动日期');
    expect((await s.cityOrganiser.get(`/api/campaigns/${begun.id}`)).json<Detail>().settings).toEqual(
      begun.settings,
    );
  });
});

describe('publishing with a contest stage already over', () => {
  it('asks first (409 naming the stages), publishes once confirmed', async () => {
    const c = await preset({ presetKey: 'jiaozuo', startsOn: '2026-04-01' });
    expect(c.warnings.map((w) => w.code)).toEqual(['stage_past']);
    const url = `/api/campaigns/${c.id}/publish`;
    const first = await s.cityOrganiser.post(url);
    expect(first.statusCode).toBe(409);
    expect(first.json()).toMatchObject({
      code: 'STAGE_PAST',
      stages: [{ key: 'local_contest', name: '县市区、市直单位微型党课比赛', endsOn: '2026-06-01' }],
    });
    expect(first.json().detail).toMatch(
      /^「县市区、市直单位微型党课比赛」阶段已结束（县市区、市直单位微型党课比赛2026年6月1日结束）/,
    );
    expect((await s.cityOrganiser.get(`/api/campaigns/${c.id}`)).json().status).toBe('draft');
    expect((await s.cityOrganiser.post(url, { confirmPastStages: false })).statusCode).toBe(409);
    const confirmed = await s.cityOrganiser.post(url, { confirmPastStages: true });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'published' });
    // Past stages of a published campaign are its history, not a warning.
    expect(confirmed.json<Detail>().warnings).toEqual([]);
    const [row] = await auditOf(c.id);
    expect(row).toMatchObject({
      action: 'campaign.published',
      after: { pastStagesConfirmed: ['local_contest'] },
    });
  });

  it('publishes without asking when every contest stage is still ahead', async () => {
    const c = await preset({ presetKey: 'jiaozuo' });
    expect((await s.cityOrganiser.post(`/api/campaigns/${c.id}/publish`)).statusCode).toBe(200);
  });
});

describe('two campaigns with the same name', () => {
  it('warns (not refuses) on creating or renaming to a name the organiser can already see', async () => {
    const first = await preset({ presetKey: 'yueyang', title: '2026年同名测试活动' });
    expect(first.warnings).toEqual([]);
    const second = await preset({ presetKey: 'jiaozuo', title: '2026年同名测试活动' });
    expect(second.warnings).toEqual([
      {
        code: 'duplicate_title',
        path: 'title',
        message: '已有同名活动：「2026年同名测试活动」（演示市委，草稿），容易混淆，建议改名',
      },
    ]);
    expect((await s.cityOrganiser.get(`/api/campaigns/${first.id}`)).json<Detail>().warnings).toHaveLength(1);

    const renamed = await s.cityOrganiser.put(`/api/campaigns/${second.id}`, {
      settings: { ...second.settings, title: '2026年另一个活动' },
    });
    expect(renamed.json<Detail>().warnings).toEqual([]);
    const back = await s.cityOrganiser.put(`/api/campaigns/${second.id}`, {
      settings: { ...second.settings, title: '2026年同名测试活动' },
    });
    expect(back.statusCode).toBe(200);
    expect(back.json<Detail>().warnings.map((w) => w.code)).toEqual(['duplicate_title']);
  });

  it('does not warn about a campaign outside the organiser’s view (another unit’s draft)', async () => {
    await preset({ presetKey: 'yueyang', title: '2026年只在市委可见' });
    const edu = (await createCampaign(s.eduOrganiser, {
      organiserOrgId: s.edu.id,
      presetKey: 'yueyang',
      title: '2026年只在市委可见',
    })) as unknown as Detail;
    expect(edu.warnings).toEqual([]);
  });
});

function shift(date: string, days: number) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
