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
