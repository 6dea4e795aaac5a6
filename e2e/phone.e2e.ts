import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { login, newContext, useJourney } from './support/browser.ts';
import { apiAs, okJson } from './support/api.ts';
import { expectFitsPhone } from './support/phone.ts';

/**
 * Everything on a 390×844 phone: the organiser opens the 复赛 round of the 岳阳-style campaign,
 * builds the panel and assigns by tapping; the judges score; the organiser and the supervisor tap
 * through every tab of the round (监督 included) and read the scores in cards; the judge reads their
 * queue. No page may scroll sideways, and no box on it may hide content in a sideways scroll.
 */
const j = useJourney({ mobile: true });

let roundId = '';
let campaignId = '';

const scoresFor = (d: number) => ({ content: 30 + d, language: 20, courseware: 12, presence: 8, timing: 8 });

const fitsPhone = (page: Page, name: string) =>
  expectFitsPhone(page, name, { strict: true, shot: `phone-${name}` });

/** Taps a tab of the round page and waits for it to be the selected one. */
async function tapTab(page: Page, name: string) {
  const tab = page.getByRole('tab', { name, exact: true });
  await tab.tap();
  await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
}

async function phoneAs(username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(j.browser, j.server.baseUrl, { mobile: true });
  const page = await context.newPage();
  await login(page, username);
  return { context, page };
}

const ROUND_TABS = ['作品与分配', '评委组', '评分结果', '公示与异议', '监督', '设置'];

