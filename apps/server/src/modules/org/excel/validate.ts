import {
  dateOnlySchema,
  phoneSchema,
  positions as allPositions,
  type ImportIssue,
} from '@jiangtai/contracts';
import type ExcelJS from 'exceljs';
import { maskPhone } from '../../../lib/mask.ts';
import { parentPathOf, pathIds } from '../org-repository.ts';
import {
  MEMBER_COLUMNS,
  MEMBER_SHEET,
  ORG_COLUMNS,
  ORG_SHEET,
  ORG_TYPE_CHOICES,
  POSITION_CHOICES,
  genderByLabel,
  headerOf,
  isExampleCode,
  orgTypeByLabel,
  partyStatusByLabel,
  splitPositions,
  type MemberColumn,
  type OrgColumn,
} from './layout.ts';
import { isMaskedPhone } from './normalise.ts';
import { isoDate, type ParsedWorkbook } from './parse.ts';
import type { ImportContext, ImportPlan, KnownMember, OrgRef, PlannedMember, PlannedOrg } from './plan.ts';

export const REQUIRED = '必填项为空';
export const EXAMPLE_ROW = '这是模板中的示例行，请删除或改成真实数据后再导入';
const isPhone = (p: string) => phoneSchema.safeParse(p).success;
const PARTY_FOUNDED = '1921-07-01';

const O = (key: OrgColumn) => headerOf(ORG_COLUMNS, key);
const M = (key: MemberColumn) => headerOf(MEMBER_COLUMNS, key);

/** Every org code the file refers to, and every well-formed phone: what the service loads before validating. */
export function referencedKeys(parsed: Pick<ParsedWorkbook, 'orgs' | 'members'>) {
  const codes = new Set<string>();
  for (const r of parsed.orgs) for (const c of [r.text.code, r.text.parentCode]) if (c) codes.add(c);
  for (const r of parsed.members) if (r.text.orgCode) codes.add(r.text.orgCode);
  const phones = new Set(parsed.members.map((r) => r.text.phone).filter(isPhone));
  return { codes: [...codes], phones: [...phones] };
}

/** 入党日期: an Excel date, an Excel serial number or text like 2010-07-01 / 2010/7/1 / 2010年7月1日. */
export function parseJoinedOn(
  raw: ExcelJS.CellValue,
  text: string,
  today: string,
): { value: string | null } | { error: string } {
  if (text === '') return { value: null };
  let value: unknown = raw;
  if (value && typeof value === 'object' && 'result' in value) value = value.result;
  let iso: string | null = null;
  if (value instanceof Date) iso = isoDate(value);
  else if (typeof value === 'number' && value > 0 && value < 80_000)
    iso = isoDate(new Date(Date.UTC(1899, 11, 30) + Math.round(value) * 86_400_000));
  else {
    const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
    if (m) iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  }
  if (!iso || !dateOnlySchema.safeParse(iso).success)
    return {
      error: `入党日期「${text}」无法识别，请写成 YYYY-MM-DD（例如 2010-07-01）或使用 Excel 日期格式`,
    };
  if (iso < PARTY_FOUNDED || iso > today)
    return { error: `入党日期 ${iso} 不在 ${PARTY_FOUNDED} 到今天之间` };
  return { value: iso };
}

/** Checks the whole file against the database; any issue means nothing is imported. */
export function validateImport(
  parsed: Pick<ParsedWorkbook, 'orgs' | 'members'>,
  ctx: ImportContext,
): { issues: ImportIssue[]; plan: ImportPlan } {
  const issues: ImportIssue[] = [];
  const orgs = validateOrgs(parsed, ctx, issues);
  const members = validateMembers(parsed, ctx, orgs, issues);
  const sheetOrder = [ORG_SHEET, MEMBER_SHEET];
  const columnOrder = (sheet: string, column: string) =>
    (sheet === ORG_SHEET ? ORG_COLUMNS : MEMBER_COLUMNS).findIndex((c) => c.header === column);
  issues.sort(
    (a, b) =>
      sheetOrder.indexOf(a.sheet) - sheetOrder.indexOf(b.sheet) ||
      a.row - b.row ||
      columnOrder(a.sheet, a.column) - columnOrder(b.sheet, b.column),
  );
  return {
    issues,
    plan: { orgs: [...orgs.valid.values()].filter((o) => !orgs.invalid.has(o.code)), members },
  };
}

