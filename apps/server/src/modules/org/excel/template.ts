import ExcelJS from 'exceljs';
import { EXAMPLE_CODE_PREFIX, genderLabels, orgTypeLabels, partyStatusLabels } from '@jiangtai/contracts';
import {
  HELP_SHEET,
  helpLines,
  type HelpVariant,
  MEMBER_COLUMNS,
  MEMBER_SHEET,
  ORG_COLUMNS,
  ORG_SHEET,
  type ColumnSpec,
} from './layout.ts';

/** Rows that get drop-down lists and text formats in the template. */
const TEMPLATE_ROWS = 1000;

/** Header row frozen on scroll (given at creation: the streaming writer's views are read-only). */
export const SHEET_OPTIONS: Partial<ExcelJS.AddWorksheetOptions> = {
  views: [{ state: 'frozen', ySplit: 1 }],
};

/** Header row: bold on a light red band, columns sized; text columns formatted as text. */
export function styleSheet<K extends string>(sheet: ExcelJS.Worksheet, columns: ColumnSpec<K>[]) {
  sheet.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    style: c.text ? { numFmt: '@' } : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDECEA' } };
}

export function addHelpSheet(workbook: ExcelJS.Workbook, variant: HelpVariant) {
  const help = workbook.addWorksheet(HELP_SHEET);
  help.getColumn(1).width = 120;
  helpLines(variant).forEach((line, i) => {
    const cell = help.getCell(i + 1, 1);
    cell.value = line;
    cell.alignment = { wrapText: true, vertical: 'top' };
    if (i === 0) cell.font = { bold: true, size: 14 };
  });
}

function listValidation(sheet: ExcelJS.Worksheet, column: number, choices: string[]) {
  for (let row = 2; row <= TEMPLATE_ROWS; row++) {
    sheet.getCell(row, column).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${choices.join(',')}"`],
      showErrorMessage: true,
      errorTitle: '请从下拉列表中选择',
      error: `可选：${choices.join('、')}`,
    };
  }
}

/**
 * The import template: 组织 and 党员 sheets with header, two example rows each (codes start with 示例,
 * which the import refuses, so an untouched template cannot create fake data), drop-downs for the
 * fixed choices, and the 说明 sheet. `parentCode` is an org the downloader manages, so the example
 * reads like their own tree.
 */
export async function buildTemplate(parentCode: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '讲台 Jiangtai';
  const orgs = workbook.addWorksheet(ORG_SHEET, SHEET_OPTIONS);
  styleSheet(orgs, ORG_COLUMNS);
  const p = EXAMPLE_CODE_PREFIX;
  orgs.addRow([`${p}001`, '（示例）机关党总支', orgTypeLabels.general_branch, parentCode, 1]);
  orgs.addRow([`${p}002`, '（示例）机关第一党支部', orgTypeLabels.branch, `${p}001`, 1]);
  listValidation(orgs, 3, Object.values(orgTypeLabels));

  const members = workbook.addWorksheet(MEMBER_SHEET, SHEET_OPTIONS);
  styleSheet(members, MEMBER_COLUMNS);
  members.addRow([
    '王小明',
    genderLabels.male,
    '13800000001',
    partyStatusLabels.full,
    '书记、宣传委员',
    `${p}002`,
    '2008-07-01',
  ]);
  members.addRow([
    '李小红',
    genderLabels.female,
    '13800000002',
    partyStatusLabels.probationary,
    '党员',
    `${p}002`,
    '2025-06-30',
  ]);
  listValidation(members, 2, Object.values(genderLabels));
  listValidation(members, 4, Object.values(partyStatusLabels));
  for (const sheet of [orgs, members]) {
    for (const row of [2, 3]) sheet.getRow(row).font = { italic: true, color: { argb: 'FF888888' } };
  }
  addHelpSheet(workbook, 'template');
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
