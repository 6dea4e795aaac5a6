import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { apiAs } from './support/api.ts';
import { expectAccessible, expectNoSidewaysScroll } from './support/a11y.ts';
import { login, useJourney } from './support/browser.ts';
import { expectFitsPhone, openPhoneMenu } from './support/phone.ts';

/**
 * 督查看板 on a 390×844 phone: the supervisor opens the dashboard of the demo's 岳阳-style campaign
 * from the menu, drills from the top through a county-level unit down to a branch and its members who
 * have not lectured, goes back up to 市教育局, reminds a laggard there (the button then reads 今日已提醒;
 * one with nobody to notify shows a note to phone it instead of a button), and downloads the
 * unit's 活动统计表, whose totals must be the numbers the dashboard showed for that unit. A unit's
 * 宣讲开展 opens the records it counts: the list narrowed to the unit, as many as the card says.
 */
const j = useJourney({ mobile: true });

const count = (s: string) => Number(s.replace(/,/g, ''));

/** The numbers of the shown org as its cards read them. */
async function screenNumbers() {
  const card = async (id: string) => j.page.getByTestId(id).innerText();
  const coverage = /已宣讲 ([\d,]+) \/ ([\d,]+) 人/.exec(await card('number-coverage'));
  const plans = /([\d,]+) \/ ([\d,]+) 个支部/.exec(await card('number-plans'));
  expect(coverage, '覆盖率卡片').not.toBeNull();
  expect(plans, '计划卡片').not.toBeNull();
  return {
    lectured: count(coverage![1]!),
    members: count(coverage![2]!),
    plansFiled: count(plans![1]!),
    branches: count(plans![2]!),
  };
}

/** Taps the tile of the child with the lowest coverage below 100% (where someone has not lectured). */
async function openLaggingChild(): Promise<string> {
  const tiles = j.page.getByTestId('dashboard-tiles').getByRole('link');
  await tiles.first().waitFor();
  const texts = await tiles.allInnerTexts();
  const rates = texts.map((t) => {
    const m = /([\d.]+)%/.exec(t);
    return m ? Number(m[1]) : Infinity;
  });
  const lowest = Math.min(...rates.filter((r) => r < 100));
  const tile = tiles.nth(rates.indexOf(lowest));
  const name = (await tile.innerText()).split('\n').at(-1)!.trim();
  await tile.click();
  await j.page.getByTestId('dashboard-org').filter({ hasText: name }).waitFor();
  await j.page.getByTestId('dashboard-numbers').waitFor();
  return name;
}

/**
 * Taps the top bar of the bars per child org (lowest first) that has any length: the first pixel of
 * the bars' colour on the canvas, in page coordinates. Returns the URL's org after the drill.
 */