interface OrgResult {
  /** Rows whose own cells are fine, by code. */
  valid: Map<string, PlannedOrg>;
  /** Codes of rows found wrong later (parent, cycle), or whose parent row is wrong. */
  invalid: Set<string>;
  /** Every code written in the sheet, even on a wrong row: a child of a wrong row is not "unknown". */
  written: Set<string>;
}

function validateOrgs(
  parsed: Pick<ParsedWorkbook, 'orgs'>,
  ctx: ImportContext,
  issues: ImportIssue[],
): OrgResult {
  const valid = new Map<string, PlannedOrg>();
  const parentCodes = new Map<string, string>();
  const written = new Set<string>();
  const firstRow = new Map<string, number>();
  for (const r of parsed.orgs) {
    const t = r.text;
    let ok = true;
    const fail = (col: OrgColumn, reason: string) => {
      issues.push({ sheet: ORG_SHEET, row: r.row, column: O(col), reason });
      ok = false;
    };
    if (!t.code) fail('code', REQUIRED);
    else if (isExampleCode(t.code)) fail('code', EXAMPLE_ROW);
    else if (/\s/.test(t.code) || t.code.length > 50)
      fail('code', '组织编码不能超过 50 个字符，也不能包含空格');
    else if (firstRow.has(t.code)) fail('code', `组织编码「${t.code}」与第 ${firstRow.get(t.code)} 行重复`);
    if (t.code) written.add(t.code);
    if (t.code && !firstRow.has(t.code)) firstRow.set(t.code, r.row);
    if (!t.name) fail('name', REQUIRED);
    else if (t.name.length > 100) fail('name', '组织名称不能超过 100 个字');
    const type = orgTypeByLabel.get(t.type);
    if (!t.type) fail('type', REQUIRED);
    else if (!type) fail('type', `组织类型「${t.type}」无效，可选：${ORG_TYPE_CHOICES}`);
    let sortOrder: number | null = null;
    if (t.sortOrder) {
      const n = Number(t.sortOrder);
      if (!Number.isInteger(n) || n < 0 || n > 100_000) fail('sortOrder', '排序应为 0 到 100000 之间的整数');
      else sortOrder = n;
    }
    const existing = (t.code && ctx.orgsByCode.get(t.code)) || null;
    if (existing && !ctx.canEdit(existing.path))
      fail('code', `组织编码「${t.code}」属于您管理范围之外的组织「${existing.name}」`);
    if (ok) {
      valid.set(t.code, {
        row: r.row,
        code: t.code,
        name: t.name,
        type: type!,
        sortOrder,
        parent: { kind: 'none' },
        existing,
      });
      parentCodes.set(t.code, t.parentCode);
    }
  }
  const invalid = new Set<string>();
  for (const o of valid.values())
    resolveParent(o, parentCodes.get(o.code) ?? '', { valid, invalid, written }, ctx, issues);
  findCycles({ valid, invalid, written }, ctx, issues);
  return { valid, invalid, written };
}

