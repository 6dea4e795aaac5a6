import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { login, screenshot, useJourney } from './support/browser.ts';
import { apiAs, okJson } from './support/api.ts';

const j = useJourney();

interface Stage {
  name: string;
  startsOn: string;
  endsOn: string;
}

/** 2026-08-25 → 2026年8月25日, the date pickers' format. */
const chineseDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/** Types a date into an antd date picker and confirms it with Enter, as a keyboard user would. */
async function typeDate(input: Locator, iso: string) {
  await input.click();
  await input.fill(chineseDate(iso));
  await input.press('Enter');
}

describe('an organiser creates a campaign from the 岳阳 preset and edits a stage date', () => {
  let campaignUrl = '';
  let preliminary: Stage;

  it('creates the campaign from the preset in two clicks', async () => {
    await login(j.page, 'organiser');
    await j.page.goto('/campaigns');
    await j.page.getByTestId('campaign-list').first().waitFor();
    await j.page.getByRole('button', { name: /新建活动/ }).click();
    await j.page.waitForURL(/\/campaigns\/new$/);
    await j.page.getByRole('radio', { name: /岳阳方案/ }).check();
    await j.page.getByRole('button', { name: /创建活动/ }).click();
    await j.page.waitForURL(/\/campaigns\/\d+$/);
    campaignUrl = new URL(j.page.url()).pathname;

    await j.page.getByTestId('campaign-timeline').waitFor();
    const timeline = await j.page.getByTestId('campaign-timeline').innerText();
    for (const stage of ['启动', '初赛', '复赛', '决赛']) expect(timeline).toContain(stage);
    expect(await j.page.getByText('草稿').first().isVisible()).toBe(true);

    const api = await apiAs(j.context.request);
    const campaign = await okJson<{ settings: { stages: Stage[] } }>(await api.get(`/api${campaignUrl}`));
    preliminary = campaign.settings.stages[1]!;
    expect(preliminary.name).toBe('初赛');
  });

  it('names the field when the end date is put before the start date, and saves nothing', async () => {
    await j.page.getByRole('button', { name: /编\s*辑/ }).click();
    await j.page.waitForURL(/\/edit$/);
    const end = j.page.getByLabel('第 2 个阶段的结束日期');
    const tooEarly = shiftDays(preliminary.startsOn, -3);
    await typeDate(end, tooEarly);
    await j.page.getByRole('button', { name: /保\s*存/ }).click();
    const issues = j.page.getByTestId('settings-issues');
    await issues.waitFor();
    const text = await issues.innerText();
    expect(text).toContain('结束日期');
    expect(text).toContain('早于开始日期');
    expect(text).toContain('第 2 个阶段的结束日期');
    await screenshot(j.page, 'campaign-stage-date-invalid');

    const api = await apiAs(j.context.request);
    const stored = await okJson<{ settings: { stages: Stage[] } }>(await api.get(`/api${campaignUrl}`));
    expect(stored.settings.stages[1]!.endsOn).toBe(preliminary.endsOn);
  });

  it('saves a valid end date and shows it on the timeline', async () => {
    const newEnd = shiftDays(preliminary.endsOn, -6);
    await typeDate(j.page.getByLabel('第 2 个阶段的结束日期'), newEnd);
    // The list of problems follows the edit: fixed, it disappears.
    await expect.poll(() => j.page.getByTestId('settings-issues').count()).toBe(0);
    await j.page.getByRole('button', { name: /保\s*存/ }).click();
    await j.page.waitForURL((url) => url.pathname === campaignUrl);
    const [, m, d] = newEnd.split('-').map(Number);
    await j.page.getByTestId('campaign-timeline').getByText(`${m}月${d}日`).first().waitFor();
    await screenshot(j.page, 'campaign-stage-date-saved');

    const api = await apiAs(j.context.request);
    const stored = await okJson<{ settings: { stages: Stage[] } }>(await api.get(`/api${campaignUrl}`));
    expect(stored.settings.stages[1]!.endsOn).toBe(newEnd);
  });
});

function shiftDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
