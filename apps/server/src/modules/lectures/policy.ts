import type { RoleName } from '../../db/types.ts';
import { holdsRoleOver, scopePrefixes, type Actor } from '../../lib/actor.ts';
import type { LedBranch } from '../org/branch-leaders.ts';

/** Admins over a branch: they record on its behalf, confirm, return, correct, and see deleted records. */
const BRANCH_ADMINS: readonly RoleName[] = ['unit_admin', 'platform_admin'];
/** Those who read a campaign's records across its whole scope. */
const CAMPAIGN_READERS: readonly RoleName[] = ['organiser', 'platform_admin', 'supervisor'];
/**
 * Those who also read the records held in their own subtree, whoever organised the campaign: a county's
 * 监督员 supervises the county's part of the city's season (its dashboard counts these records).
 */
const SUBTREE_READERS: readonly RoleName[] = ['supervisor'];

export interface RecordFacts {
  orgId: string;
  orgPath: string;
  campaignOrganiserPath: string;
  speakerMemberId: string | null;
  deleted: boolean;
}

/** The branch secretary (书记/副书记 of it, read live) or an admin over it may record its lectures. */
export function mayRecordFor(actor: Actor, led: LedBranch[], branch: { id: string; path: string }) {
  return led.some((b) => b.orgId === branch.id) || holdsRoleOver(actor, BRANCH_ADMINS, branch.path);
}

export function isAdminOver(actor: Actor, orgPath: string) {
  return holdsRoleOver(actor, BRANCH_ADMINS, orgPath);
}

/**
 * What the actor may do with one record. Viewing: the branch's secretary, admins over the branch,
 * the campaign's organisers and supervisors (its whole scope), supervisors over the branch, and the
 * member who spoke. A deleted
 * record is seen by admins over the branch only (as 已删除). States are the service's business
 * (rules.ts); this says who.
 */
export function accessTo(actor: Actor, led: LedBranch[], r: RecordFacts) {
  const leads = led.some((b) => b.orgId === r.orgId);
  const admin = isAdminOver(actor, r.orgPath);
  const reader =
    holdsRoleOver(actor, CAMPAIGN_READERS, r.campaignOrganiserPath) ||
    holdsRoleOver(actor, SUBTREE_READERS, r.orgPath);
  const speaker = !!actor.memberId && actor.memberId === r.speakerMemberId;
  return {
    view: r.deleted ? admin : leads || admin || reader || speaker,
    edit: !r.deleted && (leads || admin),
    decide: !r.deleted && admin,
    admin,
  };
}

/**
 * The SQL scope of the records list — the same people as `accessTo(...).view`, minus the speaker's
 * own (their 我的宣讲 list): led branches, subtrees administered or supervised, campaigns organised or
 * supervised. Deleted records only inside the administered subtrees.
 */
export function listScope(actor: Actor, led: LedBranch[]) {
  return {
    ledOrgIds: led.map((b) => b.orgId),
    adminPrefixes: scopePrefixes(actor, BRANCH_ADMINS),
    readerPrefixes: scopePrefixes(actor, CAMPAIGN_READERS),
    subtreeReaderPrefixes: scopePrefixes(actor, SUBTREE_READERS),
  };
}
export type ListScope = ReturnType<typeof listScope>;

/**
 * Whether the list may be narrowed to an org's subtree: the org lies inside what the list shows the
 * actor (a subtree administered or read, or a branch led). The filter only narrows the list scope;
 * an org outside it answers as one that does not exist.
 */
export function mayListUnder(actor: Actor, led: LedBranch[], orgPath: string) {
  const { adminPrefixes, readerPrefixes } = listScope(actor, led);
  return (
    [...adminPrefixes, ...readerPrefixes].some((p) => orgPath.startsWith(p)) ||
    led.some((b) => orgPath.startsWith(b.orgPath))
  );
}
