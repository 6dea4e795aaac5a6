import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IFontAttributesProperties,
} from 'docx';
import { genderLabels, type Gender } from '@jiangtai/contracts';

/**
 * The 推荐表 of the 岳阳 notice's annex as a Word document: a title, 「单位（盖章）：」 and a bordered
 * table — 姓名 / 性别 / 联系电话 on the first row, 所在基层党组织及职务, then a tall 微宣讲讲稿提纲 cell.
 * A4 portrait, 宋体 throughout (named in every run so Word and WPS pick the Chinese font).
 */

export interface RecommendationFormData {
  /** e.g. “大学习 走在前·千名支部书记微宣讲”活动 */
  campaignTitle: string;
  stageName: string;
  unitName: string;
  name: string;
  gender: Gender;
  phone: string | null;
  /** 所在基层党组织及职务, e.g. 市教育局第一党支部 书记 */
  orgAndPosition: string;
  outline: string;
  title: string;
}

const SONG: IFontAttributesProperties = { ascii: 'SimSun', hAnsi: 'SimSun', eastAsia: '宋体', cs: 'SimSun' };
const HEI: IFontAttributesProperties = { ascii: 'SimHei', hAnsi: 'SimHei', eastAsia: '黑体', cs: 'SimHei' };

/** Half-points: 小四 = 12pt = 24, 四号 = 14pt = 28, 二号 = 22pt = 44. */
const run = (text: string, opts: { size?: number; bold?: boolean; font?: IFontAttributesProperties } = {}) =>
  new TextRun({ text, font: opts.font ?? SONG, size: opts.size ?? 24, bold: opts.bold });

const line = { style: BorderStyle.SINGLE, size: 8, color: '000000' } as const;
const borders = { top: line, bottom: line, left: line, right: line };

// A4 (11906 × 16838 twips) with 2.5 cm side margins leaves ~8890 twips for the table.
const COLS = [1500, 1700, 1000, 1290, 1400, 2000];
const TABLE_WIDTH = COLS.reduce((a, b) => a + b, 0);

function cell(
  content: string | Paragraph[],
  opts: { span?: number; label?: boolean; height?: boolean } = {},
) {
  const paragraphs =
    typeof content === 'string'
      ? content.split('\n').map(
          (text) =>
            new Paragraph({
              alignment: opts.label ? AlignmentType.CENTER : AlignmentType.LEFT,
              children: [run(text, { size: 28 })],
            }),
        )
      : content;
  return new TableCell({
    children: paragraphs,
    columnSpan: opts.span,
    borders,
    verticalAlign: opts.height ? VerticalAlign.TOP : VerticalAlign.CENTER,
    margins: { top: 80, bottom: 80, left: 100, right: 100 },
  });
}

export function recommendationFormDocument(d: RecommendationFormData): Document {
  const outlineParagraphs = [
    new Paragraph({ children: [run(`题目：${d.title}`, { size: 28, bold: true })] }),
    ...(d.outline.trim() ? d.outline.trim().split(/\r?\n/) : ['']).map(
      (text) => new Paragraph({ spacing: { line: 400 }, children: [run(text, { size: 28 })] }),
    ),
  ];
  const table = new Table({
    width: { size: TABLE_WIDTH, type: WidthType.DXA },
    columnWidths: COLS,
    rows: [
      new TableRow({
        height: { value: 800, rule: 'atLeast' },
        children: [
          cell('姓  名', { label: true }),
          cell(d.name),
          cell('性别', { label: true }),
          cell(genderLabels[d.gender]),
          cell('联系电话', { label: true }),
          cell(d.phone ?? ''),
        ],
      }),
      new TableRow({
        height: { value: 1600, rule: 'atLeast' },
        children: [
          cell('所在基层\n党组织及\n职    务', { label: true }),
          cell(d.orgAndPosition, { span: 5 }),
        ],
      }),
      new TableRow({
        height: { value: 8000, rule: 'atLeast' },
        children: [
          cell('微宣讲\n讲稿提纲', { label: true }),
          cell(outlineParagraphs, { span: 5, height: true }),
        ],
      }),
    ],
  });
  return new Document({
    creator: '讲台 微宣讲活动平台',
    title: `${d.campaignTitle}推荐表`,
    styles: { default: { document: { run: { font: SONG, size: 24 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1440, bottom: 1440, left: 1417, right: 1417 },
          },
        },
        children: [
          new Paragraph({ children: [run('附件', { font: HEI, size: 32 })] }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: 240 },
            children: [run(d.campaignTitle, { size: 40, bold: true })],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 360 },
            children: [run(`${d.stageName}推荐表`, { size: 40, bold: true })],
          }),
          new Paragraph({
            spacing: { after: 120 },
            children: [run('单位（盖章）：', { size: 28 }), run(d.unitName, { size: 28 })],
          }),
          table,
          new Paragraph({
            spacing: { before: 200 },
            children: [
              run(
                '注：本表由推荐单位核对、加盖公章后扫描（PDF 或图片），上传至讲台平台该作品的“推荐表”一栏。',
                {
                  size: 24,
                },
              ),
            ],
          }),
        ],
      },
    ],
  });
}

export function recommendationFormDocx(d: RecommendationFormData): Promise<Buffer> {
  return Packer.toBuffer(recommendationFormDocument(d));
}