async function openFirstBar(): Promise<string> {
  const canvas = j.page.getByTestId('dashboard-children-chart').locator('canvas');
  const before = j.page.url();
  const shown = (await j.page.getByTestId('dashboard-org').innerText()).trim();
  const point = await canvas.evaluate((el: HTMLCanvasElement) => {
    const ctx = el.getContext('2d')!;
    const { data, width, height } = ctx.getImageData(0, 0, el.width, el.height);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        if (data[i] === 22 && data[i + 1] === 119 && data[i + 2] === 255) {
          const scale = el.width / el.clientWidth;
          return { x: x / scale + 2, y: y / scale + 4 };
        }
      }
    return null;
  });
  expect(point, '条形图上没有条').not.toBeNull();
  // The bar to the middle of the screen, clear of the sticky header.
  const top = (await canvas.boundingBox())!.y + point!.y;
  await j.page.evaluate((y) => window.scrollBy(0, y - window.innerHeight / 2), top);
  const box = (await canvas.boundingBox())!;
  await j.page.touchscreen.tap(box.x + point!.x, box.y + point!.y);
  await j.page.waitForURL((url) => url.href !== before && url.searchParams.has('org'));
  // The child's view, not the parent's still on screen for a moment.
  const exactly = new RegExp(`^${shown.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  await j.page.getByTestId('dashboard-org').filter({ hasNotText: exactly }).waitFor();
  await j.page.getByTestId('dashboard-numbers').waitFor();
  return new URL(j.page.url()).searchParams.get('org')!;
}

let campaignId = '';
let unitId = '';
let unitNumbers: Awaited<ReturnType<typeof screenNumbers>>;

describe('督查看板', () => {
  it('the supervisor opens the campaign’s dashboard from the menu', async () => {
    await login(j.page, 'supervisor');
    await openPhoneMenu(j.page, '督查看板');
    await j.page.getByRole('heading', { name: '督查看板' }).waitFor();
    const choice = j.page.locator('.ant-list-item a').filter({ hasText: '大学习 走在前' });
    await Promise.race([choice.waitFor(), j.page.getByTestId('dashboard-numbers').waitFor()]);
    if (await choice.count()) await choice.click();
    await j.page.getByTestId('dashboard-numbers').waitFor();
    campaignId = /\/campaigns\/(\d+)\/dashboard/.exec(j.page.url())![1]!;
    await j.page.getByTestId('dashboard-timeline').waitFor();
    await j.page.getByTestId('dashboard-children-chart').waitFor();
    const top = await screenNumbers();
    expect(top.members).toBeGreaterThan(0);
    expect(top.lectured).toBeGreaterThan(0);
    // Every chart has its figures in words.
    expect(await j.page.getByTestId('dashboard-timeline').getAttribute('aria-label')).toMatch(
      /累计报送宣讲计划 \d+ 份，开展宣讲 \d+ 场/,
    );
    await expectFitsPhone(j.page, '督查看板', { shot: 'dashboard-root', strict: true });
    await expectNoSidewaysScroll(j.page, '督查看板');
    await expectAccessible(j.page, '督查看板');
  });

  it('drills from the top by a bar to a unit, by tiles to a branch and its members who have not lectured', async () => {
    // The first level by the chart's bar (the lowest coverage first), the rest by the coloured tiles.
    unitId = await openFirstBar();
    expect(unitId).toMatch(/^\d+$/);
    unitNumbers = await screenNumbers();
    await expectFitsPhone(j.page, '单位看板', { shot: 'dashboard-unit' });
    for (let depth = 0; depth < 5; depth++) {
      // A branch's section is drawn with the rest of its view (its member list loads after).
      if ((await j.page.getByTestId('dashboard-branch').count()) > 0) break;
      await openLaggingChild();
    }
    const pending = j.page.getByTestId('dashboard-pending');
    await pending.waitFor();
    expect(await pending.innerText()).toMatch(/尚未宣讲的党员（[1-9]\d* 人）/);
    expect(await pending.getByRole('listitem').count()).toBeGreaterThan(0);
    await expectFitsPhone(j.page, '支部看板', { shot: 'dashboard-branch' });
  });

  it('goes back up to 市教育局 and reminds a laggard once a day; one with nobody to notify says to phone', async () => {
    // The demo's accounts a reminder reaches are 教育局's and 财政局's unit admins and the 书记 of
    // 市教育局机关第一党支部, which has filed no plan: 教育局's view lists it among its laggards.
    await j.page.locator('.ant-breadcrumb a').first().click();
    await j.page.getByTestId('dashboard-tiles').getByRole('link').filter({ hasText: '市教育局' }).click();
    await j.page.getByTestId('dashboard-org').filter({ hasText: '市教育局' }).waitFor();
    const laggards = j.page.getByTestId('dashboard-laggards');
    await laggards.getByText('计划', { exact: true }).click();
    // A branch without a 书记's account offers no button, only the note.
    const unreachable = laggards.getByRole('listitem').filter({ hasText: '请电话联系' }).first();
    await unreachable.waitFor();
    expect(await unreachable.getByRole('button').count()).toBe(0);

    const button = laggards.getByRole('button', { name: /^提醒/ }).first();
    const name = (await button.getAttribute('aria-label'))!.replace(/^提醒/, '');
    const answer = j.page.waitForResponse((r) => r.url().includes('/dashboard/reminders'));
    await button.click();
    expect((await answer).status()).toBe(200);
    const shown = j.page.locator('.ant-message').getByText(name).last();
    await shown.waitFor();
    expect(await shown.innerText()).toMatch(new RegExp(`已提醒${name}（\\d+ 个账号收到站内通知）`));
    const row = laggards.getByRole('listitem').filter({ hasText: name }).first();
    await row.getByRole('button', { name: /今日已提醒 \d\d:\d\d/ }).waitFor();
    expect(await row.getByRole('button', { name: /今日已提醒/ }).isDisabled()).toBe(true);
    await expectFitsPhone(j.page, '单位看板（提醒后）', { shot: 'dashboard-reminded' });

    // A second reminder the same day is refused, and says so.
    const orgId = /org=(\d+)/.exec((await row.getByRole('link').first().getAttribute('href'))!)![1];
    const api = await apiAs(j.context.request);
    const again = await api.post(`/api/campaigns/${campaignId}/dashboard/reminders`, {
      orgId,
      measure: 'plans',
    });
    expect(again.status()).toBe(409);
    expect(((await again.json()) as { detail: string }).detail).toMatch(/今天|今日/);
  });

  it('downloads the unit’s 活动统计表 whose totals are the dashboard’s numbers', async () => {
    await j.page.goto(`/annex?campaignId=${campaignId}&orgId=${unitId}`);
    await j.page.getByLabel('活动统计表').waitFor();
    const [download] = await Promise.all([
      j.page.waitForEvent('download'),
      j.page.getByRole('button', { name: '下载活动统计表' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/活动统计表.*\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    const ws = wb.getWorksheet('活动统计表')!;
    // A column by its header: the second header row, else the first (single columns span both).
    const column = (label: string) => {
      for (let c = 1; c <= ws.columnCount; c++) {
        const sub = ws.getRow(5).getCell(c).value;
        const top = ws.getRow(4).getCell(c).value;
        if ((sub || top) === label) return c;
      }
      throw new Error(`活动统计表没有「${label}」列`);
    };
    let total = 6;
    while (ws.getRow(total).getCell(2).value !== '合计') {
      expect(total, '活动统计表缺少合计行').toBeLessThan(ws.rowCount);
      total++;
    }
    const cell = (label: string) => Number(ws.getRow(total).getCell(column(label)).value);
    expect({
      members: cell('党员数'),
      lectured: cell('已宣讲党员'),
      plansFiled: cell('已报宣讲计划'),
    }).toEqual({
      members: unitNumbers.members,
      lectured: unitNumbers.lectured,
      plansFiled: unitNumbers.plansFiled,
    });
  });

  it('a unit’s 宣讲开展 opens the records it counts, narrowed to the unit', async () => {
    await j.page.goto(`/campaigns/${campaignId}/dashboard?org=${unitId}`);
    const unitName = (await j.page.getByTestId('dashboard-org').innerText()).trim();
    const card = j.page.getByTestId('number-lectures');
    const records = count(/([\d,]+)\s*场/.exec(await card.innerText())![1]!);
    await card.click();
    await j.page.waitForURL(/\/lectures\?/);
    await j.page
      .getByTestId('filter-org')
      .filter({ hasText: `范围：${unitName}` })
      .waitFor();
    const total = j.page.getByTestId('lecture-total');
    await total.waitFor();
    expect(count(/共 ([\d,]+) 条/.exec(await total.innerText())![1]!)).toBe(records);
    await expectFitsPhone(j.page, '宣讲记录（按单位）');
    // The filter clears from the tag, and with it from the address.
    await j.page.getByTestId('filter-org').getByRole('button').click();
    await j.page.waitForURL((url) => !url.searchParams.has('org'));
    await j.page.getByTestId('filter-org').waitFor({ state: 'detached' });
  });
});
