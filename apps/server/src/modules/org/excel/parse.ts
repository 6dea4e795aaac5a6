import ExcelJS from 'exceljs';
import type { ImportIssue, ImportNotice } from '@jiangtai/contracts';
import { AppError } from '../../../lib/errors.ts';
import {
  MEMBER_COLUMNS,
  MEMBER_SHEET,
  ORG_COLUMNS,
  ORG_SHEET,
  type MemberColumn,
  type OrgColumn,
} from './layout.ts';
import { MEMBER_NORMALISERS, ORG_NORMALISERS } from './normalise.ts';
import { readSheet } from './read-sheet.ts';

import type { SheetRow } from './cells.ts';

export { MAX_ROWS_PER_SHEET } from './read-sheet.ts';
export { cellText, isoDate, type SheetRow } from './cells.ts';

export interface ParsedWorkbook {
  orgs: SheetRow<OrgColumn>[];
  members: SheetRow<MemberColumn>[];
  issues: ImportIssue[];
  /** What was read differently from how it was written; never a reason to refuse. */
  notices: ImportNotice[];
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/** Reads an uploaded file: 415 when it is not an .xlsx at all; header problems come back as issues. */
export async function parseWorkbook(buffer: Buffer): Promise<ParsedWorkbook> {
  if (buffer.subarray(0, 4).equals(OLE_MAGIC)) {
    throw new AppError(
      'UNSUPPORTED_FILE',
      '这是旧版 Excel（.xls）文件，请在 Excel 中「另存为」Excel 工作簿（.xlsx）后再上传',
    );
  }
  if (!buffer.subarray(0, 4).equals(ZIP_MAGIC)) {
    throw new AppError('UNSUPPORTED_FILE', '文件不是 Excel 工作簿（.xlsx），请下载导入模板，填好后上传');
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    throw new AppError(
      'UNSUPPORTED_FILE',
      '无法读取这个文件，它可能已损坏或不是 Excel 工作簿（.xlsx）；请用 Excel 打开后重新保存再上传',
    );
  }
  const report = { issues: [] as ImportIssue[], notices: [] as ImportNotice[] };
  const { issues } = report;
  const orgSheet = findSheet(workbook, ORG_SHEET);
  const memberSheet = findSheet(workbook, MEMBER_SHEET);
  if (!orgSheet && !memberSheet) {
    issues.push({
      sheet: ORG_SHEET,
      row: 0,
      column: '',
      reason: `文件中没有「${ORG_SHEET}」或「${MEMBER_SHEET}」工作表，请使用下载的导入模板`,
    });
  }
  return {
    orgs: orgSheet ? readSheet(orgSheet, ORG_SHEET, ORG_COLUMNS, ORG_NORMALISERS, report) : [],
    members: memberSheet
      ? readSheet(memberSheet, MEMBER_SHEET, MEMBER_COLUMNS, MEMBER_NORMALISERS, report)
      : [],
    issues,
    notices: report.notices,
  };
}

function findSheet(workbook: ExcelJS.Workbook, name: string) {
  return workbook.worksheets.find((ws) => ws.name.trim() === name);
}
