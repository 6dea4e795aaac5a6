import { sql } from 'kysely';
import { beijingDate, type ImportIssue, type ImportNotice, type ImportResult } from '@jiangtai/contracts';
import type { AppDeps } from '../../../lib/deps.ts';
import { holdsRole, type Actor } from '../../../lib/actor.ts';
import { AppError, conflict } from '../../../lib/errors.ts';
import { audit, type AuditWho } from '../../audit/service.ts';
import { isUniqueViolation } from '../history.ts';
import * as orgRepo from '../org-repository.ts';
import * as policy from '../policy.ts';
import type { OrgService } from '../org-service.ts';
import type { Db } from '../tables.ts';
import { applyPlan } from './apply.ts';
import { loadExportTree, streamExport } from './export.ts';
import { ORG_SHEET } from './layout.ts';
import { parseWorkbook, type ParsedWorkbook } from './parse.ts';
import { buildTemplate } from './template.ts';
import type { ImportContext, KnownMember, KnownOrg } from './plan.ts';
import { referencedKeys, validateImport } from './validate.ts';

/** Rows in one response; the detail still gives the full count. */
const MAX_REPORTED_ERRORS = 1000;
/** After bulk changes, refresh planner statistics (embedded PGlite has no autovacuum). */
const ANALYZE_AFTER_ROWS = 1000;

/** Rows in one response; noticeCount still gives the full count. */
const MAX_REPORTED_NOTICES = 1000;

const reportedNotices = (notices: ImportNotice[]) => ({
  notices: notices.slice(0, MAX_REPORTED_NOTICES),
  noticeCount: notices.length,
});

/** The notices ride along with the errors: "header found in row 3" explains a refusal too. */
const importFailed = (issues: ImportIssue[], notices: ImportNotice[]) =>
  new AppError('IMPORT_FAILED', `导入失败：共 ${issues.length} 处错误，未导入任何数据。请修改后重新上传。`, {
    errors: issues.slice(0, MAX_REPORTED_ERRORS),
    ...reportedNotices(notices),
  });

