import ExcelJS from 'exceljs';
import type { Slip } from './service.ts';

export const SLIP_COLUMNS = [
  '姓名',
  '所在支部',
  '登录账号（手机号）',
  '初始密码',
  '有效期至',
  '登录网址',
  '说明',
];
export const FIRST_SIGN_IN_NOTE = '首次登录须修改密码';

/** A worksheet name Excel accepts: at most 31 characters, none of []:*?/\, unique in the workbook. */
function sheetName(name: string, used: Set<string>) {
  const base = name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 28) || '支部';
  let candidate = base;
  for (let i = 2; used.has(candidate); i++) candidate = `${base.slice(0, 27)}_${i}`;
  used.add(candidate);
  return candidate;
}

/** One sheet per branch, one row per member, in the order given (by branch, then member). */
export async function slipsWorkbook(slips: Slip[], loginUrl: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const used = new Set<string>();
  let sheet: ExcelJS.Worksheet | undefined;
  let orgId: string | undefined;
  for (const s of slips) {
    if (s.orgId !== orgId) {
      orgId = s.orgId;
      sheet = workbook.addWorksheet(sheetName(s.orgName, used));
      sheet.columns = SLIP_COLUMNS.map((header, i) => ({ header, width: [12, 24, 18, 16, 12, 32, 20][i] }));
      sheet.getRow(1).font = { bold: true };
    }
    sheet!.addRow([s.name, s.orgName, s.login, s.initialPassword, s.expiresOn, loginUrl, FIRST_SIGN_IN_NOTE]);
  }
  if (!sheet) {
    const empty = workbook.addWorksheet('账号');
    empty.addRow(SLIP_COLUMNS);
    empty.addRow(['（没有待激活的账号）']);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