describe('a round on a phone: every tab reachable by tapping, scores in cards', () => {
  it('the organiser opens the 复赛 round, builds the panel and assigns by tapping', async () => {
    await login(j.page, 'organiser');
    await j.page.goto('/campaigns');
    const list = j.page.getByTestId('campaign-list');
    await list
      .getByRole('link', { name: /大学习 走在前/ })
      .first()
      .waitFor();
    await fitsPhone(j.page, 'campaigns');
    await list
      .getByRole('link', { name: /大学习 走在前/ })
      .first()
      .tap();
    await j.page.waitForURL(/\/campaigns\/\d+$/);
    campaignId = /\/campaigns\/(\d+)/.exec(j.page.url())![1]!;
    await j.page.getByRole('button', { name: '开启复赛评审' }).waitFor();
    await fitsPhone(j.page, 'campaign');
    await j.page.getByRole('button', { name: '开启复赛评审' }).tap();
    await j.page.waitForURL(/\/rounds\/new/);
    await j.page.getByLabel('每件作品评委人数').fill('3');
    await j.page.getByLabel('晋级人数 N').fill('4');
    await fitsPhone(j.page, 'new-round');
    await j.page
      .getByRole('button', { name: /开启评审/ })
      .last()
      .tap();
    await j.page.waitForURL(/\/rounds\/\d+$/);
    roundId = /\/rounds\/(\d+)/.exec(j.page.url())![1]!;

    await tapTab(j.page, '评委组');
    await j.page.getByRole('button', { name: '添加评委' }).tap();
    const dialog = j.page.getByRole('dialog');
    await dialog.getByLabel('评委账号').click();
    for (const name of ['演示评委', '演示评委二', '演示评委三']) {
      await j.page
        .locator('.ant-select-item-option')
        .filter({ hasText: new RegExp(`^${name}`) })
        .first()
        .click();
    }
    await dialog.locator('.ant-modal-title').click(); // closes the option list
    await dialog.getByRole('button', { name: '加入评委组' }).tap();
    // On a phone the panel is a list of cards, one per judge.
    const panel = j.page.getByRole('list', { name: '评委组' });
    await expect.poll(() => panel.getByRole('listitem').count()).toBe(3);
    await fitsPhone(j.page, 'round-panel');

    await tapTab(j.page, '作品与分配');
    await j.page.getByRole('button', { name: '自动分配' }).tap();
    await j.page.getByText('已自动分配 18 份评审任务').waitFor();
    await fitsPhone(j.page, 'round-entries');
  });

  it('the three judges score (through the API)', async () => {
    for (const [n, username] of ['judge', 'judge2', 'judge3'].entries()) {
      const { context, page } = await phoneAs(username);
      const api = await apiAs(page.request);
      const queue = await okJson<{ items: { code: string }[] }>(
        await api.get(`/api/judging/rounds/${roundId}`),
      );
      expect(queue.items).toHaveLength(6);
      for (const [i, { code }] of queue.items.entries()) {
        await okJson(
          await api.put(`/api/judging/rounds/${roundId}/items/${code}/score`, {
            scores: scoresFor(4 - n * 4 - i),
            comment: '',
            submit: true,
          }),
        );
      }
      await context.close();
    }
  });

  it('the judge reads their round and a scored entry on the phone', async () => {
    const { context, page } = await phoneAs('judge');
    await page.goto('/judging');
    await page
      .getByRole('button', { name: /开始评分|查看/ })
      .first()
      .waitFor();
    await fitsPhone(page, 'judge-rounds');
    await page.goto(`/judging/${roundId}`);
    await page.getByText('已提交 6 / 6').first().waitFor();
    await fitsPhone(page, 'judge-queue');
    await page.getByTestId('judging-item').first().tap();
    await page.waitForURL(/\/judging\/\d+\/[A-Z2-9]{6}$/);
    await page.getByText('评分已提交并锁定').first().waitFor();
    await fitsPhone(page, 'judge-item');
    await context.close();
  });

  it('the organiser taps through every tab and reads the scores without sideways scrolling', async () => {
    await j.page.goto(`/rounds/${roundId}`);
    for (const name of ROUND_TABS) {
      await tapTab(j.page, name);
      await fitsPhone(j.page, `organiser-tab-${ROUND_TABS.indexOf(name)}`);
    }
    await tapTab(j.page, '评分结果');
    const results = j.page.getByRole('list', { name: '评分结果' });
    await expect.poll(() => results.getByRole('listitem').count()).toBeGreaterThanOrEqual(6);
    // Each card shows its final score as a labelled field, on screen.
    const first = results.getByRole('listitem').first();
    const score = first.getByText(/^\d+\.\d{2}$/).first();
    await score.waitFor();
    const box = (await score.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(await first.innerText()).toContain('最后得分');
    // Each judge's scores open inside the card.
    await first.getByRole('button', { name: '展开明细' }).tap();
    await first.getByRole('list', { name: /的评委评分$/ }).waitFor();
    await fitsPhone(j.page, 'organiser-results-open');

    await tapTab(j.page, '监督');
    await j.page.getByRole('list', { name: '评分记录' }).getByRole('listitem').first().waitFor();
    await fitsPhone(j.page, 'organiser-supervision');

    // The campaign's entries are cards as well.
    await j.page.goto(`/campaigns/${campaignId}/entries`);
    await j.page.getByRole('list', { name: '作品列表' }).getByRole('listitem').first().waitFor();
    await fitsPhone(j.page, 'organiser-entries');
  });

  it('the supervisor reaches 监督 and the results by tapping', async () => {
    const { context, page } = await phoneAs('supervisor');
    await page.goto(`/rounds/${roundId}`);
    for (const name of ['评分结果', '监督']) {
      await tapTab(page, name);
      await fitsPhone(page, `supervisor-tab-${name === '监督' ? 'supervision' : 'results'}`);
    }
    await page.getByRole('list', { name: '评分记录' }).getByRole('listitem').first().waitFor();
    await context.close();
  });

  it('a member’s own entries fit the phone', async () => {
    const { context, page } = await phoneAs('member');
    await page.goto('/entries');
    await page.getByText('我的作品').first().waitFor();
    await fitsPhone(page, 'member-entries');
    await context.close();
  });

  it('the admin’s lists are cards too: members, accounts, audit log', async () => {
    const { context, page } = await phoneAs('admin');
    await page.goto('/org');
    await page.getByTestId('member-table').getByRole('listitem').first().waitFor();
    await fitsPhone(page, 'admin-members');
    await page.goto('/accounts');
    await page.getByTestId('account-table').getByRole('listitem').first().waitFor();
    await fitsPhone(page, 'admin-accounts');
    await page.getByTestId('account-table').getByRole('listitem').first().getByRole('link').first().tap();
    await page.waitForURL(/\/accounts\/\d+$/);
    await page.getByTestId('grant-table').waitFor();
    await fitsPhone(page, 'admin-account');
    await page.goto('/audit');
    await page.getByTestId('audit-table').getByRole('listitem').first().waitFor();
    await fitsPhone(page, 'admin-audit');
    await context.close();
  });
});
