import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { expectAccessible } from './support/a11y.ts';
import { login, newContext, useJourney } from './support/browser.ts';
import { expectFitsPhone, openPhoneMenu as openMenu } from './support/phone.ts';

/**
 * 宣讲计划 on 390×844 phones: the demo branch secretary (account `member`, 书记 of a branch of 市教育局)
 * finds the unit's reminder behind the bell (the demo season left the branch's plan for the 岳阳-style
 * campaign as a late draft), finishes the plan and submits it; the 市教育局 unit admin returns it with a
 * reason; the secretary sees the notice behind the bell, fixes the plan and submits again; the unit
 * admin accepts it, and 计划填报情况 shows the branch as 已通过.
 */
const j = useJourney({ mobile: true });
const CAMPAIGN = /大学习 走在前/;
const REASON = '请补充九月的安排，由支部委员主讲';

let secretary: { context: BrowserContext; page: Page };
let planPath = '';
let branchName = '';
/** Lines in the demo's draft before the journey adds its own. */
let seededLines = 0;

const fitsPhone = (page: Page, name: string) => expectFitsPhone(page, name, { shot: `plans-${name}` });

const openOptions = (page: Page) =>
  page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');

/** Picks an option of a select in the open dialog: by its text, or the n-th one. */
async function pick(page: Page, label: string, option: string | number) {
  await page.getByRole('dialog').getByRole('combobox', { name: label }).click();
  const options = openOptions(page);
  await (
    typeof option === 'number' ? options.nth(option) : options.filter({ hasText: option }).first()
  ).click();
  // Wait for the list to close, so the next select's options are not confused with this one's.
  await expect
    .poll(() => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count())
    .toBe(0);
}

async function chooseCampaign(page: Page) {
  // Open the list once the page has settled on its default campaign.
  await page.getByTestId('plan-counts').waitFor();
  await expect.poll(() => page.locator('.ant-skeleton').count()).toBe(0);
  await page.getByRole('combobox', { name: '选择活动' }).click();
  await openOptions(page).filter({ hasText: CAMPAIGN }).first().click();
  await expect
    .poll(() => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count())
    .toBe(0);
  await page.getByTestId('plan-counts').waitFor();
  await expect.poll(() => page.getByTestId('plan-counts').innerText()).toContain('要求各支部填报');
}

/** Adds one line through the line form. */
async function addLine(page: Page, topic: string, month: number) {
  await page.getByRole('button', { name: '添加宣讲安排' }).tap();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('宣讲题目').fill(topic);
  await pick(page, '月份', month);
  await pick(page, '宣讲场合', '党课');
  await pick(page, '选择党员', 0);
  await dialog.getByRole('button', { name: '确定' }).tap();
  await dialog.waitFor({ state: 'hidden' });
}

