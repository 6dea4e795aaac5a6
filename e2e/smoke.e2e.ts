import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { login, screenshot, useJourney } from './support/browser.ts';

const j = useJourney();

describe('smoke: the admin signs in', () => {
  it('sends an anonymous visitor to the Chinese login page', async () => {
    await j.page.goto('/');
    await j.page.waitForURL(/\/login/);
    expect(await j.page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await expect.poll(() => j.page.getByLabel('用户名或手机号').isVisible()).toBe(true);
    await screenshot(j.page, 'smoke-login');
  });

  it('lands on the home page with the main menu and the demo campaigns after logging in', async () => {
    await login(j.page, 'admin');
    const menu = j.page.getByRole('menu', { name: '主菜单' });
    await menu.waitFor();
    for (const item of ['活动', '组织架构 & 党员', '账号管理', '操作日志']) {
      expect(await menu.getByText(item, { exact: true }).isVisible()).toBe(true);
    }
    expect(await j.page.getByTestId('demo-badge').textContent()).toContain('演示账号');
    // The home page lists the two campaigns the demo seed published.
    await j.page.getByText('千名支部书记微宣讲').first().waitFor();
    await j.page.getByText('争做出彩焦作人').first().waitFor();
    expect(await j.page.locator('body').innerText()).toMatch(/讲台/);
    const file = await screenshot(j.page, 'smoke-admin-home');
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);
  });
});
