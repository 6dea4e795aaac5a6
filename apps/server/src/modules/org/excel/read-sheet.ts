import type ExcelJS from 'exceljs';
import type { ImportIssue, ImportNotice } from '@jiangtai/contracts';
import type { ColumnSpec } from './layout.ts';
import { headerKey } from './normalise.ts';
import { cellText, type SheetRow } from './cells.ts';

/** More rows than this in one sheet is almost certainly the wrong file; split big rosters instead. */
export const MAX_ROWS_PER_SHEET = 60_000;
/** A title, a date line and a blank row above the header are common; further down is not a header. */
export const HEADER_SCAN_ROWS = 10;

export interface SheetReport {
  issues: ImportIssue[];
  notices: ImportNotice[];
}

interface Header<K extends string> {
  row: number;
  positions: Map<K, number>;
  /** Header cells that are no template column (or repeat one): their cells are not imported. */
  ignored: { col: number; text: string; duplicate: boolean }[];
}

function readHeader<K extends string>(
  sheet: ExcelJS.Worksheet,
  n: number,
  columns: ColumnSpec<K>[],
): Header<K> {
  const positions = new Map<K, number>();
  const ignored: Header<K>['ignored'] = [];
  sheet.getRow(n).eachCell((cell, col) => {
    const text = cellText(cell.value);
    if (text === '') return;
    const spec = columns.find((c) => c.header === headerKey(text));
    if (spec && !positions.has(spec.key)) positions.set(spec.key, col);
    else ignored.push({ col, text, duplicate: spec !== undefined });
  });
  return { row: n, positions, ignored };
}

/**
 * The header is the first of the top rows holding every required header (a file with a title row
 * above it is read as meant, and the uploader is told). Failing that, the row holding the most
 * known headers is taken as the intended header and ONE issue names what it lacks — not one issue
 * per missing column, which read as if the whole file were wrong.
 */
function findHeader<K extends string>(
  sheet: ExcelJS.Worksheet,
  sheetName: string,
  columns: ColumnSpec<K>[],
  report: SheetReport,
): Header<K> | null {
  const required = columns.filter((c) => c.required);
  let best: Header<K> | null = null;
  const last = Math.min(HEADER_SCAN_ROWS, sheet.rowCount);
  for (let n = 1; n <= last; n++) {
    const header = readHeader(sheet, n, columns);
    if (required.every((c) => header.positions.has(c.key))) return header;
    if (header.positions.size > (best?.positions.size ?? 0)) best = header;
  }
  const all = required.map((c) => `「${c.header}」`).join('');
  if (!best) {
    report.issues.push({
      sheet: sheetName,
      row: 1,
      column: '',
      reason: `没有找到表头：表头应在第 1 行，包含${all}（前 ${HEADER_SCAN_ROWS} 行中都没有找到），请使用下载的导入模板`,
    });
    return null;
  }
  const missing = required.filter((c) => !best.positions.has(c.key));
  report.issues.push({
    sheet: sheetName,
    row: best.row,
    column: missing.map((c) => c.header).join('、'),
    reason: `第 ${best.row} 行的表头缺少${missing.map((c) => `「${c.header}」`).join('')}，请按下载的导入模板填写表头（表头应为${all}）`,
  });
  return null;
}

/** What a cell holds, as the import reads it; a formula counts as the value Excel last showed. */
function readCell(
  value: ExcelJS.CellValue,
): { ok: true; value: ExcelJS.CellValue; formula: string | null } | { ok: false; reason: string } {
  if (value && typeof value === 'object' && ('formula' in value || 'sharedFormula' in value)) {
    const formula = ('formula' in value ? value.formula : value.sharedFormula) ?? '';
    const result = value.result as ExcelJS.CellValue | undefined;
    if (result === undefined || result === null)
      return {
        ok: false,
        reason: `该单元格是公式（=${formula}），文件中没有保存计算结果；请在 Excel 中打开并保存后重新上传，或直接填写内容`,
      };
    if (typeof result === 'object' && 'error' in result)
      return {
        ok: false,
        reason: `该单元格的公式（=${formula}）结果为错误值 ${result.error}，请改正后重新上传`,
      };
    return { ok: true, value: result, formula };
  }
  return { ok: true, value, formula: null };
}

/**
 * Reads one sheet into rows of trimmed, normalised cell text. Issues refuse the file; notices say
 * what was taken differently from how it was written (all reported with row and column).
 */
export function readSheet<K extends string>(
  sheet: ExcelJS.Worksheet,
  sheetName: string,
  columns: ColumnSpec<K>[],
  normalisers: Partial<Record<K, (cell: string) => string>>,
  report: SheetReport,
): SheetRow<K>[] {
  const header = findHeader(sheet, sheetName, columns, report);
  if (!header) return [];
  const notice = (kind: ImportNotice['kind'], row: number, column: string, message: string) =>
    report.notices.push({ kind, sheet: sheetName, row, column, message });
  if (header.row > 1)
    notice(
      'header',
      header.row,
      '',
      `表头在第 ${header.row} 行，已跳过上面 ${header.row - 1} 行（如标题），从第 ${header.row + 1} 行开始导入`,
    );
  for (const c of header.ignored)
    notice(
      'ignored_column',
      header.row,
      c.text,
      c.duplicate
        ? `「${c.text}」列重复，只导入了左边第一列，这一列的内容未导入`
        : `「${c.text}」不是导入模板中的列，这一列的内容未导入`,
    );

  const rows: SheetRow<K>[] = [];
  const last = sheet.actualRowCount > 0 ? sheet.rowCount : 0;
  if (last - header.row > MAX_ROWS_PER_SHEET) {
    report.issues.push({
      sheet: sheetName,
      row: 0,
      column: '',
      reason: `超过 ${MAX_ROWS_PER_SHEET} 行，请拆分成几个文件分批导入`,
    });
    return [];
  }
  for (let n = header.row + 1; n <= last; n++) {
    const row = sheet.getRow(n);
    const text = {} as Record<K, string>;
    const raw = {} as Record<K, ExcelJS.CellValue>;
    const rowNotices: [ImportNotice['kind'], string, string][] = [];
    const rowIssues: [string, string][] = [];
    for (const c of columns) {
      const col = header.positions.get(c.key);
      const cell = readCell(col ? row.getCell(col).value : null);
      if (!cell.ok) {
        rowIssues.push([c.header, cell.reason]);
        raw[c.key] = null;
        text[c.key] = '';
        continue;
      }
      const written = cellText(cell.value);
      const value = normalisers[c.key]?.(written) ?? written;
      raw[c.key] = cell.value;
      text[c.key] = value;
      if (cell.formula !== null && written !== '')
        rowNotices.push([
          'formula',
          c.header,
          `该单元格是公式（=${cell.formula}），已按显示值「${written}」导入`,
        ]);
      if (value !== written) rowNotices.push(['normalised', c.header, `「${written}」已规范为「${value}」`]);
    }
    // A row that only holds formulas evaluating to nothing is as blank as an empty one.
    if (Object.values<string>(text).every((v) => v === '') && rowIssues.length === 0) continue;
    for (const [column, reason] of rowIssues)
      report.issues.push({ sheet: sheetName, row: n, column, reason });
    for (const [kind, column, message] of rowNotices) notice(kind, n, column, message);
    rows.push({ row: n, text, raw });
  }
  return rows;
}
