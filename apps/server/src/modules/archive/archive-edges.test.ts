import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveTimeline } from '@jiangtai/contracts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { coverageCampaign } from '../coverage/test-coverage-support.ts';
import { readZip } from '../reviews/zip-read.ts';
import { archiveScene } from './test-archive-scene.ts';

/** The archive against odd input: long titles with emoji, returned plans, campaigns the org is not in. */
let t: TestContext;
let s: Awaited<ReturnType<typeof archiveScene>>;
let o: Awaited<ReturnType<Awaited<ReturnType<typeof archiveScene>>['others']>>;
beforeAll(async () => {
  t = await createTestContext({ env: { LOG_LEVEL: 'error' } });
  s = await archiveScene(t, 'arx');
  o = await s.others();
});
afterAll(async () => t.close());

const q = (orgId: string, campaignId = s.campaignId) => `orgId=${orgId}&campaignId=${campaignId}`;

describe('archive edges', () => {
  it('200: a returned plan is not in the timeline, the zip or the summary (it is not filed)', async () => {
    const plans = async () =>
      (await s.admin.get(`/api/archive/timeline?${q(s.city.id)}&category=plan`)).json<ArchiveTimeline>()
        .items;
    expect(await plans()).toHaveLength(1);
    await t.db
      .updateTable('lecture_plans')
      .set({ status: 'returned' })
      .where('campaign_id', '=', s.campaignId)
      .execute();
    try {
      expect(await plans()).toEqual([]);
      const zip = await s.admin.get(`/api/archive/zip?${q(s.jia.id)}`);
      expect(zip.statusCode, zip.body).toBe(200);
      const names = readZip(zip.rawPayload).map((m) => m.name);
      expect(names.some((n) => n.includes('宣讲计划'))).toBe(false);
    } finally {
      await t.db
        .updateTable('lecture_plans')
        .set({ status: 'submitted' })
        .where('campaign_id', '=', s.campaignId)
        .execute();
    }
  });

  it('404: an org that does not take part in the campaign has no archive of it', async () => {
    const yiOnly = await coverageCampaign(t, s.yi);
    const res = await o.jiaAdmin.get(`/api/archive/timeline?${q(s.jia.id, yiOnly)}`);
    expect(res.statusCode, res.body).toBe(404);
    expect(res.json<{ detail: string }>().detail).toBe('该组织未参加此活动');
    expect((await o.jiaAdmin.get(`/api/archive/zip?${q(s.jia.id, yiOnly)}`)).statusCode).toBe(404);
    // The city above the taking-part county reads it.
    expect((await s.admin.get(`/api/archive/timeline?${q(s.city.id, yiOnly)}`)).statusCode).toBe(200);
  });

  it('200: a long title ending in an emoji still names the zip and the summary (cut by characters)', async () => {
    const before = await t.db
      .selectFrom('campaigns')
      .select('title')
      .where('id', '=', s.campaignId)
      .executeTakeFirstOrThrow();
    // 79 characters, an emoji, one more: a cut at 80 UTF-16 units would keep half of the emoji.
    const title = `${'长'.repeat(79)}😀尾`;
    await t.db.updateTable('campaigns').set({ title }).where('id', '=', s.campaignId).execute();
    await t.db
      .updateTable('orgs')
      .set({ name: `../${'县'.repeat(78)}.` })
      .where('id', '=', s.jia.id)
      .execute();
    try {
      const zip = await s.admin.get(`/api/archive/zip?${q(s.city.id)}`);
      expect(zip.statusCode, zip.body).toBe(200);
      const disposition = String(zip.headers['content-disposition']);
      expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe(
        `市委-${'长'.repeat(79)}😀-活动档案.zip`,
      );
      const names = readZip(zip.rawPayload).map((m) => m.name);
      expect(names.every((n) => !n.split('/').includes('..') && !n.includes('\ufffd'))).toBe(true);
      expect(names.some((n) => n.startsWith(`_${'县'.repeat(78)}/`))).toBe(true);
      const docx = await s.admin.get(`/api/archive/summary.docx?${q(s.city.id)}`);
      expect(docx.statusCode, docx.body).toBe(200);
    } finally {
      await t.db
        .updateTable('campaigns')
        .set({ title: before.title })
        .where('id', '=', s.campaignId)
        .execute();
      await t.db.updateTable('orgs').set({ name: '甲县' }).where('id', '=', s.jia.id).execute();
    }
  });
});
