import ExcelJS from 'exceljs';
import { formatBeijingDateTime, type CampaignSettings } from '@jiangtai/contracts';
import { notFound } from '../../lib/errors.ts';
import { sheetName } from '../pool/export.ts';

const thin = { style: 'thin' } as const;
const border = { top: thin, left: thin, bottom: thin, right: thin };

/** The rubrics of a campaign with their stage's name, in the order of the stages; one stage when given. */
export function rubricsOf(settings: CampaignSettings, stageKey?: string) {
  const names = new Map(settings.stages.map((s, i) => [s.key, { name: s.name, order: i }]));
  const list = settings.rubrics
    .filter((r) => !stageKey || r.stageKey === stageKey)
    .map((r) => ({ ...r, stageName: names.get(r.stageKey)?.name ?? r.stageKey }))
    .sort((a, b) => (names.get(a.stageKey)?.order ?? 0) - (names.get(b.stageKey)?.order ?? 0));
  if (list.length === 0) throw notFound(stageKey ? '该阶段的评分标准' : '评分标准');
  return list;
}

/**
 * 比赛评分标准 (annex 3 of the notice): per stage with a rubric a sheet with the title, the stage, the
 * time it was generated, then 序号 / 评分项 / 评分要点 / 分值 and the 合计 (the rubric's total).
 */
export async function buildRubricWorkbook(input: {
  campaignTitle: string;
  rubrics: ReturnType<typeof rubricsOf>;
  now: Date;
}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '讲台 Jiangtai';
  const used = new Set<string>();
  for (const r of input.rubrics) {
    // The pool table's rule: the second of two names that clean up alike is numbered, not left unclean.
    const name = sheetName(r.stageName, used, '评分标准');
    const sheet = workbook.addWorksheet(name, {
      views: [{ state: 'frozen', ySplit: 4 }],
      pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    sheet.columns = [{ width: 6 }, { width: 18 }, { width: 60 }, { width: 8 }];
    const title = sheet.addRow([`${input.campaignTitle}比赛评分标准`]);
    title.font = { bold: true, size: 16 };
    title.alignment = { horizontal: 'center', wrapText: true };
    sheet.mergeCells(1, 1, 1, 4);
    sheet.addRow([`比赛阶段：${r.stageName}    总分：${r.total} 分`]);
    sheet.mergeCells(2, 1, 2, 4);
    const note = sheet.addRow([`生成时间：${formatBeijingDateTime(input.now)}（北京时间）`]);
    note.font = { color: { argb: 'FF666666' }, size: 9 };
    sheet.mergeCells(3, 1, 3, 4);
    const header = sheet.addRow(['序号', '评分项', '评分要点', '分值']);
    header.font = { bold: true };
    header.alignment = { horizontal: 'center' };
    r.criteria.forEach((c, i) => {
      const row = sheet.addRow([i + 1, c.name, c.description ?? '', c.max]);
      row.alignment = { vertical: 'middle', wrapText: true };
    });
    const total = sheet.addRow(['', '合计', '', r.total]);
    total.font = { bold: true };
    for (let i = 4; i <= total.number; i++)
      for (let c = 1; c <= 4; c++) sheet.getRow(i).getCell(c).border = border;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
