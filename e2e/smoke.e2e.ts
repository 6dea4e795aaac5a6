import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, login, newContext, screenshot } from './support/browser.ts';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await newContext(browser, server.baseUrl);
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe('smoke: the admin signs in', () => {
  it('sends an anonymous visitor to the Chinese login page', async () => {
    await page.goto('/');
    await page.waitForURL(/\/login/);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await expect.poll(() => page.getByLabel('用户名或手机号').isVisible()).toBe(true);
  });

  it('lands on the home page with the main menu and the demo campaigns after logging in', async () => {
    await login(page, 'admin');
    const menu = page.getByRole('menu', { name: '主菜单' });
    await menu.waitFor();
    for (const item of ['活动', '组织架构 & 党员', '账号管理', '操作日志']) {
      expect(await menu.getByText(item, { exact: true }).isVisible()).toBe(true);
    }
    expect(await page.getByTestId('demo-badge').textContent()).toContain('演示账号');
    // The home page lists the two campaigns the demo seed published.
    await page.getByText('千名支部书记微宣讲').first().waitFor();
    await page.getByText('争做出彩焦作人').first().waitFor();
    expect(await page.locator('body').innerText()).toMatch(/讲台/);
    const file = await screenshot(page, 'smoke-admin-home');
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);
  });
});
