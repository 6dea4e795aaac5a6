import { describe, expect, it } from 'vitest';
import { login, useJourney } from './support/browser.ts';
import { expectFitsPhone } from './support/phone.ts';

/**
 * 统计报表 on a 390×844 phone: the 教育局 unit admin opens it from the menu, picks the demo's campaign,
 * reads the unit's 活动统计表, downloads it and submits it upwards, then sees the submission listed.
 */
const j = useJourney({ mobile: true });

describe('统计报表', () => {
  it('the unit admin previews, downloads and submits the 活动统计表', async () => {
    await login(j.page, 'unitadmin');
    await j.page.getByRole('button', { name: '打开菜单' }).click();
    await j.page.getByRole('menuitem', { name: '统计报表' }).click();
    await j.page.getByRole('heading', { name: '统计报表' }).waitFor();
    // The first campaign's table loads first; choosing another while it renders would close the list.
    await j.page.getByLabel('活动统计表').waitFor();
    await j.page.getByRole('combobox', { name: '活动', exact: true }).click();
    await j.page.locator('.ant-select-item-option').filter({ hasText: '大学习 走在前' }).first().click();
    const table = j.page.getByLabel('活动统计表');
    await table.waitFor();
    expect(await j.page.getByText(/合计：党员 \d+ 人/).innerText()).toMatch(/微型党课 \d+ 场/);
    await expectFitsPhone(j.page, 'annex', { shot: 'annex-unit' });

    const [download] = await Promise.all([
      j.page.waitForEvent('download'),
      j.page.getByRole('button', { name: '下载活动统计表' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/活动统计表.*\.xlsx$/);

    await j.page.getByRole('button', { name: '报送上级' }).click();
    await j.page.getByLabel('备注').fill('已核对');
    await j.page.getByRole('button', { name: '确认报送' }).click();
    await j.page.getByText('本单位的报送记录').waitFor();
    expect(await j.page.getByText(/· 已核对/).count()).toBe(1);
  });
});
