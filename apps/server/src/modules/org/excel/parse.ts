import ExcelJS from 'exceljs';
import type { ImportIssue } from '@jiangtai/contracts';
import { AppError } from '../../../lib/errors.ts';
import {
  MEMBER_COLUMNS,
  MEMBER_SHEET,
  ORG_COLUMNS,
  ORG_SHEET,
  type ColumnSpec,
  type MemberColumn,
  type OrgColumn,
} from './layout.ts';

/** More rows than this in one sheet is almost certainly the wrong file; split big rosters instead. */
export const MAX_ROWS_PER_SHEET = 60_000;

export interface SheetRow<K extends string> {
  /** The row number Excel shows. */
  row: number;
  /** Cell text, trimmed; '' for blank. */
  text: Record<K, string>;
  /** The raw cell value, for dates typed as Excel dates or serial numbers. */
  raw: Record<K, ExcelJS.CellValue>;
}

export interface ParsedWorkbook {
  orgs: SheetRow<OrgColumn>[];
  members: SheetRow<MemberColumn>[];
  issues: ImportIssue[];
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/** YYYY-MM-DD of a date's UTC calendar day (exceljs reads Excel dates as UTC midnight). */
export const isoDate = (d: Date) => d.toISOString().slice(0, 10);

export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : isoDate(value);
  if ('richText' in value)
    return value.richText
      .map((t) => t.text)
      .join('')
      .trim();
  if ('formula' in value || 'sharedFormula' in value)
    return cellText((value.result ?? null) as ExcelJS.CellValue);
  if ('hyperlink' in value) return String(value.text ?? '').trim();
  if ('error' in value) return String(value.error);
  return '';
}

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
  const issues: ImportIssue[] = [];
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
    orgs: orgSheet ? readSheet(orgSheet, ORG_SHEET, ORG_COLUMNS, issues) : [],
    members: memberSheet ? readSheet(memberSheet, MEMBER_SHEET, MEMBER_COLUMNS, issues) : [],
    issues,
  };
}

function findSheet(workbook: ExcelJS.Workbook, name: string) {
  return workbook.worksheets.find((ws) => ws.name.trim() === name);
}

function readSheet<K extends string>(
  sheet: ExcelJS.Worksheet,
  sheetName: string,
  columns: ColumnSpec<K>[],
  issues: ImportIssue[],
): SheetRow<K>[] {
  const positions = new Map<K, number>();
  sheet.getRow(1).eachCell((cell, col) => {
    const spec = columns.find(
      (c) =>
        c.header ===
        cellText(cell.value)
          .replace(/\s+/g, '')
          .replace(/[*＊]$/, ''),
    );
    if (spec && !positions.has(spec.key)) positions.set(spec.key, col);
  });
  const missing = columns.filter((c) => c.required && !positions.has(c.key));
  for (const c of missing)
    issues.push({
      sheet: sheetName,
      row: 1,
      column: c.header,
      reason: `缺少表头「${c.header}」，请使用下载的导入模板`,
    });
  if (missing.length > 0) return [];

  const rows: SheetRow<K>[] = [];
  const last = sheet.actualRowCount > 0 ? sheet.rowCount : 0;
  if (last - 1 > MAX_ROWS_PER_SHEET) {
    issues.push({
      sheet: sheetName,
      row: 0,
      column: '',
      reason: `超过 ${MAX_ROWS_PER_SHEET} 行，请拆分成几个文件分批导入`,
    });
    return [];
  }
  for (let n = 2; n <= last; n++) {
    const row = sheet.getRow(n);
    const text = {} as Record<K, string>;
    const raw = {} as Record<K, ExcelJS.CellValue>;
    let blank = true;
    for (const c of columns) {
      const col = positions.get(c.key);
      const value = col ? row.getCell(col).value : null;
      raw[c.key] = value;
      text[c.key] = cellText(value);
      if (text[c.key] !== '') blank = false;
    }
    if (!blank) rows.push({ row: n, text, raw });
  }
  return rows;
}
