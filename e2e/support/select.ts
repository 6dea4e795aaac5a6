import type { Locator, Page } from 'playwright-core';

/**
 * Picks options of an antd multiple Select (its tags inside `scope`) by the start of their label, checking each shows up as
 * a selected tag. Under load a click can land while the option list re-renders (then nothing is
 * picked) — so each pick is confirmed by its tag and retried, and a picked one is never clicked
 * again (a second click would unpick it).
 */
export async function pickOptions(
  page: Page,
  scope: Locator,
  select: Locator,
  labels: string[],
): Promise<void> {
  for (const label of labels) {
    const tag = scope.locator('.ant-select-selection-item').filter({ hasText: new RegExp(`^${label}（`) });
    for (let attempt = 0; attempt < 4 && (await tag.count()) === 0; attempt += 1) {
      await select.click();
      const option = page
        .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
        .filter({ hasText: new RegExp(`^${label}（`) })
        .first();
      await option.waitFor();
      const picked = (await option.getAttribute('class'))?.includes('ant-select-item-option-selected');
      if (!picked) await option.click();
      await tag.waitFor({ timeout: 3_000 }).catch(() => undefined);
    }
    await tag.waitFor({ timeout: 1_000 });
  }
}

/** Chooses an option of an antd single Select by its label, confirming the Select then shows it. */
export async function pickOption(page: Page, select: Locator, label: string): Promise<void> {
  const root = select.locator(
    "xpath=ancestor::*[contains(concat(' ', normalize-space(@class), ' '), ' ant-select ')][1]",
  );
  const shown = root.locator('.ant-select-content-has-value').filter({ hasText: label });
  for (let attempt = 0; attempt < 4 && (await shown.count()) === 0; attempt += 1) {
    await select.click();
    const option = page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: label })
      .first();
    await option.waitFor();
    await option.click().catch(() => undefined);
    await shown.waitFor({ timeout: 3_000 }).catch(() => undefined);
  }
  await shown.waitFor({ timeout: 1_000 });
}
