import type { RoleName } from '../../../db/types.ts';
import { holdsRole, holdsRoleOver, type Actor } from '../../../lib/actor.ts';
import { forbidden, notVisible } from '../../../lib/errors.ts';

/**
 * Member accounts are handed out by the admins of the members' own subtree: a platform admin, and a
 * unit admin (granted at a branch, a branch admin). Where a member is counts as where they are now:
 * a member who moved to another unit belongs to that unit's admins.
 */
export const MEMBER_ACCOUNT_ROLES: readonly RoleName[] = ['platform_admin', 'unit_admin'];

export const canManage = (actor: Actor, orgPath: string) =>
  holdsRoleOver(actor, MEMBER_ACCOUNT_ROLES, orgPath);

/** Without either role at all: 403 for everything. An org outside one's subtree: 404 like a missing one. */
export function assertMayManageAny(actor: Actor) {
  if (!holdsRole(actor, MEMBER_ACCOUNT_ROLES))
    throw forbidden('只有系统管理员和单位（支部）管理员可以管理党员账号');
}

export function assertCanManage(actor: Actor, orgPath: string | undefined, what = '组织') {
  assertMayManageAny(actor);
  if (!orgPath || !canManage(actor, orgPath)) throw notVisible(what);
}

/**
 * Reissuing an initial password is for plain member accounts only: one that also holds another role
 * (an admin, a judge) is reset in 账号管理 by someone who may administer all its roles.
 */
export function assertCanReissue(actor: Actor, account: { id: string; roles: RoleName[] }) {
  if (account.id === actor.userId) throw forbidden('不能重置自己的初始密码，请使用「修改密码」');
  if (account.roles.some((r) => r !== 'member'))
    throw forbidden('该账号还有其他角色，请在「账号管理」中由上级管理员重置密码');
}
