import ExcelJS from 'exceljs';
import { coverageRate, formatBeijingDateTime, orgTypeLabels, type OrgType } from '@jiangtai/contracts';
import { BRANCH_ORG_TYPES } from '../org/branch-leaders.ts';
import type { PathSums } from './repository.ts';
import { addSums, secretaryLectured, ZERO_SUMS } from './rules.ts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface SectionOrg {
  id: string;
  name: string;
  type: OrgType;
  path: string;
  parent_id: string | null;
  depth: number;
  sort_order: number;
}

export interface CoverageSection {
  top: { id: string; path: string };
  orgs: SectionOrg[];
  /** The rollup rows of the subtree: per path its subtree's numbers (below the top level) and its own. */
  sums: { orgPath: string; subtree: PathSums; own: PathSums }[];
}

const HEADERS = [
  ['组织', 34],
  ['类型', 10],
  ['党员数', 9],
  ['已宣讲', 9],
  ['覆盖率', 9],
  ['书记', 7],
  ['书记已宣讲', 11],
  ['副书记', 8],
  ['副书记已宣讲', 12],
  ['委员', 7],
  ['委员已宣讲', 11],
  ['支部书记是否已宣讲', 18],
] as const;

/**
 * Each org's subtree numbers: its row's, below the top level; a top-level org's are its own members
 * plus its children's subtrees (the rollups keep no subtree row for the top, see migration 031).
 */
function subtreeTotals(section: CoverageSection): Map<string, PathSums> {
  const rows = new Map(section.sums.map((r) => [r.orgPath, r]));
  const totals = new Map<string, PathSums>();
  for (const o of section.orgs) {
    const row = rows.get(o.path);
    if (o.path.indexOf('.') < o.path.length - 1) totals.set(o.path, row?.subtree ?? ZERO_SUMS);
    else {
      // Rows of its children, inactive ones included, as on the page.
      const children = section.sums.filter((r) => r.orgPath.split('.').length === 3);
      totals.set(
        o.path,
        children.reduce((a, c) => addSums(a, c.subtree), row?.own ?? ZERO_SUMS),
      );
    }
  }
  return totals;
}

/** Orgs parent before children, siblings by sort order: the tree read top to bottom. */
function treeOrder(orgs: SectionOrg[], topId: string): SectionOrg[] {
  const kids = new Map<string | null, SectionOrg[]>();
  for (const o of orgs) kids.set(o.parent_id, [...(kids.get(o.parent_id) ?? []), o]);
  const out: SectionOrg[] = [];
  const visit = (o: SectionOrg) => {
    out.push(o);
    const list = (kids.get(o.id) ?? []).sort(
      (a, b) => a.sort_order - b.sort_order || Number(a.id) - Number(b.id),
    );
    for (const k of list) visit(k);
  };
  const top = orgs.find((o) => o.id === topId);
  if (top) visit(top);
  return out;
}

const yesNo = (v: boolean | null) => (v === null ? '未配备书记' : v ? '是' : '否');

/**
 * The coverage table of one or more subtrees: a title, the org and the time it was made, how the rate
 * is counted, then one row per org in tree order (indented by depth) with its subtree's numbers.
 */
export async function buildCoverageWorkbook(input: {
  campaignTitle: string;
  orgName: string;
  now: Date;
  sections: CoverageSection[];
}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '讲台 Jiangtai';
  const sheet = workbook.addWorksheet('覆盖情况', { views: [{ state: 'frozen', ySplit: 4 }] });
  sheet.columns = HEADERS.map(([, width]) => ({ width }));
  const last = HEADERS.length;

  const title = sheet.addRow([`${input.campaignTitle} · 人人上讲台覆盖情况`]);
  title.font = { bold: true, size: 16 };
  sheet.mergeCells(1, 1, 1, last);
  sheet.addRow([`组织：${input.orgName}    生成时间：${formatBeijingDateTime(input.now)}（北京时间）`]);
  sheet.mergeCells(2, 1, 2, last);
  sheet.addRow([
    '覆盖率 = 已宣讲党员 ÷ 党员数（现在册的党员，按现所在组织计；退回或删除的记录不计；外请宣讲人不计）。' +
      '书记、副书记、委员按最高职务各计一次。',
  ]);
  sheet.mergeCells(3, 1, 3, last);
  sheet.getRow(3).font = { color: { argb: 'FF666666' } };
  const header = sheet.addRow(HEADERS.map(([h]) => h));
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDECEA' } };

  for (const section of input.sections) {
    const totals = subtreeTotals(section);
    const own = new Map(section.sums.map((s) => [s.orgPath, s.own]));
    const topDepth = section.orgs.find((o) => o.id === section.top.id)?.depth ?? 0;
    for (const o of treeOrder(section.orgs, section.top.id)) {
      const t = totals.get(o.path) ?? ZERO_SUMS;
      const rate = coverageRate({ members: t.members, lectured: t.lectured });
      const branch = (BRANCH_ORG_TYPES as readonly string[]).includes(o.type);
      const mine = own.get(o.path) ?? ZERO_SUMS;
      const row = sheet.addRow([
        o.name,
        orgTypeLabels[o.type],
        t.members,
        t.lectured,
        rate === null ? '—' : rate / 100,
        t.secretaries,
        t.lecturedSecretaries,
        t.deputies,
        t.lecturedDeputies,
        t.committee,
        t.lecturedCommittee,
        branch
          ? yesNo(secretaryLectured({ secretaries: mine.secretaries, lectured: mine.lecturedSecretaries }))
          : '',
      ]);
      row.getCell(1).alignment = { indent: Math.min(o.depth - topDepth, 10) };
      row.getCell(5).numFmt = '0.0%';
      if (o.id === section.top.id) row.font = { bold: true };
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
