import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { login, screenshot, useJourney } from './support/browser.ts';
import { expectAccessible, expectKeyboardReachable, expectNoSidewaysScroll } from './support/a11y.ts';

const j = useJourney();

describe('smoke: the admin signs in', () => {
  it('sends an anonymous visitor to the Chinese login page', async () => {
    await j.page.goto('/');
    await j.page.waitForURL(/\/login/);
    expect(await j.page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await expect.poll(() => j.page.getByLabel('用户名或手机号').isVisible()).toBe(true);
    await screenshot(j.page, 'smoke-login');
    await expectAccessible(j.page, '登录');
    await expectNoSidewaysScroll(j.page, '登录');
    await expectKeyboardReachable(j.page, '登录', 'body');
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
    await expectAccessible(j.page, '首页（活动列表）');
    await expectNoSidewaysScroll(j.page, '首页（活动列表）');
  });

  it('serves the PDF viewer its Chinese CMaps and standard fonts', async () => {
    // PDFs whose Chinese fonts are not embedded render only with these (PdfPages' cMapUrl).
    for (const file of [
      'cmaps/UniGB-UCS2-H.bcmap',
      'cmaps/Adobe-GB1-UCS2.bcmap',
      'standard_fonts/FoxitSerif.pfb',
    ]) {
      const res = await j.page.request.get(`/pdfjs/${file}`);
      expect(res.status(), file).toBe(200);
      expect((await res.body()).length, file).toBeGreaterThan(100);
    }
  });

  it('main pages pass the accessibility scan and take large text on a phone', async () => {
    // A campaign, its entries and one entry.
    await j.page.goto('/campaigns');
    await j.page.getByText('千名支部书记微宣讲').first().click();
    await j.page.waitForURL(/\/campaigns\/\d+$/);
    await expectAccessible(j.page, '活动详情');
    await expectNoSidewaysScroll(j.page, '活动详情');
    await j.page.goto(`${new URL(j.page.url()).pathname}/entries`);
    await j.page.locator('a[href^="/entries/"]').first().waitFor();
    await expectAccessible(j.page, '活动作品列表');
    await j.page.locator('a[href^="/entries/"]').first().click();
    await j.page.waitForURL(/\/entries\/\d+$/);
    await j.page.getByRole('heading').first().waitFor();
    await expectAccessible(j.page, '作品详情');
    await expectNoSidewaysScroll(j.page, '作品详情');
    await expectKeyboardReachable(j.page, '作品详情');
    for (const [path, name] of [
      ['/entries', '作品报送'],
      ['/org', '组织架构'],
      ['/accounts', '账号管理'],
      ['/audit', '操作日志'],
      ['/publicity', '公示'],
    ] as const) {
      await j.page.goto(path);
      await j.page.locator('main h1, main h2, main h3, main h4').first().waitFor();
      await expectAccessible(j.page, name);
      await expectNoSidewaysScroll(j.page, name);
      await expectKeyboardReachable(j.page, name);
      await screenshot(j.page, `smoke-a11y${path.replace('/', '-')}`);
    }
  });

  it('reaches every control of the menu by keyboard', async () => {
    await j.page.goto('/campaigns');
    await j.page.getByRole('menu', { name: '主菜单' }).waitFor();
    const reached = new Set<string>();
    for (let i = 0; i < 25; i += 1) {
      await j.page.keyboard.press('Tab');
      reached.add(await j.page.evaluate(() => document.activeElement?.textContent?.trim() ?? ''));
    }
    // antd's menu is one tab stop; the arrow keys walk its items.
    expect([...reached].some((t) => t.includes('活动'))).toBe(true);
    expect([...reached].some((t) => t.includes('新建活动'))).toBe(true);
  });
});
