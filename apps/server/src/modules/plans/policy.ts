import type { RoleName } from '../../db/types.ts';
import { holdsRole, holdsRoleOver, type Actor } from '../../lib/actor.ts';
import { forbidden, notVisible } from '../../lib/errors.ts';
import type { LedBranch } from '../org/branch-leaders.ts';

/** Admins who act on the branches of their subtree: file for them, accept or return their plans. */
export const PLAN_ADMINS: readonly RoleName[] = ['unit_admin', 'platform_admin'];
/** Those who read every plan of a campaign they run or oversee (over its organiser org). */
export const PLAN_OVERSEERS: readonly RoleName[] = ['organiser', 'platform_admin', 'supervisor'];

export interface PlanScope {
  branchPath: string;
  branchId: string;
  organiserOrgPath: string;
}

/** What the actor may do with one branch's plan in one campaign. */
export function planRights(actor: Actor, led: readonly LedBranch[], s: PlanScope) {
  const secretary = led.some((b) => b.orgId === s.branchId);
  const admin = holdsRoleOver(actor, PLAN_ADMINS, s.branchPath);
  // The unit decides: a grant above the branch (not a branch admin on the branch itself), and never the
  // branch's own secretary, who would be accepting their own plan.
  const decide =
    !secretary &&
    actor.grants.some(
      (g) => PLAN_ADMINS.includes(g.role) && s.branchPath.startsWith(g.orgPath) && g.orgPath !== s.branchPath,
    );
  const file = secretary || admin;
  const read = file || decide || holdsRoleOver(actor, PLAN_OVERSEERS, s.organiserOrgPath);
  return { file, decide, read };
}

/** Without any role in plans at all (a member who leads no branch, a judge): 403 for everything. */
export function assertMayUsePlans(actor: Actor, led: readonly LedBranch[]) {
  if (led.length === 0 && !holdsRole(actor, [...PLAN_ADMINS, ...PLAN_OVERSEERS]))
    throw forbidden('只有支部书记（副书记）、单位管理员和活动组织者可以查看宣讲计划');
}

export function assertCanRead(rights: { read: boolean }) {
  if (!rights.read) throw notVisible('支部的宣讲计划', '查看');
}

export function assertCanFile(rights: { file: boolean; read: boolean }) {
  assertCanRead(rights);
  if (!rights.file) throw forbidden('只有本支部书记（副书记）或上级单位管理员可以填写此计划');
}

export function assertCanDecide(rights: { decide: boolean; read: boolean }, secretaryOfBranch: boolean) {
  assertCanRead(rights);
  if (!rights.decide)
    throw forbidden(
      secretaryOfBranch
        ? '不能审核本支部自己的计划，请由上级单位管理员审核'
        : '只有上级单位管理员可以通过或退回计划',
    );
}

/** The overview of an org's branches: admins over the org, and the campaign's organisers and supervisors. */
export function overviewRights(actor: Actor, orgPath: string, organiserOrgPath: string) {
  const remind = holdsRoleOver(actor, PLAN_ADMINS, orgPath);
  return { read: remind || holdsRoleOver(actor, PLAN_OVERSEERS, organiserOrgPath), remind };
}
