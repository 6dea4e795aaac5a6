import ExcelJS from 'exceljs';
import {
  audienceTypeLabels,
  formatBeijingDate,
  genderLabels,
  poolSpeakerSourceLabels,
  type AudienceType,
} from '@jiangtai/contracts';
import type { SpeakerRow } from './repository.ts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const HEADERS = [
  ['序号', 6],
  ['姓名', 10],
  ['性别', 6],
  ['单位及职务', 30],
  ['政治面貌', 12],
  ['联系电话', 14],
  ['宣讲专长', 24],
  ['适合对象', 20],
  ['入库方式', 10],
  ['备注', 20],
] as const;

export type PoolSheetRow = (string | number)[];

/** One table row per active speaker, in the annex's column order. */
export function poolSheetRows(speakers: SpeakerRow[]): PoolSheetRow[] {
  return speakers.map((s, i) => [
    i + 1,
    s.name,
    s.gender ? genderLabels[s.gender] : '',
    s.unit_title,
    s.political_status ?? '',
    s.phone ?? '',
    s.specialties.join('、'),
    s.audiences.map((a) => audienceTypeLabels[a as AudienceType] ?? a).join('、'),
    poolSpeakerSourceLabels[s.source],
    s.source_note,
  ]);
}

/**
 * 师资库统计表 (annex 2 of the 焦作 notice): per pool a sheet titled 「<org>微型党课宣讲员师资库统计表」, a
 * 填报单位 line, the table, then 填报人 / 联系电话 / 填报日期 lines left for the person who signs it
 * (the date filled in with today's).
 */
export async function buildPoolWorkbook(input: {
  now: Date;
  sheets: { title: string; unitName: string; rows: PoolSheetRow[] }[];
}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '讲台 Jiangtai';
  const used = new Set<string>();
  const sheets = input.sheets.length ? input.sheets : [{ title: '师资库', unitName: '', rows: [] }];
  for (const s of sheets) {
    const sheet = workbook.addWorksheet(sheetName(s.title, used), {
      pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    sheet.columns = HEADERS.map(([, width]) => ({ width }));
    const last = HEADERS.length;
    const title = sheet.addRow([`${s.unitName}微型党课宣讲员师资库统计表`]);
    title.font = { bold: true, size: 16 };
    title.alignment = { horizontal: 'center' };
    sheet.mergeCells(1, 1, 1, last);
    sheet.addRow([`填报单位（盖章）：${s.unitName}`]);
    sheet.mergeCells(2, 1, 2, last);
    const header = sheet.addRow(HEADERS.map(([h]) => h));
    header.font = { bold: true };
    header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    for (const r of s.rows) {
      const row = sheet.addRow(r);
      row.alignment = { vertical: 'middle', wrapText: true };
      row.getCell(6).numFmt = '@';
    }
    const end = sheet.rowCount;
    for (let i = 3; i <= end; i++)
      sheet.getRow(i).eachCell({ includeEmpty: true }, (cell) => {
        cell.border = {
          top: { style: 'thin' },
          left: { style: 'thin' },
          bottom: { style: 'thin' },
          right: { style: 'thin' },
        };
      });
    sheet.addRow([]);
    const sign = sheet.addRow([
      `填报人：`,
      '',
      '',
      '',
      `联系电话：`,
      '',
      '',
      `填报日期：${formatBeijingDate(input.now)}`,
    ]);
    sheet.mergeCells(sign.number, 1, sign.number, 4);
    sheet.mergeCells(sign.number, 5, sign.number, 7);
    sheet.mergeCells(sign.number, 8, sign.number, last);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Excel sheet names: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. Cut by whole
 * characters (an emoji is two UTF-16 units, which Excel counts): half of one would be a lone surrogate.
 */
export function sheetName(title: string, used: Set<string>, fallback = '师资库') {
  let base = '';
  for (const ch of title.replace(/[:\\/?*[\]]/g, '')) {
    if (base.length + ch.length > 28) break;
    base += ch;
  }
  base ||= fallback;
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base}${i}`;
  used.add(name);
  return name;
}
