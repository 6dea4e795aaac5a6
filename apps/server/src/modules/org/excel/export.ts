import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { genderLabels, orgTypeLabels, partyStatusLabels } from '@jiangtai/contracts';
import type { Org } from '../../../db/types.ts';
import { maskPhone } from '../../../lib/mask.ts';
import { withOrgTables, type Db } from '../tables.ts';
import { MEMBER_COLUMNS, MEMBER_SHEET, ORG_COLUMNS, ORG_SHEET, joinPositions } from './layout.ts';
import { SHEET_OPTIONS, addHelpSheet, styleSheet } from './template.ts';

/**
 * Members fetched per query while streaming: bounded memory at city scale, and each query short, so
 * on the embedded database (one connection) other requests get their turn between batches.
 */
const MEMBER_BATCH = 500;

export interface ExportTree {
  /** Active orgs of the subtree, parents before children, siblings by sort order. */
  orgs: Pick<Org, 'id' | 'parent_id' | 'path' | 'name' | 'type' | 'code' | 'sort_order'>[];
  /** Code of the root's parent, so the file re-imports under the same place. */
  rootParentCode: string;
  /** Active members directly in each org (from the trigger-maintained counts). */
  directCounts: Map<string, number>;
  memberCount: number;
}

export async function loadExportTree(db: Db, root: Org): Promise<ExportTree> {
  const rows = await db
    .selectFrom('orgs')
    .select(['id', 'parent_id', 'path', 'name', 'type', 'code', 'sort_order'])
    .where('path', 'like', `${root.path}%`)
    .where('active', '=', true)
    .execute();
  const children = new Map<string | null, typeof rows>();
  for (const r of rows) {
    if (!children.has(r.parent_id)) children.set(r.parent_id, []);
    children.get(r.parent_id)!.push(r);
  }
  const ordered: typeof rows = [];
  const visit = (org: (typeof rows)[number]) => {
    ordered.push(org);
    const kids = (children.get(org.id) ?? []).sort(
      (a, b) => a.sort_order - b.sort_order || Number(a.id) - Number(b.id),
    );
    for (const k of kids) visit(k);
  };
  const top = rows.find((r) => r.id === root.id);
  if (top) visit(top);
  const parent = root.parent_id
    ? await db.selectFrom('orgs').select('code').where('id', '=', root.parent_id).executeTakeFirst()
    : undefined;
  const counts = await withOrgTables(db)
    .selectFrom('org_member_counts')
    .select(['org_path', 'active_count'])
    .where('org_path', 'like', `${root.path}%`)
    .execute();
  const byPath = new Map(counts.map((c) => [c.org_path, c.active_count]));
  const directCounts = new Map(ordered.map((o) => [o.id, byPath.get(o.path) ?? 0]));
  return {
    orgs: ordered,
    rootParentCode: parent?.code ?? '',
    directCounts,
    memberCount: [...directCounts.values()].reduce((a, b) => a + b, 0),
  };
}

/** Excel's number format for 2010年7月1日 (the app's date format). */
const EXCEL_DAY_FORMAT = 'yyyy"年"m"月"d"日"';

/**
 * Streams the subtree as .xlsx in the template's format (组织, 党员, 说明), so a 300,000-member export
 * never sits in memory whole. Phones are full only when `fullPhones` (admins over the subtree).
 */
export function streamExport(db: Db, tree: ExportTree, fullPhones: boolean): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = '讲台 Jiangtai';
  const write = async () => {
    const orgSheet = workbook.addWorksheet(ORG_SHEET, SHEET_OPTIONS);
    styleSheet(orgSheet, ORG_COLUMNS);
    const codeOf = new Map(tree.orgs.map((o) => [o.id, o.code ?? '']));
    for (const o of tree.orgs) {
      const parentCode = o.parent_id ? (codeOf.get(o.parent_id) ?? tree.rootParentCode) : '';
      orgSheet.addRow([o.code, o.name, orgTypeLabels[o.type], parentCode, o.sort_order]).commit();
    }
    orgSheet.commit();

    const memberSheet = workbook.addWorksheet(MEMBER_SHEET, SHEET_OPTIONS);
    styleSheet(memberSheet, MEMBER_COLUMNS);
    for (const batch of orgBatches(tree)) {
      const members = await db
        .selectFrom('members')
        .select([
          'id',
          'org_id',
          'name',
          'gender',
          'phone',
          'party_status',
          'positions',
          (eb) => eb.cast<string | null>('joined_on', 'text').as('joined_on'),
        ])
        .where('org_id', 'in', batch)
        .where('active', '=', true)
        .orderBy('id')
        .execute();
      const byOrg = new Map<string, typeof members>();
      for (const m of members) {
        if (!byOrg.has(m.org_id)) byOrg.set(m.org_id, []);
        byOrg.get(m.org_id)!.push(m);
      }
      for (const orgId of batch) {
        for (const m of byOrg.get(orgId) ?? []) {
          const row = memberSheet.addRow([
            m.name,
            genderLabels[m.gender],
            fullPhones ? m.phone : maskPhone(m.phone),
            partyStatusLabels[m.party_status],
            joinPositions(m.positions),
            codeOf.get(orgId),
            m.joined_on ? new Date(`${m.joined_on}T00:00:00Z`) : null,
          ]);
          // An Excel date shown as 2010年7月1日: it reads the same as on screen and imports back as it is.
          if (m.joined_on) row.getCell(7).numFmt = EXCEL_DAY_FORMAT;
          row.commit();
        }
      }
    }
    memberSheet.commit();
    addHelpSheet(workbook, fullPhones ? 'export_full' : 'export_masked');
    await workbook.commit();
  };
  write().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}

/** Consecutive orgs (in file order) holding at most MEMBER_BATCH members together. */
function* orgBatches(tree: ExportTree): Generator<string[]> {
  let batch: string[] = [];
  let size = 0;
  for (const o of tree.orgs) {
    const n = tree.directCounts.get(o.id) ?? 0;
    if (n === 0) continue;
    if (batch.length > 0 && size + n > MEMBER_BATCH) {
      yield batch;
      batch = [];
      size = 0;
    }
    batch.push(o.id);
    size += n;
  }
  if (batch.length > 0) yield batch;
}