function resolveParent(
  o: PlannedOrg,
  code: string,
  orgs: OrgResult,
  ctx: ImportContext,
  issues: ImportIssue[],
) {
  const fail = (reason: string) => {
    issues.push({ sheet: ORG_SHEET, row: o.row, column: O('parentCode'), reason });
    orgs.invalid.add(o.code);
  };
  let ref: OrgRef = { kind: 'none' };
  let parent: { name: string; active: boolean; path: string | null } | null = null;
  if (!code) {
    if (o.existing && o.existing.parentId !== null)
      return fail(`${REQUIRED}：只有最上级组织可以不填上级组织编码`);
    if (!o.existing && !ctx.canCreateTopLevel) return fail(`${REQUIRED}：只有系统管理员可以新建最上级组织`);
  } else if (code === o.code) {
    return fail('上级组织不能是它自己');
  } else if (orgs.valid.has(code)) {
    const p = orgs.valid.get(code)!;
    ref = p.existing ? { kind: 'existing', id: p.existing.id } : { kind: 'new', code };
    parent = { name: p.name, active: p.existing?.active ?? true, path: null };
  } else if (orgs.written.has(code)) {
    orgs.invalid.add(o.code); // the parent's own row carries the error
    return;
  } else {
    const p = ctx.orgsByCode.get(code);
    if (!p) return fail(`上级组织编码「${code}」在文件和系统中都不存在`);
    ref = { kind: 'existing', id: p.id };
    parent = { name: p.name, active: p.active, path: p.path };
  }
  o.parent = ref;
  const current = o.existing?.parentId ?? null;
  const changed =
    !o.existing || (ref.kind === 'existing' ? ref.id !== current : ref.kind === 'new' || current !== null);
  if (!changed) return;
  if (parent?.path && !ctx.canEdit(parent.path)) return fail(`上级组织「${parent.name}」不在您的管理范围内`);
  if (parent && !parent.active) return fail(`上级组织「${parent.name}」已停用`);
  if (o.existing && !ctx.canRestructure(parentPathOf(o.existing.path))) {
    return fail(`您不能调整「${o.existing.name}」的上级组织（需要由它现在的上级组织的管理员操作）`);
  }
}

/** Follows each org's new parent chain (through unchanged database orgs too) and reports loops. */
function findCycles(orgs: OrgResult, ctx: ImportContext, issues: ImportIssue[]) {
  const codeOfId = new Map<string, string>();
  for (const o of orgs.valid.values()) if (o.existing) codeOfId.set(o.existing.id, o.code);
  const pathOfId = new Map([...ctx.orgsByCode.values()].map((k) => [k.id, k.path]));
  const next = (o: PlannedOrg): string | null => {
    if (o.parent.kind === 'none') return null;
    if (o.parent.kind === 'new') return o.parent.code;
    // The nearest org on the parent's current path that the file re-parents (itself included).
    for (const id of pathIds(pathOfId.get(o.parent.id) ?? `${o.parent.id}.`).reverse()) {
      const code = codeOfId.get(id);
      if (code) return code;
    }
    return null;
  };
  const state = new Map<string, 'open' | 'done'>();
  for (const start of orgs.valid.keys()) {
    const trail: string[] = [];
    let code: string | null = start;
    while (code && !state.has(code)) {
      state.set(code, 'open');
      trail.push(code);
      const o = orgs.valid.get(code);
      code = o && !orgs.invalid.has(code) ? next(o) : null;
    }
    if (code && state.get(code) === 'open') {
      const cycle = trail.slice(trail.indexOf(code));
      for (const c of cycle) {
        const o = orgs.valid.get(c)!;
        const reason =
          cycle.length === 1
            ? `不能把「${o.name}」放到它自己的下级组织之下（上级组织关系形成循环）`
            : `上级组织关系形成循环：${[...cycle, cycle[0]].join(' → ')}`;
        issues.push({ sheet: ORG_SHEET, row: o.row, column: O('parentCode'), reason });
        orgs.invalid.add(c);
      }
    }
    for (const c of trail) state.set(c, 'done');
  }
}

