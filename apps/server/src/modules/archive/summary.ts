import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { formatBeijingDate } from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import { audit, type AuditWho } from '../audit/service.ts';
import { contentDisposition, safeSegment } from '../entries/file-names.ts';
import type { ArchiveScope } from './service.ts';
import * as repo from './repository.ts';
import { barChartPng } from './charts.ts';
import { summaryNumbers } from './summary-numbers.ts';

const FONT = { eastAsia: '宋体', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };
const run = (text: string, o: { bold?: boolean; size?: number; color?: string } = {}) =>
  new TextRun({ text, font: FONT, size: o.size ?? 28, bold: o.bold, color: o.color });
const para = (text: string, o: { bold?: boolean; size?: number; color?: string } = {}) =>
  new Paragraph({ children: [run(text, o)], spacing: { after: 120 } });
const heading = (text: string) =>
  new Paragraph({
    heading: HeadingLevel.HEADING_2,
    children: [run(text, { bold: true, size: 32 })],
    spacing: { before: 240, after: 120 },
  });

/** The sections the staff write themselves, each with a prompt in grey to be replaced. */
const TO_FILL: [string, string][] = [
  ['主要做法', '（请填写：组织发动、宣讲形式、阵地建设等主要做法。）'],
  ['经验成效', '（请填写：取得的成效、典型经验和群众反响。）'],
  ['存在问题', '（请填写：工作中存在的不足和问题。）'],
  ['下步打算', '（请填写：下一步工作打算。）'],
];

/** 活动总结（草稿）: the key numbers, two charts and the award list; the staff write the rest. */
export async function seasonSummary(deps: AppDeps, scope: ArchiveScope, who: AuditWho) {
  const { org, campaign, stages, season } = scope;
  const n = await summaryNumbers(deps.db, {
    campaignId: campaign.id,
    org,
    seasonFrom: season.from,
    seasonTo: season.to,
  });
  const awards = await repo.listItems(deps.db, {
    campaignId: campaign.id,
    path: org.path,
    seasonFrom: season.from,
    seasonTo: season.to,
    category: 'result',
  });
  const stageName = new Map(stages.map((s) => [s.key, s.name]));
  const byStage = new Map<string, number>();
  for (const r of n.stages) byStage.set(r.stage_key, (byStage.get(r.stage_key) ?? 0) + r.count);
  const stageBars = [...byStage].map(([k, v]) => ({ label: stageName.get(k) ?? k, value: v }));
  const [monthChart, stageChart] = await Promise.all([
    barChartPng(
      '每月宣讲场次',
      n.months.map((m) => ({ label: `${Number(m.month.slice(5))}月`, value: m.count })),
    ),
    barChartPng('各阶段参赛作品', stageBars),
  ]);
  const cov = n.coverage;
  const keyNumbers: [string, string][] = [
    ['提交宣讲计划', `${n.plans.filed} 份，计划宣讲 ${n.plans.lines} 场`],
    ['开展宣讲', `${n.lectures.count} 场，受众 ${n.lectures.audience} 人次`],
    [
      '人人上讲台覆盖',
      cov.percent === null
        ? '暂无党员数据'
        : `${cov.lectured} / ${cov.members} 名党员，覆盖率 ${cov.percent}%`,
    ],
    ...stageBars.map((b): [string, string] => [`参赛作品（${b.label}）`, `${b.value} 件`]),
    ['获奖', `${awards.length} 项`],
    ['师资库', `在库宣讲员 ${n.pool.active} 人，本季新入库 ${n.pool.joined} 人`],
    ['送课到基层', `${n.orders.delivered} 场，受众 ${n.orders.audience} 人次`],
  ];
  const cell = (text: string, bold = false) =>
    new TableCell({ children: [new Paragraph({ children: [run(text, { bold, size: 24 })] })] });
  const table = (rows: string[][]) =>
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: rows.map((r, i) => new TableRow({ children: r.map((c) => cell(c, i === 0)) })),
    });
  const image = (data: Buffer) =>
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new ImageRun({ type: 'png', data, transformation: { width: 540, height: 270 } })],
    });

  const doc = new Document({
    creator: '讲台',
    title: `${campaign.title}活动总结（草稿）`,
    sections: [
      {
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [run(`${org.name}${campaign.title}活动总结`, { bold: true, size: 40 })],
            spacing: { after: 120 },
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [
              run('（草稿：数据由平台生成，请核对并补写各部分后使用）', { size: 24, color: 'B0141B' }),
            ],
          }),
          para(`活动时间：${formatBeijingDate(season.from)}至${formatBeijingDate(season.to)}`),
          para(`统计截至：${formatBeijingDate(deps.clock.now())}`),
          heading('一、主要数据'),
          table([['项目', '数据'], ...keyNumbers.map(([k, v]) => [k, v])]),
          image(monthChart),
          image(stageChart),
          heading('二、获奖名单'),
          awards.length
            ? table([
                ['奖项及获奖者', '名次/得分', '单位'],
                ...awards.map((a) => [a.title, a.detail, a.org_name]),
              ])
            : para('本活动在本组织范围内暂无公布的获奖名单。'),
          ...TO_FILL.flatMap(([h, prompt], i) => [
            heading(`${['三', '四', '五', '六'][i]}、${h}`),
            para(prompt, { color: '888888' }),
          ]),
        ],
      },
    ],
  });
  const buffer = await Packer.toBuffer(doc);
  await audit(deps.db, who, {
    action: 'archive.summary_downloaded',
    entityType: 'campaign',
    entityId: campaign.id,
    orgPath: org.path,
    after: { orgId: org.id },
  });
  return {
    buffer,
    disposition: contentDisposition(
      'attachment',
      `${safeSegment(org.name)}-${safeSegment(campaign.title)}-活动总结（草稿）.docx`,
    ),
  };
}
