import type { RoleName } from '../../db/types.ts';
import { holdsRoleOver, scopePrefixes, type Actor } from '../../lib/actor.ts';
import { intersectSubtrees, outermost } from '../coverage/rules.ts';

/** The campaign's organisers, supervisors and platform admins over its organiser org read all of it. */
const CAMPAIGN_READERS: readonly RoleName[] = ['organiser', 'supervisor', 'platform_admin'];
/** Admins and supervisors (a county's 监督员 oversees the county) read the dashboard of their own subtree. */
const SUBTREE_READERS: readonly RoleName[] = ['unit_admin', 'platform_admin', 'supervisor'];

export interface DashboardCampaign {
  organiserOrgPath: string;
  status: string;
  participatingPaths: string[];
}

/**
 * The subtrees of a campaign whose dashboard the actor may read, outermost only: like coverageScope,
 * but without branch secretaries (督查 is the units' and organisers' view; a branch has its own pages).
 * Organisers, supervisors and platform admins over the organiser org read the whole participating
 * scope (a draft campaign too); unit and platform admins and supervisors their subtree once the
 * campaign is published.
 */
export function dashboardScope(actor: Actor, c: DashboardCampaign): string[] {
  const participating = outermost(c.participatingPaths);
  if (holdsRoleOver(actor, CAMPAIGN_READERS, c.organiserOrgPath)) return participating;
  if (c.status === 'draft') return [];
  return intersectSubtrees(scopePrefixes(actor, SUBTREE_READERS), participating);
}

/**
 * Everyone who may read a dashboard may remind its orgs: the organisers and supervisors (reminding is
 * how supervision acts; it changes no campaign data) and the admins over the orgs. The org must lie in
 * the scope, which the service checks; only a running (published) campaign sends reminders.
 */
export function canRemind(scope: readonly string[], c: { status: string }): boolean {
  return scope.length > 0 && c.status === 'published';
}