function validateMembers(
  parsed: Pick<ParsedWorkbook, 'members'>,
  ctx: ImportContext,
  orgs: OrgResult,
  issues: ImportIssue[],
): PlannedMember[] {
  const planned: PlannedMember[] = [];
  const phoneRow = new Map<string, number>();
  const phonelessRow = new Map<string, number>();
  for (const r of parsed.members) {
    const t = r.text;
    let ok = true;
    const fail = (col: MemberColumn, reason: string) => {
      issues.push({ sheet: MEMBER_SHEET, row: r.row, column: M(col), reason });
      ok = false;
    };
    if (!t.name) fail('name', REQUIRED);
    else if (t.name.length > 50) fail('name', '姓名不能超过 50 个字');
    const gender = genderByLabel.get(t.gender);
    if (!t.gender) fail('gender', REQUIRED);
    else if (!gender) fail('gender', `性别「${t.gender}」无效，请填 男 或 女`);
    const partyStatus = partyStatusByLabel.get(t.partyStatus);
    if (!t.partyStatus) fail('partyStatus', REQUIRED);
    else if (!partyStatus) fail('partyStatus', `党员状态「${t.partyStatus}」无效，请填 正式党员 或 预备党员`);
    const positionList = splitPositions(t.positions);
    const unknown = positionList.filter((p) => !(allPositions as readonly string[]).includes(p));
    if (unknown.length > 0) fail('positions', `职务「${unknown.join('、')}」无效，可选：${POSITION_CHOICES}`);
    const joined = parseJoinedOn(r.raw.joinedOn, t.joinedOn, ctx.today);
    if ('error' in joined) fail('joinedOn', joined.error);
    const phone = t.phone; // already normalised (全角 → 半角, spaces and dashes removed)
    if (phone && isMaskedPhone(phone))
      fail(
        'phone',
        `手机号「${phone}」是隐藏了中间四位的号码（来自只能查看的导出文件），不能用于导入；请填写完整的 11 位手机号`,
      );
    else if (phone && !isPhone(phone))
      fail('phone', `手机号「${phone}」格式不正确，应为 11 位数字，以 1 开头`);

    let org: PlannedMember['org'] | null = null;
    let orgId: string | null = null;
    if (!t.orgCode) fail('orgCode', REQUIRED);
    else if (isExampleCode(t.orgCode)) fail('orgCode', EXAMPLE_ROW);
    else if (orgs.valid.has(t.orgCode) && !orgs.invalid.has(t.orgCode)) {
      const o = orgs.valid.get(t.orgCode)!;
      if (o.existing && !o.existing.active) fail('orgCode', `所属组织「${o.name}」已停用`);
      org = o.existing ? { kind: 'existing', id: o.existing.id } : { kind: 'new', code: o.code };
      orgId = o.existing?.id ?? null;
    } else if (orgs.written.has(t.orgCode)) {
      ok = false; // the org's own row carries the error
    } else {
      const o = ctx.orgsByCode.get(t.orgCode);
      if (!o) fail('orgCode', `所属组织编码「${t.orgCode}」在文件和系统中都不存在`);
      else if (!ctx.canEdit(o.path)) fail('orgCode', `所属组织「${o.name}」不在您的管理范围内`);
      else if (!o.active) fail('orgCode', `所属组织「${o.name}」已停用`);
      else {
        org = { kind: 'existing', id: o.id };
        orgId = o.id;
      }
    }

    let existing: KnownMember | null = null;
    if (phone && isPhone(phone)) {
      if (phoneRow.has(phone))
        fail('phone', `手机号与第 ${phoneRow.get(phone)} 行重复，同一手机号只能登记一名党员`);
      else phoneRow.set(phone, r.row);
      existing = ctx.membersByPhone.get(phone) ?? null;
      if (existing && !ctx.canEdit(existing.orgPath)) {
        fail(
          'phone',
          `手机号 ${maskPhone(phone)} 已登记在您管理范围以外的党员名下，同一手机号不能登记两次；如确有误，请联系上级管理员核实`,
        );
      }
    } else if (!phone && t.name && org) {
      const key = `${org.kind === 'new' ? `new:${org.code}` : org.id}|${t.name}`;
      if (phonelessRow.has(key))
        fail(
          'phone',
          `与第 ${phonelessRow.get(key)} 行是同一组织中同名、都没填手机号的党员，请填写手机号以便区分`,
        );
      else phonelessRow.set(key, r.row);
      const candidates = orgId ? (ctx.phonelessMembers.get(`${orgId}|${t.name}`) ?? []) : [];
      if (candidates.length > 1)
        fail(
          'phone',
          `该组织已有 ${candidates.length} 名叫「${t.name}」且没有手机号的党员，请填写手机号以便区分`,
        );
      existing = candidates[0] ?? null;
    }
    if (ok && org) {
      planned.push({
        row: r.row,
        existing,
        org,
        name: t.name,
        gender: gender!,
        phone: phone || null,
        partyStatus: partyStatus!,
        positions: positionList.length > 0 ? allPositions.filter((p) => positionList.includes(p)) : null,
        joinedOn: 'value' in joined ? joined.value : null,
      });
    }
  }
  return planned;
}
