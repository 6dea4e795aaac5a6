import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { DEMO_PASSWORD, repoRoot, startServer, type RunningServer } from './server.ts';

export const screenshotDir = path.join(repoRoot, 'test-results');

/**
 * Debian's Chromium (no browser download). The background-networking flags keep it from dialling
 * out at start, which a closed network refuses many times over.
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(`找不到 Chromium：${executablePath}（apt-get install chromium，或设置 CHROMIUM_PATH）`);
  }
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh browser profile as a Chinese user in Beijing time would have it. */
export async function newContext(
  browser: Browser,
  baseURL: string,
  options: { mobile?: boolean } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: options.mobile ? { width: 390, height: 844 } : { width: 1366, height: 860 },
    ...(options.mobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  // Whatever the server's Content-Security-Policy blocks (a script, a style, a video blob, a PDF
  // frame) would break a page for real users: every journey fails on it (see useJourney).
  context.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text()))
      cspViolations.push(`${msg.location().url}: ${msg.text()}`);
  });
  return context;
}

/** Content-Security-Policy violations reported by any page of any context since the last check. */
export const cspViolations: string[] = [];

/** Signs in through the login page as a real user would, and waits to leave it. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名或手机号').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Saves a full-page screenshot to test-results/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export interface Journey {
  server: RunningServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
}

/**
 * Registers the hooks every journey file needs: a fresh server with the demo city, Chromium, and
 * one browser context with a page. Read the fields inside tests (they are set in beforeAll).
 */
export function useJourney(options: { mobile?: boolean } = {}): Journey {
  const j = {} as Journey;
  beforeAll(async () => {
    j.server = await startServer();
    j.browser = await launchBrowser();
    j.context = await newContext(j.browser, j.server.baseUrl, options);
    j.page = await j.context.newPage();
  });
  afterEach(() => {
    const seen = cspViolations.splice(0);
    if (seen.length > 0) throw new Error(`页面被 Content-Security-Policy 拦截：\n${seen.join('\n')}`);
  });
  afterAll(async () => {
    await j.context?.close();
    await j.browser?.close();
    await j.server?.stop();
  });
  return j;
}
