import type ExcelJS from 'exceljs';

export interface SheetRow<K extends string> {
  /** The row number Excel shows. */
  row: number;
  /** Cell text, trimmed and normalised (normalise.ts); '' for blank. */
  text: Record<K, string>;
  /** The raw cell value, for dates typed as Excel dates or serial numbers. */
  raw: Record<K, ExcelJS.CellValue>;
}

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
