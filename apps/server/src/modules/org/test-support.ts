import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { Client, TestContext } from '../../test/harness.ts';
import { MEMBER_COLUMNS, MEMBER_SHEET, ORG_COLUMNS, ORG_SHEET } from './excel/layout.ts';

/**
 * A small city for the org tests:
 *   演示市委 (CITY) ─ 市教育局 (EDU) ─ 教育局第一党支部 (EDU-1), 教育局第二党支部 (EDU-2)
 *                  └ 市财政局 (FIN) ─ 财政局党支部 (FIN-1)
 * and one account per role: admin (platform_admin), organiser, eduadmin (unit_admin @ EDU),
 * edusuper (supervisor @ EDU), plainmember (member @ EDU), judge.
 */
export async function buildCity(t: TestContext) {
  const f = t.factories;
  const city = await f.org({ name: '演示市委', code: 'CITY' });
  const edu = await f.org({ name: '市教育局', type: 'unit', parent: city, code: 'EDU' });
  const edu1 = await f.org({ name: '教育局第一党支部', parent: edu, code: 'EDU-1' });
  const edu2 = await f.org({ name: '教育局第二党支部', parent: edu, code: 'EDU-2' });
  const fin = await f.org({ name: '市财政局', type: 'unit', parent: city, code: 'FIN' });
  const fin1 = await f.org({ name: '财政局党支部', parent: fin, code: 'FIN-1' });
  await f.user([{ role: 'platform_admin', org: city }], { username: 'admin', displayName: '系统管理员' });
  await f.user([{ role: 'organiser', org: city }], { username: 'organiser' });
  await f.user([{ role: 'unit_admin', org: edu }], { username: 'eduadmin', displayName: '教育局管理员' });
  await f.user([{ role: 'supervisor', org: edu }], { username: 'edusuper' });
  await f.user([{ role: 'member', org: edu }], { username: 'plainmember' });
  await f.user([{ role: 'judge', org: city }], { username: 'judge' });
  const as = {
    admin: await t.login('admin'),
    organiser: await t.login('organiser'),
    eduAdmin: await t.login('eduadmin'),
    supervisor: await t.login('edusuper'),
    member: await t.login('plainmember'),
    judge: await t.login('judge'),
  };
  return { city, edu, edu1, edu2, fin, fin1, as };
}

export type City = Awaited<ReturnType<typeof buildCity>>;

/** Cached member counts must always equal a real count (the triggers of migration 002). */
export async function countsDrift(t: TestContext) {
  const { rows } = await sql<{ org_path: string }>`
    SELECT coalesce(c.org_path, r.org_path) AS org_path FROM org_member_counts c
    FULL JOIN (SELECT org_path, count(*) FILTER (WHERE active)::int AS a, count(*)::int AS t FROM members GROUP BY org_path) r
      ON r.org_path = c.org_path
    WHERE coalesce(c.active_count, 0) <> coalesce(r.a, 0) OR coalesce(c.total_count, 0) <> coalesce(r.t, 0)`.execute(
    t.db,
  );
  return rows.map((r) => r.org_path);
}

/** Builds an .xlsx in memory: the template's headers (unless given) and the rows as written. */
export async function xlsx(sheets: {
  orgs?: unknown[][];
  members?: unknown[][];
  orgHeader?: string[];
  memberHeader?: string[];
}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  if (sheets.orgs) {
    const ws = workbook.addWorksheet(ORG_SHEET);
    ws.addRow(sheets.orgHeader ?? ORG_COLUMNS.map((c) => c.header));
    for (const r of sheets.orgs) ws.addRow(r);
  }
  if (sheets.members) {
    const ws = workbook.addWorksheet(MEMBER_SHEET);
    ws.addRow(sheets.memberHeader ?? MEMBER_COLUMNS.map((c) => c.header));
    for (const r of sheets.members) ws.addRow(r);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function readXlsx(body: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ExcelJS.Buffer);
  const rows = (name: string) => {
    const ws = workbook.getWorksheet(name);
    const out: string[][] = [];
    ws?.eachRow((row) =>
      out.push(
        (row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))),
      ),
    );
    return out;
  };
  return { workbook, rows };
}

/** A multipart/form-data body with one file, as a browser would send it. */
export function multipart(file: Buffer, filename = '导入.xlsx', field = 'file') {
  const boundary = `----jiangtai${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
        'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export function upload(client: Client, file: Buffer, filename?: string, field?: string) {
  const { payload, headers } = multipart(file, filename, field);
  return client.post('/api/org-import', payload, headers);
}
