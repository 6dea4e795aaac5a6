import { describe, expect, it } from 'vitest';
import { login, useJourney } from './support/browser.ts';
import { expectFitsPhone } from './support/phone.ts';
import { pickOption } from './support/select.ts';
import { apiAs, okJson } from './support/api.ts';

/**
 * 活动档案 on a 390×844 phone: the 教育局 unit admin opens it from the demo's 岳阳-style campaign page
 * (活动档案 in 支部宣讲), reads the unit's season (宣讲记录 among it), filters to 宣讲记录 and downloads the 活动总结
 * draft; the zip is a plain link the browser saves to disk.
 */
const j = useJourney({ mobile: true });

describe('活动档案', () => {
  it('the unit admin reads the timeline, filters it and downloads the summary draft', async () => {
    await login(j.page, 'unitadmin');
    const api = await apiAs(j.page.request);
    const { items } = await okJson<{ items: { id: string; title: string }[] }>(
      await api.get('/api/campaigns'),
    );
    const campaign = items.find((c) => c.title.includes('大学习 走在前'))!;
    await j.page.goto(`/campaigns/${campaign.id}`);
    await j.page.getByRole('button', { name: '活动档案' }).click();
    await j.page.getByRole('heading', { name: '活动档案' }).waitFor();
    expect(new URL(j.page.url()).searchParams.get('campaign')).toBe(campaign.id);
    const timeline = j.page.getByTestId('archive-timeline');
    await timeline.waitFor();
    expect(await timeline.innerText()).toContain('宣讲记录');
    await expectFitsPhone(j.page, 'timeline', { shot: 'archive-timeline' });

    await pickOption(j.page, j.page.getByLabel('类别'), '宣讲记录');
    await j.page.getByTestId('archive-timeline').getByText('宣讲记录').first().waitFor();
    const tags = await timeline.locator('.ant-tag').allInnerTexts();
    expect(new Set(tags)).toEqual(new Set(['宣讲记录']));

    const zip = j.page.getByRole('link', { name: /下载档案/ });
    expect(await zip.getAttribute('href')).toMatch(/^\/api\/archive\/zip\?orgId=\d+&campaignId=\d+$/);
    const [download] = await Promise.all([
      j.page.waitForEvent('download'),
      j.page.getByRole('button', { name: /下载活动总结草稿/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/活动总结（草稿）\.docx$/);
  });
});
