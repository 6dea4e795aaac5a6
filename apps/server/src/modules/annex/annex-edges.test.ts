import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { AnnexSubmissions, CampaignSettings } from '@jiangtai/contracts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { coverageCampaign } from '../coverage/test-coverage-support.ts';
import { dashboardScene, type DashboardScene } from '../dashboard/test-dashboard-scene.ts';

/** The annex tables against the wrong submitter and out-of-scope orgs. */
let t: TestContext;
let s: DashboardScene;
let c: Awaited<ReturnType<DashboardScene['dashboardOthers']>>;
beforeAll(async () => {
  t = await createTestContext({ env: { LOG_LEVEL: 'error' } });
  s = await dashboardScene(t, 'anxe');
  c = await s.dashboardOthers();
});
afterAll(async () => t.close());

const OUT_OF_SCOPE = '组织不存在、未参加此活动或不在您的查看范围内';

describe('annex edges', () => {
  it("403: a county's admin cannot submit a township's table for it; the township stays 未报送", async () => {
    const res = await c.jiaAdmin.post('/api/annex/submissions', {
      campaignId: s.campaignId,
      orgId: s.town.id,
      note: '',
    });
    expect(res.statusCode, res.body).toBe(403);
    const view = await c.jiaAdmin.get(`/api/annex/submissions?campaignId=${s.campaignId}&orgId=${s.jia.id}`);
    expect(view.json<AnnexSubmissions>().children).toEqual([
      expect.objectContaining({ org: { id: s.town.id, name: '东镇' }, latest: null, count: 0 }),
    ]);
    const town = await c.jiaAdmin.get(`/api/annex/submissions?campaignId=${s.campaignId}&orgId=${s.town.id}`);
    expect(town.json<AnnexSubmissions>()).toMatchObject({ canSubmit: false, canRemind: true });
    // Its own table the county submits; the platform admin above may submit any.
    const own = await c.jiaAdmin.post('/api/annex/submissions', {
      campaignId: s.campaignId,
      orgId: s.jia.id,
      note: '',
    });
    expect(own.statusCode, own.body).toBe(201);
    const count = await t.db.selectFrom('annex_submissions').select('org_id').execute();
    expect(count.map((r) => r.org_id)).toEqual([s.jia.id]);
  });

  it('404: an org outside the scope reads one plain sentence (annex, dashboard, coverage)', async () => {
    for (const url of [
      `/api/annex/activity?campaignId=${s.campaignId}&orgId=${s.yi.id}`,
      `/api/campaigns/${s.campaignId}/dashboard?orgId=${s.yi.id}`,
      `/api/campaigns/${s.campaignId}/coverage?orgId=${s.yi.id}`,
    ]) {
      const res = await c.jiaAdmin.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json<{ detail: string }>().detail, url).toBe(OUT_OF_SCOPE);
    }
    const remind = await c.yiAdmin.post(`/api/campaigns/${s.campaignId}/dashboard/reminders`, {
      orgId: s.b2.id,
      measure: 'plans',
    });
    expect(remind.statusCode).toBe(404);
    expect(remind.json<{ detail: string }>().detail).toBe(OUT_OF_SCOPE);
  });

  it('409: a draft campaign sends no annex reminders and takes no submissions (its units cannot open it)', async () => {
    const draft = await coverageCampaign(t, s.city, [], 'draft');
    const notices = async () =>
      Number(
        (
          await t.db
            .selectFrom('user_notices')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await notices();
    const remind = await s.admin.post('/api/annex/reminders', { campaignId: draft, orgId: s.city.id });
    expect(remind.statusCode, remind.body).toBe(409);
    expect(remind.json<{ detail: string }>().detail).toBe('活动尚未发布，不能催报');
    expect(await notices()).toBe(before);
    // The county's admin of the draft would be refused the page the notice links to.
    expect(
      (await c.jiaAdmin.get(`/api/annex/submissions?campaignId=${draft}&orgId=${s.jia.id}`)).statusCode,
    ).toBe(403);
    const submit = await s.admin.post('/api/annex/submissions', {
      campaignId: draft,
      orgId: s.jia.id,
      note: '',
    });
    expect(submit.statusCode, submit.body).toBe(409);
    expect(
      await t.db.selectFrom('annex_submissions').select('id').where('campaign_id', '=', draft).execute(),
    ).toEqual([]);
  });

  it('200: sheet names from odd stage and org names stay valid (no : / left in, no half emoji)', async () => {
    const sheets = async (url: string) => {
      const res = await s.admin.get(url);
      expect(res.statusCode, res.body).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      return wb.worksheets.map((w) => w.name);
    };
    const id = await coverageCampaign(t, s.city);
    const row = await t.db
      .selectFrom('campaigns')
      .select('settings')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const settings = row.settings as CampaignSettings;
    const [one, two] = settings.stages;
    const odd: CampaignSettings = {
      ...settings,
      stages: settings.stages.map((x) =>
        x.key === one!.key
          ? { ...x, name: '初赛:笔试' }
          : x.key === two!.key
            ? { ...x, name: '初赛/笔试' }
            : x,
      ),
      rubrics: [
        { ...settings.rubrics[0]!, stageKey: one!.key },
        { ...settings.rubrics[0]!, stageKey: two!.key },
      ],
    };
    await t.db
      .updateTable('campaigns')
      .set({ settings: JSON.stringify(odd) as never })
      .where('id', '=', id)
      .execute();
    expect(await sheets(`/api/annex/rubric/export?campaignId=${id}`)).toEqual(['初赛笔试', '初赛笔试2']);

    await t.db
      .updateTable('orgs')
      .set({ name: `${'长'.repeat(27)}😀尾` })
      .where('id', '=', s.yi.id)
      .execute();
    await t.db
      .insertInto('speaker_pools')
      .values({ org_id: s.yi.id, org_path: s.yi.path, name: '乙县库' })
      .execute();
    try {
      const names = await sheets(`/api/annex/pool/export?campaignId=${id}&orgId=${s.yi.id}`);
      expect(names).toEqual(['长'.repeat(27)]);
    } finally {
      await t.db.updateTable('orgs').set({ name: '乙县' }).where('id', '=', s.yi.id).execute();
    }
  });
});
