import { describe, expect, it } from 'vitest';
import { login, useJourney } from './support/browser.ts';
import { expectFitsPhone } from './support/phone.ts';

/**
 * 人人上讲台 on a 390×844 phone: the 教育局 unit admin opens coverage from the menu, sees the unit's
 * totals with the leaders' numbers, taps down through the child list to a branch and reads its list of
 * members who have not lectured yet, goes back up by the breadcrumb and downloads the table. The
 * campaign is the demo's 岳阳-style one, half-way through its branch season (demo/season.ts): many
 * have lectured, and one of the unit's branches has a 书记 who has not, which the drill-down follows.
 */
const j = useJourney({ mobile: true });

const fitsPhone = (name: string) => expectFitsPhone(j.page, name, { shot: `coverage-${name}` });

/**
 * The child to open on the way to a branch whose 书记 has not lectured: the branch flagged 书记未宣讲,
 * else an org where fewer 书记 have lectured than there are (its card reads "x / y 已讲", 书记 first).
 */
async function childWhereSecretaryPending() {
  const items = j.page.getByTestId('coverage-children').getByRole('listitem');
  await items.first().waitFor();
  const texts = await items.allInnerTexts();
  let i = texts.findIndex((t) => t.includes('书记未宣讲'));
  if (i < 0)
    i = texts.findIndex((t) => {
      const m = /(\d+) \/ (\d+) 已讲/.exec(t);
      return m !== null && Number(m[1]) < Number(m[2]);
    });
  return items.nth(Math.max(i, 0)).locator('a').first();
}

describe('人人上讲台 coverage', () => {
  it('the unit admin opens it from the menu and chooses the campaign', async () => {
    await login(j.page, 'unitadmin');
    await j.page.getByRole('button', { name: '打开菜单' }).click();
    await j.page.getByRole('menuitem', { name: '人人上讲台' }).click();
    await j.page.getByRole('heading', { name: '人人上讲台' }).waitFor();
    const campaign = j.page.locator('.ant-list-item a').filter({ hasText: '大学习 走在前' });
    await campaign.click();
    await j.page.getByTestId('coverage-totals').waitFor();
    const totals = await j.page.getByTestId('coverage-totals').innerText();
    expect(totals).toMatch(/已宣讲 [1-9]\d* \/ \d+ 人/);
    expect(await j.page.getByTestId('coverage-leaders').innerText()).toContain('书记');
    await fitsPhone('unit');
  });

  it('drills down to a branch and reads who has not lectured yet', async () => {
    for (let depth = 0; depth < 4; depth++) {
      if ((await j.page.getByTestId('coverage-pending').count()) > 0) break;
      const child = await childWhereSecretaryPending();
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
