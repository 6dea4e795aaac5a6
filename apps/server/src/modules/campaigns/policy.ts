import type { CampaignStatus } from '@jiangtai/contracts';
import type { RoleName } from '../../db/types.ts';
import { holdsRole, holdsRoleOver, scopePrefixes, type Actor } from '../../lib/actor.ts';
import { forbidden } from '../../lib/errors.ts';

/** Create, edit, publish, close and copy: the organiser org's organisers and platform admins. */
const MANAGERS: readonly RoleName[] = ['organiser', 'platform_admin'];
/** Everything a manager sees, read-only: supervisors (督查) over the organiser org. */
const OVERSEERS: readonly RoleName[] = [...MANAGERS, 'supervisor'];

export interface CampaignAccess {
  organiserOrgPath: string;
  status: CampaignStatus;
  /** Subtrees taking part: the organiser org's own, or those of the listed participating orgs. */
  participatingPaths: string[];
}

/**
 * The one rule for who manages a campaign — its settings, every entry, every round: an organiser or
 * platform admin granted on the organiser org or above it. Entries and reviews ask this function, so the
 * campaign, its entry list and its rounds never disagree. Being a platform admin at the top of another
 * tree gives nothing here: a campaign belongs to its organiser's tree.
 */
export function canManageCampaign(actor: Pick<Actor, 'grants'>, organiserOrgPath: string): boolean {
  return holdsRoleOver(actor, MANAGERS, organiserOrgPath);
}

/**
 * Managers and supervisors over the organiser org see every campaign, drafts too. Once published
 * (and after it closes) a campaign is also seen by anyone whose role is granted inside the
 * participating subtrees: unit admins, judges and members who take part in it.
 */
export function canView(actor: Actor, c: CampaignAccess): boolean {
  if (holdsRoleOver(actor, OVERSEERS, c.organiserOrgPath)) return true;
  if (c.status === 'draft') return false;
  return actor.grants.some((g) => c.participatingPaths.some((p) => g.orgPath.startsWith(p)));
}

export function assertCanView(actor: Actor, c: CampaignAccess) {
  if (!canView(actor, c)) throw forbidden('该活动不在您的查看范围内');
}

export function assertCanManage(actor: Actor, c: CampaignAccess, organiserOrgName: string) {
  assertCanView(actor, c);
  if (!canManageCampaign(actor, c.organiserOrgPath))
    throw forbidden(`只有「${organiserOrgName}」的活动组织者或系统管理员可以修改此活动`);
}

export function assertCanOrganise(actor: Actor, orgPath: string, orgName: string) {
  if (!canManageCampaign(actor, orgPath)) throw forbidden(`您不能以「${orgName}」的名义组织活动`);
}

/** Presets are templates for creating campaigns: shown to those who may create one somewhere. */
export function assertMayCreateSomewhere(actor: Actor) {
  if (!holdsRole(actor, MANAGERS)) throw forbidden('只有活动组织者和系统管理员可以新建活动');
}

/**
 * The SQL pre-filter for lists: campaigns organised inside these subtrees are visible whatever their
 * status; any other campaign must be published or closed and then passes `canView` row by row, so a
 * list is never wider than the detail page.
 */
export function overseenPrefixes(actor: Actor): string[] {
  return scopePrefixes(actor, OVERSEERS);
}
