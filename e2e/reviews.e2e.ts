import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { login, newContext, screenshot, useJourney } from './support/browser.ts';
import { pickOptions } from './support/select.ts';
import { apiAs, okJson } from './support/api.ts';
import { expectAccessible } from './support/a11y.ts';

/**
 * 复赛 review of the demo city's 岳阳-style campaign (six entries already recommended by their units):
 * the organiser opens the round (3 judges per entry, highest and lowest dropped, top 4 advance),
 * builds the panel from the three demo judges and assigns automatically; two judges score on a
 * phone (the first saves a draft before submitting), the third through the API; the organiser sees
 * the ranking with the dropped scores, closes, confirms the top four and publishes the 公示; a person
 * without an account reads it on a phone and objects, the organiser answers; after the notice period the results are sealed; the .xlsx export
 * holds the numbers on the screen.
 */
const j = useJourney();

let roundId = '';
let campaignId = '';

/** Criterion values whose total is 78 + d (内容主题 40, 语言表达 25, 课件制作 15, 仪表风范 10, 时间把控 10). */
const scoresFor = (d: number) => ({ content: 30 + d, language: 20, courseware: 12, presence: 8, timing: 8 });
/** Per judge: the high one, the one who is kept, the low one — so every entry's final is judge 2's total. */
const offsets: Record<string, number> = { judge: 8, judge2: 2, judge3: -4 };

async function phoneAs(username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(j.browser, j.server.baseUrl, { mobile: true });
  const page = await context.newPage();
  await login(page, username);
  return { context, page };
}

/** Fills the five criteria on the phone's judging page. */
async function fillScores(page: Page, d: number) {
  const values = scoresFor(d);
  const labels: [keyof typeof values, string][] = [
    ['content', '内容主题（满分 40）'],
    ['language', '语言表达（满分 25）'],
    ['courseware', '课件制作（满分 15）'],
    ['presence', '仪表风范（满分 10）'],
    ['timing', '时间把控（满分 10）'],
  ];
  for (const [key, label] of labels) await page.getByLabel(label).fill(String(values[key]));
}

async function submitOnPhone(page: Page, code: string) {
  await page.getByLabel('时间把控（满分 10）').press('Tab'); // the last value is committed on blur
  await page.getByRole('button', { name: '提交评分' }).click();
  // The confirm dialog zooms in; a click during the animation can miss, so click until it is gone.
  const confirm = page
    .getByRole('dialog')
    .last()
    .getByRole('button', { name: /^提\s*交$/ });
  const locked = page.getByText('评分已提交并锁定').first();
  await confirm.waitFor();
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (await confirm.isVisible()) await confirm.click().catch(() => undefined);
    if (
      await locked.waitFor({ timeout: 15_000 }).then(
        () => true,
        () => false,
      )
    )
      return;
  }
  await screenshot(page, `reviews-submit-failed-${code}`);
  throw new Error(`提交 ${code} 的评分后没有锁定；页面内容：\n${await page.locator('body').innerText()}`);
}

/** Clicks a confirm dialog's button until the dialog closes (a click during its zoom-in can miss). */
async function confirmDialog(page: Page, name: string) {
  const button = page.getByRole('dialog').last().getByRole('button', { name });
  await button.waitFor();
  for (let attempt = 0; attempt < 3 && (await button.isVisible()); attempt += 1) {
    await button.click().catch(() => undefined);
    await button.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
  }
}

/** A judge's queue, codes sorted: every judge has all six entries, so the index is the same entry. */
async function codesOf(page: Page): Promise<string[]> {
  const api = await apiAs(page.request);
  const q = await okJson<{ items: { code: string }[] }>(await api.get(`/api/judging/rounds/${roundId}`));
  return q.items.map((i) => i.code).sort();
}

