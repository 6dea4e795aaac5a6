import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { login, screenshot, screenshotDir, useJourney } from './support/browser.ts';
import { apiAs, okJson } from './support/api.ts';

const j = useJourney();

const NEW_ORG = '市讲台示范中心机关党委';

/** Clears every row below the header and writes `rows` from row 2 on. */
function writeRows(sheet: ExcelJS.Worksheet, rows: (string | number)[][]) {
  sheet.eachRow((row, n) => {
    if (n > 1) row.eachCell((cell) => (cell.value = null));
  });
  rows.forEach((values, i) => values.forEach((v, c) => (sheet.getRow(i + 2).getCell(c + 1).value = v)));
}

/** Fills the downloaded template: one new org under the city root, two members, the second one's phone as given. */
async function fillTemplate(template: string, rootCode: string, secondPhone: string, out: string) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(template);
  const orgs = book.getWorksheet('组织')!;
  const members = book.getWorksheet('党员')!;
  // Type over the template's example rows, as a person filling it in would.
  writeRows(orgs, [['E2E-VET', NEW_ORG, '党委', rootCode, 1]]);
  writeRows(members, [
    ['甲测试', '男', '19900000001', '正式党员', '书记', 'E2E-VET', '2001-07-01'],
    ['乙测试', '女', secondPhone, '预备党员', '党员', 'E2E-VET', '2025-06-30'],
  ]);
  await book.xlsx.writeFile(out);
  return out;
}

describe('an admin imports the organisation tree from Excel', () => {
  let template = '';
  let rootCode = '';

  it('downloads the import template from the import page', async () => {
    await login(j.page, 'admin');
    const api = await apiAs(j.context.request);
    const roots = await okJson<{ code: string }[]>(await api.get('/api/orgs/roots'));
    rootCode = roots[0]!.code;

    await j.page.goto('/org');
    await j.page.getByRole('button', { name: /从 Excel 导入/ }).click();
    await j.page.waitForURL(/\/org\/import$/);
    const [download] = await Promise.all([
      j.page.waitForEvent('download'),
      j.page.getByRole('button', { name: /下载导入模板/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('组织与党员导入模板.xlsx');
    fs.mkdirSync(screenshotDir, { recursive: true });
    template = path.join(screenshotDir, 'import-template.xlsx');
    await download.saveAs(template);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(template);
    expect(book.worksheets.map((s) => s.name)).toEqual(['组织', '党员', '说明']);
  });

  it('uploads a file with one bad row and reads a report naming sheet, row, column and reason', async () => {
    const bad = await fillTemplate(template, rootCode, '1990000', path.join(screenshotDir, '有错误.xlsx'));
    await j.page.locator('input[type=file]').setInputFiles(bad);
    const report = j.page.getByTestId('import-errors');
    await report.waitFor();
    const rows = report.locator('tbody tr.ant-table-row');
    expect(await rows.count()).toBe(1);
    const cells = await rows.first().locator('td').allInnerTexts();
    expect(cells.slice(0, 3)).toEqual(['党员', '3', '手机号']);
    expect(cells[3]).toContain('手机号');
    expect(await j.page.getByText('没有导入任何数据').isVisible()).toBe(true);
    await screenshot(j.page, 'org-import-rejected');

    // All or nothing: the good rows of the rejected file were not imported either.
    const api = await apiAs(j.context.request);
    const found = await okJson<{ items: unknown[] }>(
      await api.get(`/api/orgs/search?q=${encodeURIComponent(NEW_ORG)}`),
    );
    expect(found.items).toHaveLength(0);
  });

  it('imports the corrected file and shows what was created', async () => {
    const good = await fillTemplate(
      template,
      rootCode,
      '19900000002',
      path.join(screenshotDir, '已改正.xlsx'),
    );
    await j.page.locator('input[type=file]').setInputFiles(good);
    const summary = j.page.getByTestId('import-summary');
    await summary.waitFor();
    const text = await summary.innerText();
    expect(text).toMatch(/新建组织\s*1\s*个/);
    expect(text).toMatch(/新增党员\s*2\s*人/);
    await screenshot(j.page, 'org-import-done');
  });

  it('finds the new organisation in the tree with its members, phones masked', async () => {
    await j.page.goto('/org');
    await j.page.getByTestId('org-tree').locator('.ant-tree-treenode:not([aria-hidden])').first().waitFor();
    await j.page.getByLabel('搜索组织').fill('讲台示范');
    await j.page.locator('.ant-select-item-option').filter({ hasText: NEW_ORG }).first().click();
    const table = j.page.getByTestId('member-table');
    await table.getByText('甲测试').waitFor();
    const body = await table.innerText();
    expect(body).toContain('乙测试');
    expect(body).toContain('199****0002');
    expect(body).not.toContain('19900000002');
    await screenshot(j.page, 'org-import-tree');
  });
});
