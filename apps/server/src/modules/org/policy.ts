import type { RoleName } from '../../db/types.ts';
import { holdsRoleOver, isSystemAdmin, scopePrefixes, type Actor } from '../../lib/actor.ts';
import { forbidden, notVisible } from '../../lib/errors.ts';

/**
 * Who may see and change the organisation tree and its members.
 *
 * - View a node, its subtree and its members: platform_admin, organiser, unit_admin, supervisor
 *   holding the role on the node or an ancestor.
 * - Edit a node (name, type, code, sort order; add children; add and edit members): platform_admin,
 *   unit_admin over the node.
 * - Restructure a node (move, deactivate, reactivate): edit rights over its *parent*. So a unit admin
 *   can never move or close their own grant root (the level above decides that), and a move needs edit
 *   rights over both the old and the new parent, which keeps every node inside the mover's subtree.
 * - A platform admin granted on a root (a system admin, as in the accounts and audit policies) is not
 *   bound to one tree: they also see a second top-level committee created by import. A platform admin
 *   granted lower down is scoped to that subtree like any other role.
 *
 * Outside one's scope the answer is 403, not 404, as in the accounts module: org names are not secret
 * inside one city's Party organisation (they are printed in every campaign notice), the message carries
 * no personal data, and "您没有权限" tells an admin to ask the level above instead of suspecting the
 * record was deleted. Lists and counts use the same scope (viewScope), so a list never shows what the
 * detail page would refuse.
 *
 * Members are different: who a member is and which branch they belong to is personal data. A member
 * outside one's view scope is answered exactly like a member id that does not exist (404, no org
 * named, `memberVisible`), so ids cannot be walked to map people to branches. Someone who may see the
 * member but not edit them still gets the specific 403 that names the org they can see.
 */
export const VIEW_ROLES: readonly RoleName[] = ['platform_admin', 'organiser', 'unit_admin', 'supervisor'];
export const EDIT_ROLES: readonly RoleName[] = ['platform_admin', 'unit_admin'];

export interface OrgRef {
  path: string;
  name: string;
}

/** A platform admin granted on a root of the tree (lib/actor.ts isSystemAdmin) sees and edits everything. */
const isGlobalAdmin = isSystemAdmin;

/** Path prefixes the actor may view; null = everything. 403 for accounts with no viewing role. */
export function viewScope(actor: Actor): string[] | null {
  if (isGlobalAdmin(actor)) return null;
  const prefixes = scopePrefixes(actor, VIEW_ROLES);
  if (prefixes.length === 0) throw forbidden('您没有查看组织架构和党员信息的权限');
  return prefixes;
}

/** Path prefixes the actor may edit; null = everything. 403 for accounts with no editing role. */
export function editScope(actor: Actor): string[] | null {
  if (isGlobalAdmin(actor)) return null;
  const prefixes = scopePrefixes(actor, EDIT_ROLES);
  if (prefixes.length === 0) throw forbidden('只有系统管理员和单位管理员可以修改组织架构和党员信息');
  return prefixes;
}

export const canView = (actor: Actor, orgPath: string) =>
  isGlobalAdmin(actor) || holdsRoleOver(actor, VIEW_ROLES, orgPath);
export const canEdit = (actor: Actor, orgPath: string) =>
  isGlobalAdmin(actor) || holdsRoleOver(actor, EDIT_ROLES, orgPath);

/** Top-level nodes have no parent: only a platform admin may restructure them. */
export const canRestructure = (actor: Actor, parentPath: string | null) =>
  parentPath === null ? isGlobalAdmin(actor) : canEdit(actor, parentPath);

/** 个人信息保护: full phone numbers only for those who administer the member's org. */
export const canSeeFullPhone = canEdit;

/** New top-level orgs (no parent) are created only by platform admins, and only through the Excel import. */
export const canCreateTopLevel = isGlobalAdmin;

export function assertCanView(actor: Actor, org: OrgRef) {
  if (!canView(actor, org.path)) throw forbidden(`「${org.name}」不在您的管理范围内`);
}

export function assertCanEdit(actor: Actor, org: OrgRef) {
  if (!canEdit(actor, org.path)) {
    throw forbidden(
      canView(actor, org.path) ? `您只能查看「${org.name}」，不能修改` : `「${org.name}」不在您的管理范围内`,
    );
  }
}

export function assertCanRestructure(actor: Actor, org: OrgRef, parent: OrgRef | null) {
  if (canRestructure(actor, parent?.path ?? null)) return;
  throw forbidden(
    parent && canEdit(actor, org.path)
      ? `「${org.name}」是您管理范围的最上级，移动、停用或启用它需要由「${parent.name}」的管理员操作`
      : `您不能移动、停用或启用「${org.name}」`,
  );
}

/**
 * The member if the actor may see it; otherwise the same 404 as for an id that does not exist. An
 * account with no viewing role at all is told so first (the same 403 for every id).
 */
export function memberVisible<T extends { org_path: string }>(actor: Actor, member: T | undefined): T {
  viewScope(actor);
  if (!member || !canView(actor, member.org_path)) throw notVisible('党员');
  return member;
}
