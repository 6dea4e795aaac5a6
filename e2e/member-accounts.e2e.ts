import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { login, newContext, screenshot, useJourney } from './support/browser.ts';

/**
 * 党员账号: the 市教育局 unit admin opens accounts for one branch in one step and prints the slips;
 * then one member of that branch signs in on a phone with the phone number and the slip's initial
 * password, is made to set a password of their own, and lands on the home page.
 */
const j = useJourney();

let branchName = '';
let slip = { login: '', code: '' };

describe('bulk accounts for a branch', () => {
  it('the unit admin sees activation per branch and opens one branch', async () => {
    await login(j.page, 'unitadmin');
    await j.page.getByRole('menuitem', { name: '党员账号' }).click();
    await j.page.getByTestId('activation-totals').waitFor();
    expect(await j.page.getByTestId('activation-totals').innerText()).toMatch(/党员 \d+ 人/);
    await screenshot(j.page, 'member-accounts-status');
    const firstBranch = j.page.locator('.ant-table-row a').first();
    branchName = await firstBranch.innerText();
    await firstBranch.click();
    await j.page.getByRole('heading', { name: `${branchName} · 党员账号` }).waitFor();
    await j.page.getByText('未开通').first().waitFor();
  });

  it('sees the counts before starting, starts, follows the progress and gets a summary', async () => {
    await j.page.getByRole('button', { name: '开通账号与激活情况' }).click();
    const preview = j.page.getByTestId('account-preview');
    await preview.waitFor();
    expect(await preview.innerText()).toContain(`「${branchName}」`);
    const willCreate = Number(/将开通 (\d+) 人/.exec(await preview.innerText())![1]);
    expect(willCreate).toBeGreaterThan(0);
    await j.page.getByRole('button', { name: `开通 ${willCreate} 个账号` }).click();
    await j.page.getByText('新开通').waitFor({ timeout: 60_000 });
    expect(await j.page.getByTestId('run-progress').innerText()).toMatch(/已完成：已处理 (\d+) \/ \1 人/);
    await screenshot(j.page, 'member-accounts-run-done');
  });

  it('downloads the .xlsx and opens the printable slips', async () => {
    const [download] = await Promise.all([
      j.page.waitForEvent('download'),
      j.page.getByRole('button', { name: '下载凭条 Excel' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${branchName}-党员账号凭条.xlsx`);
    const file = await download.path();
    expect(fs.statSync(file).size).toBeGreaterThan(1000);

    await j.page.getByRole('button', { name: '打印登录凭条' }).click();
    const first = j.page.getByTestId('account-slip').first();
    await first.waitFor();
    const text = await first.innerText();
    expect(text).toContain('首次登录须修改密码');
    expect(text).toContain(branchName);
    slip = {
      login: await first.locator('dd').nth(2).innerText(),
      code: await first.locator('dd').nth(3).innerText(),
    };
    expect(slip.login).toMatch(/^1\d{10}$/);
    expect(slip.code).toMatch(/^[2-9A-Z]{5} [2-9A-Z]{5}$/);
    await screenshot(j.page, 'member-accounts-slips');
  });

  it('the member signs in on a phone with the slip, sets a password and lands on the home page', async () => {
    const phone = await newContext(j.browser, j.server.baseUrl, { mobile: true });
    const page = await phone.newPage();
    try {
      await login(page, slip.login, slip.code);
      await page.waitForURL('**/change-password');
      await page.getByText('首次登录，请设置新密码').waitFor();
      await screenshot(page, 'member-accounts-first-sign-in-phone');
      await page.getByLabel(/初始密码/).fill(slip.code);
      await page.getByLabel('新密码', { exact: true }).fill('Dangyuan2026ok');
      await page.getByLabel('再次输入新密码').fill('Dangyuan2026ok');
      await page.getByRole('button', { name: '确认修改' }).click();
      await page.waitForURL((url) => url.pathname === '/campaigns');
      await page.getByText('密码已修改').waitFor();
      await page.getByRole('heading', { name: '活动', exact: true }).waitFor();
      await screenshot(page, 'member-accounts-member-home-phone');
    } finally {
      await phone.close();
    }
  });

  it('the branch list now shows the member as activated', async () => {
    await j.page.goto('/member-accounts');
    await j.page.getByTestId('activation-totals').waitFor();
    expect(await j.page.getByTestId('activation-totals').innerText()).toMatch(/已激活 [1-9]\d* 人/);
    await j.page.getByRole('link', { name: branchName }).click();
    await j.page.getByText('已激活').first().waitFor();
    await screenshot(j.page, 'member-accounts-branch');
  });
});
