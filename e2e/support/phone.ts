import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './browser.ts';

/**
 * The page fits a phone's width once it has loaded (not its placeholders): the document does not
 * scroll sideways. With `strict`, no table or box on it scrolls sideways either (a scrolling table
 * hides its right-hand columns off-screen). With `shot`, a screenshot named after it is kept;
 * `settle: false` measures at once (pages whose spinner is part of what they show).
 */
export async function expectFitsPhone(
  page: Page,
  name: string,
  opts: { strict?: boolean; shot?: string; settle?: boolean } = {},
) {
  if (opts.settle !== false)
    await expect.poll(() => page.locator('.ant-skeleton, .ant-spin-spinning').count()).toBe(0);
  const { width, scrollWidth, scrollers } = await page.evaluate(() => {
    const scrollers: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const overflow = getComputedStyle(el).overflowX;
      if ((overflow === 'auto' || overflow === 'scroll') && el.scrollWidth > el.clientWidth + 1)
        scrollers.push(`${el.tagName.toLowerCase()}.${el.className} (${el.scrollWidth} > ${el.clientWidth})`);
    }
    return { width: window.innerWidth, scrollWidth: document.documentElement.scrollWidth, scrollers };
  });
  if (opts.shot) await screenshot(page, opts.shot);
  expect(scrollWidth, `${name}：页面比手机屏幕宽`).toBeLessThanOrEqual(width);
  if (opts.strict) expect(scrollers, `${name}：页面上有需要左右滑动的区域`).toEqual([]);
}

/** Opens the phone's menu drawer and taps an entry. */
export async function openPhoneMenu(page: Page, item: string) {
  await page.getByRole('button', { name: '打开菜单' }).tap();
  await page.getByRole('menuitem', { name: item }).tap();
}
