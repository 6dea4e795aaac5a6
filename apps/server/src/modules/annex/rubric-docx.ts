import {
  AlignmentType,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { formatBeijingDateTime } from '@jiangtai/contracts';
import type { rubricsOf } from './rubric.ts';

const FONT = { ascii: 'SimSun', eastAsia: '宋体', hAnsi: 'SimSun' };
const text = (t: string, bold = false, size = 24) => new TextRun({ text: t, bold, size, font: FONT });
const cell = (t: string, width: number, bold = false) =>
  new TableCell({
    width: { size: width, type: WidthType.PERCENTAGE },
    children: [new Paragraph({ children: [text(t, bold)] })],
  });

/** 比赛评分标准 as a Word document: per stage a heading, the stage and total, and the items' table. */
export async function buildRubricDocx(input: {
  campaignTitle: string;
  rubrics: ReturnType<typeof rubricsOf>;
  now: Date;
}): Promise<Buffer> {
  const children = input.rubrics.flatMap((r, i) => [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      pageBreakBefore: i > 0,
      spacing: { after: 200 },
      children: [text(`${input.campaignTitle}比赛评分标准`, true, 36)],
    }),
    new Paragraph({ children: [text(`比赛阶段：${r.stageName}    总分：${r.total} 分`)] }),
    new Paragraph({
      spacing: { after: 200 },
      children: [text(`生成时间：${formatBeijingDateTime(input.now)}（北京时间）`, false, 18)],
    }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({
          tableHeader: true,
          children: [
            cell('序号', 8, true),
            cell('评分项', 22, true),
            cell('评分要点', 58, true),
            cell('分值', 12, true),
          ],
        }),
        ...r.criteria.map(
          (c, j) =>
            new TableRow({
              children: [
                cell(String(j + 1), 8),
                cell(c.name, 22),
                cell(c.description ?? '', 58),
                cell(String(c.max), 12),
              ],
            }),
        ),
        new TableRow({
          children: [cell('', 8), cell('合计', 22, true), cell('', 58), cell(String(r.total), 12, true)],
        }),
      ],
    }),
  ]);
  return Packer.toBuffer(new Document({ creator: '讲台 Jiangtai', sections: [{ children }] }));
}
