import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * Runs axe-core on the page as it is now (WCAG 2.0/2.1 A and AA rules) and fails on any serious or
 * critical violation, naming the rule, the elements and what to fix. axe is evaluated through the
 * DevTools protocol, not a <script> tag, so the server's Content-Security-Policy stays as it is.
 */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  // The pointer rests where the last click was: a hovered link's lighter colour is not the page's.
  await page.mouse.move(0, 0);
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: unknown[] }> };
      }
    ).axe;
    const res = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return res.violations;
  });
  const bad = (violations as AxeViolation[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length === 0) return;
  const lines = bad.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`)
        .join('\n'),
  );
  throw new Error(`「${name}」有无障碍问题（axe-core，WCAG 2.1 AA）：\n${lines.join('\n')}`);
}

/**
 * The phone's large-text setting: at 390 px wide, text scaled to 125 % (root font 20 px and a text
 * zoom of 1.25). The page must not scroll sideways: long words wrap and wide tables scroll inside
 * their own box. Resets the zoom afterwards.
 */
export async function expectNoSidewaysScroll(page: Page, name: string): Promise<void> {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(async () => {
    const root = document.documentElement;
    root.style.fontSize = '20px';
    (root.style as unknown as { zoom: string }).zoom = '1.25';
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const wide = root.scrollWidth - root.clientWidth;
    const culprits = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1)
      .filter((el) => !el.closest('.ant-table-content, .ant-table-body, [data-scrolls]'))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
    root.style.fontSize = '';
    (root.style as unknown as { zoom: string }).zoom = '';
    return { wide, culprits };
  });
  if (before) await page.setViewportSize(before);
  if (overflow.wide > 1)
    throw new Error(
      `「${name}」在 390 px 宽、大字体下横向溢出 ${overflow.wide} px：${overflow.culprits.join('，')}`,
    );
}

/**
 * Presses Tab through the page and fails unless every visible control (link, button, field) inside
 * `root` was focused on the way, naming the ones never reached. A composite widget that keeps one
 * tab stop and moves with the arrow keys (antd's menu, radio groups, tabs) counts as reached when any
 * of its items had the focus. A control with tabindex="-1" opted out on purpose (antd's clear icon
 * in a field: the keyboard clears with Backspace) and is not asked for.
 */
export async function expectKeyboardReachable(page: Page, name: string, root = 'main'): Promise<void> {
  await page.waitForLoadState('networkidle');
  const marked = await page.evaluate((rootSel) => {
    const scope = document.querySelector(rootSel) ?? document.body;
    const selector =
      ':is(a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]):not([tabindex="-1"])';
    const groups = '[role="menu"], [role="radiogroup"], [role="tablist"], .ant-radio-group, .ant-segmented';
    let n = 0;
    for (const el of scope.querySelectorAll<HTMLElement>(selector)) {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      // antd hides the real radio/checkbox input under its drawn one; the input still takes the focus.
      const hidden =
        box.width === 0 && box.height === 0 && !el.matches('input[type=radio], input[type=checkbox]');
      if (hidden || style.visibility === 'hidden' || el.closest('[aria-hidden="true"], [inert]')) continue;
      const group = el.closest(groups);
      el.dataset.kbd = group ? `g${Array.from(document.querySelectorAll(groups)).indexOf(group)}` : `c${n}`;
      n += 1;
    }
    return n;
  }, root);
  const reached = new Set<string>();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (let i = 0; i < marked * 2 + 20; i += 1) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return (
        el?.closest<HTMLElement>('[data-kbd]')?.dataset.kbd ??
        el?.querySelector<HTMLElement>('[data-kbd]')?.dataset.kbd ??
        null
      );
    });
    if (id) reached.add(id);
  }
  const missed = await page.evaluate(
    (got) =>
      Array.from(document.querySelectorAll<HTMLElement>('[data-kbd]'))
        .filter((el) => !got.includes(el.dataset.kbd!))
        .map(
          (el) =>
            `${el.tagName.toLowerCase()} 「${(el.innerText || el.getAttribute('aria-label') || el.getAttribute('placeholder') || '').trim().slice(0, 30)}」`,
        ),
    [...reached],
  );
  if (missed.length > 0) throw new Error(`「${name}」有控件无法用 Tab 键到达：\n${missed.join('\n')}`);
}
