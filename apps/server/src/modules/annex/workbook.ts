import ExcelJS from 'exceljs';
import {
  formatBeijingDate,
  formatBeijingDateTime,
  type ActivityNumbers,
  type ActivityTable,
} from '@jiangtai/contracts';
import { periodText } from './rules.ts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A header group: one column (its label spans both header rows) or several under one label. */
interface Group {
  label: string;
  columns: { label: string; width: number; value: (n: ActivityNumbers) => number | string }[];
}

const rate = (n: ActivityNumbers) => (n.coverage === null ? '—' : n.coverage / 100);

function groups(t: ActivityTable): Group[] {
  const one = (label: string, width: number, value: Group['columns'][number]['value']): Group => ({
    label,
    columns: [{ label, width, value }],
  });
  const out: Group[] = [
    one('党支部数', 8, (n) => n.branches),
    one('党员数', 8, (n) => n.members),
    one('已报宣讲计划', 10, (n) => n.plansFiled),
    {
      label: '开展微型党课',
      columns: [
        { label: '场次', width: 8, value: (n) => n.lectures },
        { label: '受众人次', width: 10, value: (n) => n.audience },
      ],
    },
    {
      label: '人人上讲台',
      columns: [
        { label: '已宣讲党员', width: 10, value: (n) => n.lecturedMembers },
        { label: '覆盖率', width: 9, value: rate },
      ],
    },
    {
      label: '支部书记',
      columns: [
        { label: '人数', width: 7, value: (n) => n.secretaries },
        { label: '已宣讲', width: 8, value: (n) => n.lecturedSecretaries },
      ],
    },
  ];
  if (t.stages.length)
    out.push({
      label: '报送作品',
      columns: t.stages.map((s) => ({ label: s.name, width: 9, value: (n) => n.entries[s.key] ?? 0 })),
    });
  out.push(
    one('师资库宣讲员', 10, (n) => n.poolSpeakers),
    one('点单宣讲完成', 10, (n) => n.ordersDelivered),
  );
  return out;
}

/** The table's title from the campaign's: 「…微型党课系列活动」 becomes 「…微型党课系列活动统计表」. */
export const activityTitle = (campaignTitle: string) =>
  campaignTitle.endsWith('统计表') ? campaignTitle : `${campaignTitle}统计表`;

const thin = { style: 'thin' } as const;
const border = { top: thin, left: thin, bottom: thin, right: thin };

/**
 * 活动统计表 in the notice's annex layout, A4 landscape: the title, 填报单位 and 统计期间, the time it was
 * generated, two header rows (frozen, printed on every page), one row per unit, 合计, then the
 * 填报人 / 联系电话 / 填报日期 line for the person who signs it.
 */
export async function buildActivityWorkbook(t: ActivityTable, now: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '讲台 Jiangtai';
  const gs = groups(t);
  const cols = gs.flatMap((g) => g.columns);
  const last = cols.length + 2;
  const sheet = workbook.addWorksheet('活动统计表', {
    views: [{ state: 'frozen', ySplit: 5, xSplit: 2 }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: '4:5',
    },
  });
  sheet.columns = [{ width: 6 }, { width: 28 }, ...cols.map((c) => ({ width: c.width }))];

  const title = sheet.addRow([activityTitle(t.campaign.title)]);
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center' };
  title.height = 28;
  sheet.mergeCells(1, 1, 1, last);
  sheet.addRow([`填报单位（盖章）：${t.org.name}    统计期间：${periodText(t.period)}`]);
  sheet.mergeCells(2, 1, 2, last);
  const note = sheet.addRow([
    `生成时间：${formatBeijingDateTime(now)}（北京时间，由讲台平台按已有数据生成）。` +
      '场次、受众人次、点单为统计期间内已确认的；党员数、覆盖率为活动开始至今；计划、作品、师资库为生成时的情况。',
  ]);
  note.font = { color: { argb: 'FF666666' }, size: 9 };
  sheet.mergeCells(3, 1, 3, last);

  const top = ['序号', '单位'];
  const sub = ['', ''];
  for (const g of gs)
    for (const c of g.columns) {
      top.push(g.label);
      sub.push(g.columns.length > 1 ? c.label : '');
    }
  sheet.addRow(top);
  sheet.addRow(sub);
  sheet.mergeCells(4, 1, 5, 1);
  sheet.mergeCells(4, 2, 5, 2);
  let col = 3;
  for (const g of gs) {
    if (g.columns.length === 1) sheet.mergeCells(4, col, 5, col);
    else sheet.mergeCells(4, col, 4, col + g.columns.length - 1);
    col += g.columns.length;
  }
  for (const r of [4, 5]) {
    const row = sheet.getRow(r);
    row.font = { bold: true };
    row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  }

  const several = t.rows.length > 1;
  t.rows.forEach((r, i) => {
    const name = r.own && several ? `${r.org?.name ?? ''}（本级）` : (r.org?.name ?? '');
    sheet.addRow([i + 1, name, ...cols.map((c) => c.value(r.numbers))]);
  });
  const total = sheet.addRow(['', '合计', ...cols.map((c) => c.value(t.totals))]);
  total.font = { bold: true };
  const rateCol = 3 + cols.findIndex((c) => c.label === '覆盖率');
  for (let r = 4; r <= total.number; r++) {
    const row = sheet.getRow(r);
    for (let c = 1; c <= last; c++) row.getCell(c).border = border;
    if (r > 5) {
      row.getCell(rateCol).numFmt = '0.0%';
      row.alignment = { vertical: 'middle' };
    }
  }

  sheet.addRow([]);
  const sign = sheet.addRow([]);
  const third = Math.max(3, Math.floor(last / 3));
  sign.getCell(1).value = '填报人：';
  sign.getCell(third + 1).value = '联系电话：';
  sign.getCell(2 * third + 1).value = `填报日期：${formatBeijingDate(now)}`;
  sheet.mergeCells(sign.number, 1, sign.number, third);
  sheet.mergeCells(sign.number, third + 1, sign.number, 2 * third);
  sheet.mergeCells(sign.number, 2 * third + 1, sign.number, last);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
