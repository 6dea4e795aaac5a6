import type { RoleName } from '../../db/types.ts';
import { holdsRoleOver, isSystemAdmin, scopePrefixes, type Actor } from '../../lib/actor.ts';
import { forbidden, notVisible } from '../../lib/errors.ts';

/** Which roles each administering role may hand out, inside its own subtree. */
const GRANTABLE: Partial<Record<RoleName, readonly RoleName[]>> = {
  platform_admin: ['platform_admin', 'organiser', 'unit_admin', 'judge', 'supervisor', 'member'],
  unit_admin: ['unit_admin', 'member'],
  // Not 监督员: a supervisor's sign-off checks the organisers' work, so an organiser may not make
  // (or create) the supervisor who signs their own round; only a platform admin grants that role.
  organiser: ['judge'],
};

const ADMINISTERING: RoleName[] = ['platform_admin', 'unit_admin', 'organiser'];

/** Prefixes of the accounts an actor may list; null = all (platform admin). */
export function accountListScope(actor: Actor): string[] | null {
  if (isSystemAdmin(actor)) return null;
  const prefixes = scopePrefixes(actor, ADMINISTERING);
  if (prefixes.length === 0) throw forbidden('您没有管理账号的权限');
  return prefixes;
}

/** An account is visible when one of its grants lies inside the actor's administering scope. */
export function canSeeAccount(actor: Actor, accountGrantPaths: string[], accountId: string) {
  return (
    actor.userId === accountId ||
    isSystemAdmin(actor) ||
    accountGrantPaths.some((p) => holdsRoleOver(actor, ADMINISTERING, p))
  );
}

/**
 * An account outside one's scope is answered like an id that does not exist (404, nothing named):
 * otherwise walking ids would list which accounts exist and, where a name was printed, who holds them.
 */
export function assertCanSeeAccount(actor: Actor, accountGrantPaths: string[], accountId: string) {
  if (canSeeAccount(actor, accountGrantPaths, accountId)) return;
  accountListScope(actor); // no administering role at all: the same 403 for every id
  throw notVisible('账号');
}

export function canGrant(actor: Actor, role: RoleName, orgPath: string): boolean {
  return actor.grants.some(
    (g) => orgPath.startsWith(g.orgPath) && (GRANTABLE[g.role]?.includes(role) ?? false),
  );
}

export function assertCanGrant(actor: Actor, role: RoleName, orgPath: string, orgName: string) {
  if (!canGrant(actor, role, orgPath)) throw forbidden(`您不能在「${orgName}」授予该角色`);
}

/**
 * Nobody hands themselves a role: an organiser who granted themselves 监督员 or 评委 could judge
 * their own round and sign it off. A second person has to do it.
 */
export function assertNotSelfGrant(actor: Actor, accountId: string) {
  if (accountId === actor.userId) throw forbidden('不能给自己授予角色，请联系其他管理员');
}

/**
 * Inviting an expert for a review round: whoever may grant the judge role there, and a unit's admins
 * for their unit's own rounds (they run its 初赛 but may not hand out the judge role otherwise).
 */
export function assertCanInviteJudge(actor: Actor, orgPath: string, orgName: string) {
  if (canGrant(actor, 'judge', orgPath) || holdsRoleOver(actor, ['unit_admin'], orgPath)) return;
  throw forbidden(`您不能在「${orgName}」邀请评委`);
}

/**
 * Linking an account to a member makes it act as that member (their entries, their records), so the
 * member must lie inside the creator's own administering scope.
 */
export const canLinkMember = (actor: Actor, memberOrgPath: string) =>
  isSystemAdmin(actor) || holdsRoleOver(actor, ADMINISTERING, memberOrgPath);

/**
 * Editing, disabling and resetting an account needs the power to have granted every role it holds:
 * an organiser can reset a judge's password, not a unit admin's.
 */
export function administerRefusal(
  actor: Actor,
  accountGrants: { role: RoleName; org_path: string }[],
  accountId: string,
): string | null {
  if (isSystemAdmin(actor)) return null;
  if (accountId === actor.userId) return '不能在此修改自己的账号，请使用「修改密码」';
  if (accountGrants.length > 0 && accountGrants.every((g) => canGrant(actor, g.role, g.org_path)))
    return null;
  return '该账号有超出您管理范围的角色，请联系上级管理员';
}

export function assertCanAdminister(
  actor: Actor,
  accountGrants: { role: RoleName; org_path: string }[],
  accountId: string,
) {
  const refusal = administerRefusal(actor, accountGrants, accountId);
  if (refusal) throw forbidden(refusal);
}
