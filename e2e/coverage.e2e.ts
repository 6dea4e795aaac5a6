import { describe, expect, it } from 'vitest';
import { login, screenshot, useJourney } from './support/browser.ts';

/**
 * 人人上讲台 on a 390×844 phone: the 教育局 unit admin opens coverage from the menu, sees the unit's
 * totals with the leaders' numbers, taps down through the child list to a branch and reads its list of
 * members who have not lectured yet, goes back up by the breadcrumb and downloads the table.
 * (Lecture records come from the lectures module's journey; here nobody has lectured yet.)
 */
const j = useJourney({ mobile: true });

async function fitsPhone(name: string) {
  const { width, scrollWidth } = await j.page.evaluate(() => ({
    width: window.innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
  }));
  await screenshot(j.page, `coverage-${name}`);
  expect(scrollWidth, `${name}：页面比手机屏幕宽`).toBeLessThanOrEqual(width);
}

describe('人人上讲台 coverage', () => {
  it('the unit admin opens it from the menu and chooses the campaign', async () => {
    await login(j.page, 'unitadmin');
    await j.page.getByRole('button', { name: '打开菜单' }).click();
    await j.page.getByRole('menuitem', { name: '人人上讲台' }).click();
    await j.page.getByRole('heading', { name: '人人上讲台' }).waitFor();
    const campaign = j.page.locator('.ant-list-item a').first();
    await campaign.click();
    await j.page.getByTestId('coverage-totals').waitFor();
    const totals = await j.page.getByTestId('coverage-totals').innerText();
    expect(totals).toMatch(/已宣讲 0 \/ \d+ 人/);
    expect(await j.page.getByTestId('coverage-leaders').innerText()).toContain('书记');
    await fitsPhone('unit');
  });

  it('drills down to a branch and reads who has not lectured yet', async () => {
    for (let depth = 0; depth < 4; depth++) {
      if ((await j.page.getByTestId('coverage-pending').count()) > 0) break;
      const child = j.page.getByTestId('coverage-children').locator('a').first();
      const name = (await child.innerText()).trim();
      await child.click();
      await j.page.getByTestId('coverage-totals').getByRole('heading', { name }).waitFor();
    }
    const pending = j.page.getByTestId('coverage-pending');
    await pending.waitFor();
    expect(await pending.innerText()).toMatch(/尚未宣讲的党员（[1-9]\d* 人）/);
    expect(await j.page.getByTestId('coverage-totals').innerText()).toMatch(/书记未宣讲|未配备书记/);
    await fitsPhone('branch');
  });

  it('goes back up by the breadcrumb and exports the table', async () => {
    await j.page.locator('.ant-breadcrumb a').first().click();
    await j.page.getByTestId('coverage-children').waitFor();
    const [download] = await Promise.all([
      j.page.waitForEvent('download'),
      j.page.getByRole('button', { name: '导出 Excel' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/人人上讲台覆盖情况.*\.xlsx$/);
  });
});