/** The deepest path every touched org lies under: where the import's audit row belongs. */
function commonPath(paths: string[]): string | null {
  if (paths.length === 0) return null;
  let common = orgRepo.pathIds(paths[0]!);
  for (const p of paths.slice(1)) {
    const ids = orgRepo.pathIds(p);
    let i = 0;
    while (i < common.length && common[i] === ids[i]) i++;
    common = common.slice(0, i);
  }
  return common.length > 0 ? `${common.join('.')}.` : null;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function excelService({ db, clock }: AppDeps, orgs: OrgService) {
  async function loadContext(tx: Db, parsed: ParsedWorkbook, actor: Actor): Promise<ImportContext> {
    const { codes, phones } = referencedKeys(parsed);
    const orgsByCode = new Map<string, KnownOrg>();
    for (const part of chunks(codes, 5000)) {
      const rows = await tx
        .selectFrom('orgs')
        .select(['id', 'parent_id', 'path', 'name', 'type', 'code', 'active', 'sort_order'])
        .where('code', 'in', part)
        .execute();
      for (const r of rows) {
        orgsByCode.set(r.code!, {
          id: r.id,
          parentId: r.parent_id,
          path: r.path,
          name: r.name,
          type: r.type,
          code: r.code!,
          active: r.active,
          sortOrder: r.sort_order,
        });
      }
    }
    const memberQuery = () =>
      tx
        .selectFrom('members as m')
        .innerJoin('orgs as o', 'o.id', 'm.org_id')
        .select([
          'm.id',
          'm.org_id',
          'm.org_path',
          'o.name as org_name',
          'm.name',
          'm.gender',
          'm.phone',
          'm.party_status',
          'm.positions',
          'm.active',
        ])
        .select((eb) => eb.cast<string | null>('m.joined_on', 'text').as('joined_on'));
    const known = (
      r: Awaited<ReturnType<ReturnType<typeof memberQuery>['execute']>>[number],
    ): KnownMember => ({
      id: r.id,
      orgId: r.org_id,
      orgPath: r.org_path,
      orgName: r.org_name,
      name: r.name,
      gender: r.gender,
      phone: r.phone,
      partyStatus: r.party_status,
      positions: r.positions,
      joinedOn: r.joined_on,
      active: r.active,
    });
    const membersByPhone = new Map<string, KnownMember>();
    for (const part of chunks(phones, 5000)) {
      for (const r of await memberQuery().where('m.phone', 'in', part).execute())
        membersByPhone.set(r.phone!, known(r));
    }
    const phonelessOrgIds = [
      ...new Set(
        parsed.members
          .filter((r) => !r.text.phone && orgsByCode.has(r.text.orgCode))
          .map((r) => orgsByCode.get(r.text.orgCode)!.id),
      ),
    ];
    const phonelessMembers = new Map<string, KnownMember[]>();
    for (const part of chunks(phonelessOrgIds, 5000)) {
      for (const r of await memberQuery()
        .where('m.phone', 'is', null)
        .where('m.org_id', 'in', part)
        .execute()) {
        const key = `${r.org_id}|${r.name}`;
        phonelessMembers.set(key, [...(phonelessMembers.get(key) ?? []), known(r)]);
      }
    }
    return {
      orgsByCode,
      membersByPhone,
      phonelessMembers,
      canEdit: (path) => policy.canEdit(actor, path),
      canRestructure: (parentPath) => policy.canRestructure(actor, parentPath),
      canCreateTopLevel: policy.canCreateTopLevel(actor),
      today: beijingDate(clock.now()),
    };
  }

  /** Validates the whole file first; only a file without a single problem is written, in one transaction. */
  async function importFile(
    actor: Actor,
    buffer: Buffer,
    fileName: string,
    who: AuditWho,
  ): Promise<ImportResult> {
    const scope = policy.editScope(actor);
    const parsed = await parseWorkbook(buffer);
    if (parsed.issues.length === 0 && parsed.orgs.length === 0 && parsed.members.length === 0) {
      parsed.issues.push({
        sheet: ORG_SHEET,
        row: 2,
        column: '',
        reason: '文件中没有数据（请从表头的下一行开始填写）',
      });
    }
    if (parsed.issues.length > 0) throw importFailed(parsed.issues, parsed.notices);
    let result: Omit<ImportResult, 'notices' | 'noticeCount'> & { touchedPaths: string[] };
    try {
      result = await db.transaction().execute(async (tx) => {
        const ctx = await loadContext(tx, parsed, actor);
        const { issues, plan } = validateImport(parsed, ctx);
        if (issues.length > 0) throw importFailed(issues, parsed.notices);
        const applied = await applyPlan(tx, plan, ctx, clock.now());
        const { touchedPaths, ...counts } = applied;
        await audit(tx, who, {
          action: 'org.imported',
          entityType: 'org_import',
          entityId: null,
          orgPath: commonPath(touchedPaths) ?? scope?.[0] ?? null,
          after: { fileName, ...counts, notices: parsed.notices.length },
        });
        return applied;
      });
    } catch (err) {
      if (isUniqueViolation(err))
        throw conflict('导入期间组织编码或手机号被他人同时修改，未导入任何数据，请重新上传');
      throw err;
    }
    const { touchedPaths: _paths, ...counts } = result;
    if (counts.orgsCreated + counts.membersCreated + counts.membersUpdated >= ANALYZE_AFTER_ROWS) {
      await sql`ANALYZE orgs, members, org_member_counts`.execute(db);
    }
    return { ...counts, ...reportedNotices(parsed.notices) };
  }

  /** The template, with an example parent code from the downloader's own tree. */
  async function template(actor: Actor): Promise<Buffer> {
    const prefixes = holdsRole(actor, policy.EDIT_ROLES) ? policy.editScope(actor) : policy.viewScope(actor);
    const top = prefixes
      ? await orgRepo.orgsByPaths(db, prefixes.slice(0, 1))
      : await orgRepo.topLevelOrgs(db);
    return buildTemplate(top[0]?.code ?? '');
  }

  /** The subtree as .xlsx; full phones only for admins over it; one audit row per export (个人信息保护). */
  async function exportSubtree(actor: Actor, id: string, who: AuditWho) {
    const org = await orgs.loadVisible(actor, id);
    const fullPhones = policy.canSeeFullPhone(actor, org.path);
    const tree = await loadExportTree(db, org);
    await audit(db, who, {
      action: 'org.exported',
      entityType: 'org',
      entityId: org.id,
      orgPath: org.path,
      after: { orgs: tree.orgs.length, members: tree.memberCount, fullPhones },
    });
    const stamp = beijingDate(clock.now()).replaceAll('-', '');
    return {
      stream: streamExport(db, tree, fullPhones),
      fileName: `${org.name}-组织与党员-${stamp}.xlsx`,
      asciiName: `org-${org.id}-${stamp}.xlsx`,
    };
  }

  return { importFile, template, exportSubtree };
}