describe('a branch files its lecture plan and the unit reviews it', () => {
  it('the secretary files a plan on a phone and submits it', async () => {
    const context = await newContext(j.browser, j.server.baseUrl, { mobile: true });
    secretary = { context, page: await context.newPage() };
    const page = secretary.page;
    await login(page, 'member');
    // The demo's unit admin has reminded the branch: the plan is a draft past its due date.
    await page.getByTestId('notice-bell').tap();
    const reminder = page.getByTestId('notice-item').filter({ hasText: '请尽快填报宣讲计划' });
    await reminder.waitFor();
    await page.getByRole('button', { name: '全部标为已读' }).tap();
    await expect
      .poll(async () => (await page.getByTestId('notice-bell').getAttribute('aria-label')) ?? '')
      .toBe('通知');
    await openMenu(page, '宣讲计划');
    const card = page.getByTestId('my-plan').filter({ hasText: CAMPAIGN });
    await card.waitFor();
    expect(await card.innerText()).toContain('草稿');
    await fitsPhone(page, 'mine');
    await card.getByRole('button', { name: '查看计划' }).tap();
    await page.waitForURL(/\/plans\/\d+\/\d+$/);
    planPath = new URL(page.url()).pathname;
    const heading = page.getByRole('heading', { name: / · 宣讲计划$/ });
    branchName = (await heading.innerText()).replace(' · 宣讲计划', '');
    expect(branchName).toMatch(/支部/);
    await expect.poll(() => page.getByTestId('plan-line').count()).toBeGreaterThan(0);
    seededLines = await page.getByTestId('plan-line').count();
    await addLine(page, '学习身边的榜样', 0);
    await expect.poll(() => page.getByTestId('plan-line').count()).toBe(seededLines + 1);
    await fitsPhone(page, 'draft');
    await expectAccessible(page, 'plan-draft');
    await page.getByRole('button', { name: '提交' }).tap();
    await page.getByText('已提交，等待单位审核').waitFor();
    expect(await page.getByTestId('plan-status').innerText()).toBe('已提交');
  });

  it('the unit admin sees it in 计划填报情况 and returns it with a reason', async () => {
    await login(j.page, 'unitadmin');
    await openMenu(j.page, '计划填报情况');
    await chooseCampaign(j.page);
    await fitsPhone(j.page, 'overview');
    await expectAccessible(j.page, 'plan-overview');
    expect(await j.page.getByTestId('plan-counts').innerText()).toMatch(/已提交 [1-9]/);
    await j.page.goto(planPath);
    await j.page.getByRole('button', { name: '退回' }).tap();
    await j.page.getByLabel('退回原因').fill(REASON);
    await j.page.getByRole('dialog').getByRole('button', { name: '退回' }).tap();
    await j.page.getByText('已退回，支部书记会收到通知').waitFor();
    expect(await j.page.getByTestId('plan-status').innerText()).toBe('已退回');
  });

  it('the secretary sees the notice behind the bell, fixes the plan and submits again', async () => {
    const page = secretary.page;
    await page.goto('/plans');
    const bell = page.getByTestId('notice-bell');
    await expect.poll(async () => (await bell.getAttribute('aria-label')) ?? '').toMatch(/1 条未读/);
    await bell.tap();
    const notice = page.getByTestId('notice-item').filter({ hasText: '宣讲计划被退回' });
    await notice.waitFor();
    expect(await notice.innerText()).toContain(REASON);
    await fitsPhone(page, 'notices');
    await expectAccessible(page, 'notices');
    await notice.tap();
    await page.waitForURL((url) => url.pathname === planPath);
    expect(await page.getByTestId('plan-return-reason').innerText()).toContain(REASON);
    await addLine(page, '支部委员讲党史', 1);
    await expect.poll(() => page.getByTestId('plan-line').count()).toBe(seededLines + 2);
    await page.getByRole('button', { name: '提交' }).tap();
    await page.getByText('已提交，等待单位审核').waitFor();
    expect(await page.getByTestId('plan-status').innerText()).toBe('已提交');
    await expect
      .poll(async () => (await page.getByTestId('notice-bell').getAttribute('aria-label')) ?? '')
      .toBe('通知');
  });

  it('the unit admin accepts it, and the overview shows the branch as 已通过', async () => {
    await j.page.goto(planPath);
    await expect.poll(() => j.page.getByTestId('plan-line').count()).toBe(seededLines + 2);
    await j.page.getByRole('button', { name: '通过' }).tap();
    await j.page.getByRole('dialog').getByRole('button', { name: '通过' }).tap();
    await j.page.getByText('已通过', { exact: true }).first().waitFor();
    expect(await j.page.getByTestId('plan-status').innerText()).toBe('已通过');
    await j.page.getByText('修改记录（4）').tap();
    await expect.poll(() => j.page.getByTestId('plan-revision').count()).toBe(4);
    await fitsPhone(j.page, 'accepted');
    await expectAccessible(j.page, 'plan-accepted');

    await openMenu(j.page, '计划填报情况');
    await chooseCampaign(j.page);
    await j.page
      .locator('.ant-card')
      .filter({ hasText: branchName })
      .filter({ hasText: '已通过' })
      .first()
      .waitFor();
    await fitsPhone(j.page, 'overview-after');

    const page = secretary.page;
    await page.goto('/notices');
    await page.getByTestId('notice-item').filter({ hasText: '宣讲计划已通过' }).waitFor();
    await secretary.context.close();
  });

  it('the organiser reads the plan rule in the campaign settings and makes plans optional', async () => {
    const context = await newContext(j.browser, j.server.baseUrl, { mobile: true });
    const page = await context.newPage();
    try {
      await login(page, 'organiser');
      const campaignId = planPath.split('/')[2]!;
      await page.goto(`/campaigns/${campaignId}/edit`);
      const group = page.getByRole('radiogroup', { name: '各支部是否填报宣讲计划' });
      await group.waitFor();
      await expect.poll(() => group.getByRole('radio', { name: '必须填报' }).isChecked()).toBe(true);
      await page.getByLabel('宣讲计划截止日期').waitFor();
      await group.getByText('可自愿填报').tap();
      await page.getByRole('button', { name: /保\s*存/ }).tap();
      await page.waitForURL((url) => url.pathname === `/campaigns/${campaignId}`);
      await page.getByText(/宣讲计划：各支部可自愿填报/).waitFor();
    } finally {
      await context.close();
    }
  });
});
