import type { Kysely } from 'kysely';
import type { DB, RoleName } from '../../db/types.ts';
import { holdsRoleOver, isSystemAdmin, scopePrefixes, type Actor } from '../../lib/actor.ts';
import { forbidden, notVisible } from '../../lib/errors.ts';
import { canManageCampaign } from '../campaigns/policy.ts';
import { entriesOfFile, findEntry } from './repository.ts';

/**
 * Who may do what with entries.
 *
 * - The speaker (the member linked to the account, users.member_id) sees their own entries and, like
 *   their unit admin, edits and submits them while the state allows.
 * - A unit admin over the entry's unit sees the unit's entries, creates them on a member's behalf,
 *   recommends and returns them, and fills the 推荐表.
 * - An organiser over the campaign's organiser org sees every entry of the campaign, extends deadlines
 *   and downloads zips; a platform admin may do all of it within their subtree.
 * - Judges and supervisors see no entries yet (review rounds bring blind, assigned access later).
 *
 * Lists filter with the same rules (`listScope`), so a list never shows what the detail page refuses.
 */

export interface EntryAccess {
  memberId: string;
  unitPath: string;
  organiserOrgPath: string;
}

export const UNIT_ROLES: readonly RoleName[] = ['unit_admin', 'platform_admin'];

export const isSpeaker = (actor: Actor, memberId: string) => actor.memberId === memberId;

/** The campaign's managers (campaigns' one rule): the whole campaign. */
export { canManageCampaign };

/**
 * Unit admin (or platform admin) over the entry's unit: recommend, return, 推荐表, on-behalf entries.
 * A grant decides, as for managers: an admin at the top of another tree administers none of this unit.
 */
export const canAdministerUnit = (actor: Actor, unitPath: string) =>
  holdsRoleOver(actor, UNIT_ROLES, unitPath);

export function canView(actor: Actor, e: EntryAccess): boolean {
  return (
    isSpeaker(actor, e.memberId) ||
    canAdministerUnit(actor, e.unitPath) ||
    canManageCampaign(actor, e.organiserOrgPath)
  );
}

/** Title, outline, the speaker's files, submit and withdraw (the state machine decides when). */
export const canEdit = (actor: Actor, e: EntryAccess) =>
  isSpeaker(actor, e.memberId) || canAdministerUnit(actor, e.unitPath);

/**
 * An entry one may not see is answered like an id that does not exist (404, nothing named), so entry
 * ids cannot be walked to learn which exist; the 403s below are for those who do see the entry.
 */
export function assertCanView(actor: Actor, e: EntryAccess) {
  if (!canView(actor, e)) throw notVisible('作品', '查看');
}

export function assertCanEdit(actor: Actor, e: EntryAccess) {
  assertCanView(actor, e);
  if (!canEdit(actor, e)) throw forbidden('只有宣讲人本人和所在单位的管理员可以修改作品');
}

export function assertCanAdministerUnit(actor: Actor, e: EntryAccess, unitName: string) {
  assertCanView(actor, e);
  if (!canAdministerUnit(actor, e.unitPath))
    throw forbidden(`只有「${unitName}」的单位管理员可以推荐、退回作品或填写推荐表`);
}

export function assertCanManageCampaign(actor: Actor, organiserOrgPath: string) {
  if (!canManageCampaign(actor, organiserOrgPath))
    throw forbidden('只有本活动的组织者和系统管理员可以进行此操作');
}

/**
 * The campaign's entry list is open to its managers, to unit and platform admins whose subtree
 * overlaps the participating orgs, and to members (who see their own entries only).
 */
export function assertMayListCampaign(actor: Actor, organiserOrgPath: string, participatingPaths: string[]) {
  if (canManageCampaign(actor, organiserOrgPath) || actor.memberId) return;
  const overlaps = scopePrefixes(actor, UNIT_ROLES).some((g) =>
    participatingPaths.some((p) => g.startsWith(p) || p.startsWith(g)),
  );
  if (!overlaps) throw forbidden('您没有查看本活动作品的权限');
}

/**
 * The list may be narrowed to an org's subtree inside what it shows the actor: for the campaign's
 * managers an org of the campaign (in or above its participating orgs), for unit admins an org of
 * their subtree. Members (their own entries only) narrow by nothing.
 */
export function mayListUnder(
  actor: Actor,
  organiserOrgPath: string,
  participatingPaths: string[],
  orgPath: string,
) {
  if (canManageCampaign(actor, organiserOrgPath))
    return participatingPaths.some((p) => orgPath.startsWith(p) || p.startsWith(orgPath));
  return scopePrefixes(actor, UNIT_ROLES).some((p) => orgPath.startsWith(p));
}

/** null = every entry of the campaign; otherwise unit-path prefixes plus the member's own entries. */
export function listScope(actor: Actor, organiserOrgPath: string) {
  if (canManageCampaign(actor, organiserOrgPath)) return null;
  return {
    prefixes: scopePrefixes(actor, UNIT_ROLES),
    memberId: actor.memberId,
  };
}

/** Zips: organisers, platform admins, and unit admins (for what they may see). */
export function assertMayDownloadZip(actor: Actor, organiserOrgPath: string) {
  if (canManageCampaign(actor, organiserOrgPath) || scopePrefixes(actor, UNIT_ROLES).length > 0) return;
  throw forbidden('只有活动组织者和单位管理员可以打包下载材料');
}

/**
 * For the media and upload modules: may this person see this stored file? True when it belongs to an
 * entry (now or in its history) the person may view.
 */
export async function canViewFile(db: Kysely<DB>, actor: Actor, fileId: string): Promise<boolean> {
  if (!/^\d{1,18}$/.test(fileId)) return false;
  const entries = await entriesOfFile(db, fileId);
  // A file of no entry belongs to no org: system administrators (granted on a root) may see it. A file of
  // an entry follows the entry, so an admin at the top of another tree does not see it.
  if (entries.length === 0) return isSystemAdmin(actor);
  for (const { entry_id } of entries) {
    const e = await findEntry(db, entry_id);
    if (
      e &&
      canView(actor, {
        memberId: e.member_id,
        unitPath: e.unit_org_path,
        organiserOrgPath: e.organiser_org_path,
      })
    )
      return true;
  }
  return false;
}

/** `canViewFile` bound to a database, in the shape the media routes take. */
export const fileViewer =
  (db: Kysely<DB>) =>
  (actor: Actor, fileId: string): Promise<boolean> =>
    canViewFile(db, actor, fileId);