describe('复赛 review from opening the round to sealed results', () => {
  it('the organiser opens the 复赛 round, builds the panel and assigns automatically', async () => {
    await login(j.page, 'organiser');
    await j.page.goto('/campaigns');
    await j.page
      .getByRole('link', { name: /大学习 走在前/ })
      .first()
      .click();
    await j.page.waitForURL(/\/campaigns\/\d+$/);
    campaignId = /\/campaigns\/(\d+)/.exec(j.page.url())![1]!;
    await j.page.getByRole('button', { name: '开启复赛评审' }).click();
    await j.page.waitForURL(/\/rounds\/new/);
    await j.page.getByLabel('每件作品评委人数').fill('3');
    await j.page.getByLabel('晋级人数 N').fill('4');
    await screenshot(j.page, 'reviews-new-round');
    await j.page
      .getByRole('button', { name: /开\s*启|创建|保\s*存/ })
      .last()
      .click();
    await j.page.waitForURL(/\/rounds\/\d+$/);
    roundId = /\/rounds\/(\d+)/.exec(j.page.url())![1]!;

    await j.page.getByRole('tab', { name: '评委组' }).click();
    await j.page.getByRole('button', { name: '添加评委' }).click();
    const dialog = j.page.getByRole('dialog');
    await pickOptions(j.page, dialog, dialog.getByLabel('评委账号'), [
      '演示评委',
      '演示评委二',
      '演示评委三',
    ]);
    await dialog.locator('.ant-modal-title').click(); // closes the option list
    await dialog.getByRole('button', { name: '加入评委组' }).click();
    await expect.poll(() => j.page.getByRole('table', { name: '评委组' }).getByRole('row').count()).toBe(4);

    await j.page.getByRole('tab', { name: '作品与分配' }).click();
    await j.page.getByRole('button', { name: '自动分配' }).click();
    await j.page.getByText('已自动分配 18 份评审任务').waitFor();
    await screenshot(j.page, 'reviews-assigned');
    await expectAccessible(j.page, '评审轮次');
  });

  it('two judges score on a phone, the first saving a draft before submitting', async () => {
    for (const username of ['judge', 'judge2']) {
      const { context, page } = await phoneAs(username);
      await page.goto('/judging');
      await page.getByRole('button', { name: '开始评分' }).first().click();
      await page.waitForURL(/\/judging\/\d+$/);
      const codes = await codesOf(page);
      expect(codes).toHaveLength(6);
      // Judge 1 scores all six on the phone; judge 2 the first two, then the rest through the API.
      const onPhone = username === 'judge' ? codes : codes.slice(0, 2);
      for (const [i, code] of onPhone.entries()) {
        await page.goto(`/judging/${roundId}/${code}`);
        await page.getByRole('heading', { name: `作品 ${code}` }).waitFor();
        // Blind: no speaker, unit or title on the page.
        expect(await page.locator('body').innerText()).not.toMatch(/党支部|局/);
        if (username === 'judge' && i === 0) {
          await page.getByLabel('内容主题（满分 40）').fill('35');
          await page.getByRole('button', { name: '暂存' }).click();
          await page.getByText('已暂存').first().waitFor();
          await page.reload();
          expect(Number(await page.getByLabel('内容主题（满分 40）').inputValue())).toBe(35);
          await screenshot(page, 'reviews-judge-draft');
          // The Word manuscript is converted on the server into the platform's PDF, drawn in the page
          // with pdf.js (WeChat's browser shows no PDF by itself): page canvases and a page count.
          const preview = page.getByRole('button', { name: '在线查看讲稿' });
          await preview.waitFor({ timeout: 90_000 });
          await preview.click();
          const viewer = page.getByTestId('pdf-viewer');
          await viewer.getByTestId('pdf-page').first().waitFor({ timeout: 30_000 });
          await expect.poll(() => viewer.getByTestId('pdf-page-count').innerText()).toMatch(/^共 \d+ 页$/);
          await expect
            .poll(() =>
              viewer
                .getByTestId('pdf-page')
                .first()
                .evaluate((c: HTMLCanvasElement) => c.width > 0 && c.getBoundingClientRect().width <= 390),
            )
            .toBe(true);
          await screenshot(page, 'reviews-judge-pdf-in-page');
        }
        await fillScores(page, offsets[username]! - i);
        await submitOnPhone(page, code);
      }
      const api = await apiAs(page.request);
      for (const [i, code] of codes.entries()) {
        if (onPhone.includes(code)) continue;
        await okJson(
          await api.put(`/api/judging/rounds/${roundId}/items/${code}/score`, {
            scores: scoresFor(offsets[username]! - i),
            comment: '',
            submit: true,
          }),
        );
      }
      await page.goto(`/judging/${roundId}`);
      await page.getByText('已提交 6 / 6').first().waitFor();
      await screenshot(page, `reviews-${username}-queue`);
      await expectAccessible(page, '评委待评列表（手机）');
      await context.close();
    }
    // The third judge scores through the API.
    const { context, page } = await phoneAs('judge3');
    const api = await apiAs(page.request);
    for (const [i, code] of (await codesOf(page)).entries()) {
      await okJson(
        await api.put(`/api/judging/rounds/${roundId}/items/${code}/score`, {
          scores: scoresFor(offsets.judge3! - i),
          comment: '',
          submit: true,
        }),
      );
    }
    await context.close();
  });

  const screenScores = new Map<string, string>();

  it('the organiser sees the ranking with the dropped scores, closes and confirms the top four', async () => {
    await j.page.goto(`/rounds/${roundId}`);
    await j.page.getByRole('tab', { name: '评分结果' }).click();
    const table = j.page.getByRole('table', { name: '评分结果' });
    await table.waitFor();
    await j.page.getByRole('button', { name: '截止评分' }).click();
    await confirmDialog(j.page, '截止评分');
    await j.page.getByRole('button', { name: '确认晋级名单' }).waitFor();
    // Expand the first entry: one judge's total is dropped as highest, one as lowest.
    await table.getByRole('button', { name: /展开/ }).first().click();
    await j.page.getByText('去掉最高分').first().waitFor();
    await j.page.getByText('去掉最低分').first().waitFor();
    // Final scores on screen: judge 2's totals 80, 79, …, 75 (rank order).
    const rows = await table.locator('tbody tr.ant-table-row').all();
    for (const row of rows) {
      const cells = await row.locator('td').allInnerTexts();
      const code = cells.find((c) => /^[A-Z2-9]{6}$/.test(c.trim()));
      const score = cells.find((c) => /^\d+\.\d{2}$/.test(c.trim()));
      if (code && score) screenScores.set(code.trim(), score.trim());
    }
    expect([...screenScores.values()].sort().reverse()).toEqual([
      '80.00',
      '79.00',
      '78.00',
      '77.00',
      '76.00',
      '75.00',
    ]);
    await screenshot(j.page, 'reviews-results');
    await expectAccessible(j.page, '评分结果');
    await j.page.getByRole('button', { name: '确认晋级名单' }).click();
    await confirmDialog(j.page, '确认晋级名单');
    await j.page.getByText('晋级名单已确认').first().waitFor();
    expect(await table.getByText('晋级', { exact: true }).count()).toBe(4);
  });

  it('the 公示 is published, someone without an account objects, the organiser answers', async () => {
    await j.page.getByRole('button', { name: '发布公示' }).click();
    await confirmDialog(j.page, '发布公示');
    await j.page.getByText('已发布公示').first().waitFor();
    // Sealing waits for the notice period: the button says why instead of failing when pressed.
    await j.page
      .getByTestId('seal-blocked')
      .getByText(/^公示期至 \d+年\d+月\d+日，期满后可封存$/)
      .waitFor();
    expect(await j.page.getByRole('button', { name: '封存结果' }).isDisabled()).toBe(true);

    // 公示 is for the public: a phone that never signed in reads it and objects.
    const context = await newContext(j.browser, j.server.baseUrl, { mobile: true });
    const page = await context.newPage();
    await page.goto('/publicity');
    await page.getByRole('link', { name: /复赛/ }).first().click();
    await page.waitForURL(/\/publicity\/[A-Z0-9]{12}$/);
    await expect
      .poll(() => page.getByRole('list', { name: '公示名单' }).getByRole('listitem').count())
      .toBe(4);
    expect(await page.locator('body').innerText()).toContain('无需登录');
    await page.getByLabel('异议内容').fill('第一名的讲稿与往年获奖作品相似，请予核实。');
    await page.getByLabel('联系人').fill('王群众');
    await page.getByLabel('联系电话').fill('13700001111');
    await page
      .getByRole('button', { name: /提交异议|提出异议/ })
      .last()
      .click();
    await page
      .getByText(/异议已提交/)
      .first()
      .waitFor();
    expect(page.url()).not.toContain('/login');
    await screenshot(page, 'reviews-objection');
    await context.close();

    await j.page.getByRole('tab', { name: '公示与异议' }).click();
    const objections = j.page.getByRole('table', { name: '异议' });
    await objections.getByRole('button', { name: '答复' }).click();
    const dialog = j.page.getByRole('dialog');
    await dialog.getByLabel('异议不成立').check();
    await dialog.getByLabel('答复理由').fill('经核查，两篇讲稿主题和内容均不相同。');
    await dialog.getByRole('button', { name: '提交答复' }).click();
    await j.page.getByText('已答复').first().waitFor();
  });

  it('after the notice period the results are sealed, and the export holds the screen’s numbers', async () => {
    // Ten days later (the server's clock moved on; sessions have expired meanwhile).
    await j.server.restart({ CLOCK_OFFSET_DAYS: '10' });
    await login(j.page, 'organiser');
    await j.page.goto(`/rounds/${roundId}`);
    await j.page.getByRole('tab', { name: '评分结果' }).click();
    await j.page.getByRole('button', { name: '封存结果' }).click();
    await confirmDialog(j.page, '封存结果');
    await j.page.getByText('结果已封存').first().waitFor();
    await j.page
      .getByText(/[0-9a-f]{64}/)
      .first()
      .waitFor();
    await screenshot(j.page, 'reviews-sealed');

    await j.page.getByRole('tab', { name: '监督' }).click();
    const download = j.page.waitForEvent('download');
    await j.page.getByRole('link', { name: '导出评分总表' }).click();
    const file = await (await download).path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.worksheets[0]!;
    const fromSheet = new Map<string, string>();
    sheet.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1);
      const code = values.find((v) => typeof v === 'string' && /^[A-Z2-9]{6}$/.test(v)) as string | undefined;
      const header = sheet.getRow(3).values as unknown[];
      const finalCol = header.findIndex((v) => v === '最后得分');
      const final = finalCol > 0 ? row.getCell(finalCol).value : null;
      if (code && typeof final === 'number') fromSheet.set(code, final.toFixed(2));
    });
    expect(fromSheet).toEqual(screenScores);
    expect(campaignId).toMatch(/^\d+$/);
  });

  it('the organiser adds the finalists not yet in the city 师资库 from the results, one click each', async () => {
    await j.page.goto(`/rounds/${roundId}`);
    await j.page.getByRole('tab', { name: '评分结果' }).click();
    const table = j.page.getByRole('table', { name: '评分结果' });
    await table.waitFor();
    // The demo's city pool already holds three of the six: each click adds one or says it is there.
    const labels = await table
      .getByRole('button', { name: /^加入师资库：/ })
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    const names = labels.map((l) => /^加入师资库：(.+?)（/.exec(l)![1]!);
    expect(names).toHaveLength(6);
    const added: string[] = [];
    for (const name of names) {
      await table.getByRole('button', { name: `加入师资库：${name}（` }).click();
      const answer = j.page.getByText(new RegExp(`已把 ${name} 加入|${name}已在此师资库中`)).first();
      await answer.waitFor();
      if ((await answer.innerText()).startsWith('已把')) added.push(name);
    }
    expect(added).toHaveLength(3);
    const pools = await okJson<{ pools: { id: string; manages: boolean; org: { path: string } }[] }>(
      await (await apiAs(j.page.request)).get('/api/pools'),
    );
    const city = pools.pools
      .filter((p) => p.manages)
      .sort((a, b) => a.org.path.length - b.org.path.length)[0]!;
    await j.page.goto(`/pools/${city.id}`);
    const list = j.page.getByTestId('pool-speakers');
    for (const name of added) await list.getByRole('link', { name }).waitFor();
  });

  it('the 操作日志 tells the review in words: who scored which entry, no raw codes', async () => {
    await j.page.goto('/audit');
    await j.page.getByRole('combobox', { name: '类别' }).click();
    await j.page.locator('.ant-select-item-option[title="评审"]').click();
    const table = j.page.getByTestId('audit-table');
    await table
      .getByText(/评委 .+ 提交了作品 [A-Z2-9]{6} 的评分/)
      .first()
      .waitFor();
    const text = await table.innerText();
    expect(text).toMatch(/结束了评审轮次「复赛.*（.+）」的评分/);
    expect(text).not.toMatch(/round\.|review_round|#\d/);
    await screenshot(j.page, 'reviews-audit');
    await expectAccessible(j.page, '操作日志（评审）');
    // A person's name filters the log to what they did.
    await table.getByRole('button', { name: '演示评委二' }).first().click();
    await j.page.getByTestId('audit-person').getByText('演示评委二').waitFor();
    await expect
      .poll(async () => (await table.innerText()).match(/演示评委二 提交了作品/g)?.length ?? 0)
      .toBeGreaterThan(0);
    expect(await table.innerText()).not.toMatch(/评委 演示评委三 提交/);
  });
});
