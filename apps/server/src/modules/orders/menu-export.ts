import ExcelJS from 'exceljs';
import {
  audienceTypeLabels,
  lectureFormatLabels,
  type AudienceType,
  type MenuItem,
} from '@jiangtai/contracts';

const COLUMNS = [
  { header: '序号', width: 6 },
  { header: '宣讲题目', width: 30 },
  { header: '内容简介', width: 40 },
  { header: '类别', width: 12 },
  { header: '宣讲人', width: 20 },
  { header: '时长（分钟）', width: 12 },
  { header: '形式', width: 8 },
  { header: '适合听众', width: 20 },
  { header: '观看视频', width: 12 },
] as const;

/**
 * 宣讲菜单 as one sheet for printing or passing on: the items on offer (withdrawn ones left out). An
 * item's recording is a 观看视频 link (absolute, from `origin`) when the one exporting may view it.
 */
export async function menuWorkbook(poolName: string, items: MenuItem[], origin: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('宣讲菜单', {
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1 },
  });
  ws.mergeCells(1, 1, 1, COLUMNS.length);
  ws.getCell(1, 1).value = `${poolName} 宣讲菜单`;
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  const header = ws.getRow(2);
  COLUMNS.forEach((c, i) => {
    header.getCell(i + 1).value = c.header;
    header.getCell(i + 1).font = { bold: true };
    ws.getColumn(i + 1).width = c.width;
  });
  items
    .filter((i) => i.active)
    .forEach((item, n) => {
      const row = ws.addRow([
        n + 1,
        item.title,
        item.summary,
        item.category,
        item.speakers.map((s) => s.name).join('、'),
        item.durationMinutes,
        lectureFormatLabels[item.format],
        item.audiences.map((a: AudienceType) => audienceTypeLabels[a]).join('、'),
        item.classroomLecture ? { text: '观看视频', hyperlink: `${origin}${item.classroomLecture.url}` } : '',
      ]);
      row.alignment = { wrapText: true, vertical: 'top' };
    });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
