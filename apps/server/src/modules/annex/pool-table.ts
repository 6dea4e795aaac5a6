import ExcelJS from 'exceljs';
import { formatBeijingDateTime } from '@jiangtai/contracts';
import type { Actor } from '../../lib/actor.ts';
import { buildPoolWorkbook, poolSheetRows } from '../pool/export.ts';
import { activeSpeakersOfPool, poolManagedBy } from '../pool/queries.ts';
import type { Db } from './repository.ts';
import { periodText } from './rules.ts';

/** 联系电话's column in the pool's table (see pool/export.ts). */
const PHONE_COLUMN = 5;

/**
 * 师资库统计表 of an org's subtree: the pool module's own table (one sheet per pool, the speakers now in
 * it, in the annex's columns), with the period and the time it was generated added to each sheet's
 * 填报单位 line. Phones are the pool managers' to see: for anyone else (a supervisor) they are left out.
 */
export async function buildPoolTable(
  db: Db,
  actor: Actor,
  org: { path: string },
  period: { from: string; to: string },
  now: Date,
): Promise<Buffer> {
  const pools = await db
    .selectFrom('speaker_pools as p')
    .innerJoin('orgs as o', 'o.id', 'p.org_id')
    .select(['p.id', 'p.org_path', 'o.name as org_name'])
    .where('p.org_path', 'like', `${org.path}%`)
    .orderBy('p.org_path')
    .execute();
  const sheets = [];
  for (const p of pools) {
    const rows = poolSheetRows(await activeSpeakersOfPool(db, p.id));
    if (!poolManagedBy(actor, p)) for (const r of rows) r[PHONE_COLUMN] = '';
    sheets.push({ title: p.org_name, unitName: p.org_name, rows });
  }
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await buildPoolWorkbook({ now, sheets })) as unknown as ArrayBuffer);
  const stampLine = `    统计期间：${periodText(period)}    生成时间：${formatBeijingDateTime(now)}（北京时间，为生成时在库的宣讲员）`;
  for (const sheet of workbook.worksheets) {
    const cell = sheet.getCell(2, 1);
    cell.value = `${String(cell.value ?? '')}${stampLine}`;
    sheet.views = [{ state: 'frozen', ySplit: 3 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
