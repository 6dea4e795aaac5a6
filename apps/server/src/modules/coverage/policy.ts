import type { RoleName } from '../../db/types.ts';
import { holdsRoleOver, scopePrefixes, type Actor } from '../../lib/actor.ts';
import { intersectSubtrees, outermost } from './rules.ts';

/** The campaign's organisers, supervisors and platform admins over its organiser org read all of it. */
const CAMPAIGN_READERS: readonly RoleName[] = ['organiser', 'supervisor', 'platform_admin'];
/** Admins read coverage within their own subtree. */
const SUBTREE_READERS: readonly RoleName[] = ['unit_admin', 'platform_admin'];

export interface CoverageCampaign {
  organiserOrgPath: string;
  status: string;
  /** The subtrees taking part (the organiser's own, or the listed orgs'). */
  participatingPaths: string[];
}

/**
 * The subtrees of a campaign in which the actor may read 人人上讲台 coverage, outermost only: the
 * campaign's organiser/supervisor (over the organiser org) the whole participating scope; a unit or
 * platform admin their subtree; a branch secretary (`ledBranchPaths`, from branchesLedBy) their own
 * branch (a 党总支's secretary with the branches under it) — each only where it takes part in the campaign, and only once the campaign is published for
 * anyone but the organisers. The detail view and the export both ask this, so neither is wider.
 */
export function coverageScope(
  actor: Actor,
  c: CoverageCampaign,
  ledBranchPaths: readonly string[],
): string[] {
  const participating = outermost(c.participatingPaths);
  if (holdsRoleOver(actor, CAMPAIGN_READERS, c.organiserOrgPath)) return participating;
  if (c.status === 'draft') return [];
  return intersectSubtrees([...scopePrefixes(actor, SUBTREE_READERS), ...ledBranchPaths], participating);
}
