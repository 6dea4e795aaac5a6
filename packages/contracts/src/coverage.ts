import { z } from 'zod';
import { idSchema, type OrgType } from './org.ts';

/**
 * 人人上讲台 coverage (覆盖率): for a campaign and an org, the active members now in the org's subtree
 * who have given at least one counting lecture (a lecture record with them as speaker that is not
 * returned and not deleted) over all active members now in the subtree. A member counts once, in the
 * org they are in now; a guest speaker never counts. Leaders first: the same numbers for 书记, 副书记 and
 * 委员 (组织委员/宣传委员/纪检委员), each member in their highest group only.
 */

export const leaderGroups = ['secretaries', 'deputies', 'committee'] as const;
export type LeaderGroup = (typeof leaderGroups)[number];
export const leaderGroupLabels: Record<LeaderGroup, string> = {
  secretaries: '书记',
  deputies: '副书记',
  committee: '委员',
};
export const COMMITTEE_POSITIONS = ['组织委员', '宣传委员', '纪检委员'] as const;

/** The leader group of a member's positions (the same rule as the database's coverage_leader_group). */
export function leaderGroupOf(positions: readonly string[]): LeaderGroup | null {
  if (positions.includes('书记')) return 'secretaries';
  if (positions.includes('副书记')) return 'deputies';
  if (positions.some((p) => (COMMITTEE_POSITIONS as readonly string[]).includes(p))) return 'committee';
  return null;
}

export interface CoverageFraction {
  /** Active members (of the group) now in the subtree. */
  members: number;
  /** Of those, the ones who have lectured in the campaign. */
  lectured: number;
}

export interface CoverageNumbers extends CoverageFraction {
  leaders: Record<LeaderGroup, CoverageFraction>;
}

/**
 * 覆盖率 as a percentage with one decimal, rounded down so that 100% means everyone has lectured;
 * null when there is nobody to count.
 */
export function coverageRate(f: CoverageFraction): number | null {
  if (f.members <= 0) return null;
  return Math.floor((f.lectured * 1000) / f.members) / 10;
}

export const formatCoverageRate = (f: CoverageFraction) => {
  const r = coverageRate(f);
  return r === null ? '—' : `${r.toFixed(1)}%`;
};

export interface CoverageOrgRef {
  id: string;
  name: string;
  type: OrgType;
}

export interface CoverageChild {
  org: CoverageOrgRef;
  numbers: CoverageNumbers;
  /** A branch (党支部/党总支): has its 书记 lectured? null when the branch has no active 书记. */
  secretaryLectured: boolean | null;
  /** The child is a branch (its page lists who has not yet lectured). */
  isBranch: boolean;
}

export interface CoveragePendingMember {
  id: string;
  name: string;
  positions: string[];
}

export interface CoverageView {
  campaign: { id: string; title: string };
  /** The org shown; null for the top of a viewer whose scope is several participating subtrees. */
  org: (CoverageOrgRef & { isBranch: boolean }) | null;
  /** The viewer's scope is several participating subtrees: an overview (no org) lists them. */
  overview: boolean;
  /** From the viewer's top down to the shown org's parent (each may be opened). */
  breadcrumb: CoverageOrgRef[];
  totals: CoverageNumbers;
  /** Members attached to the shown org itself (a 党总支's own members), when it has children too. */
  direct: CoverageFraction | null;
  children: CoverageChild[];
  /** At a branch: active members directly in it who have not lectured yet, leaders first. */
  pending: CoveragePendingMember[] | null;
  /** At a branch: has its 书记 lectured? null when it has no active 书记 (or the org is not a branch). */
  secretaryLectured: boolean | null;
  generatedAt: string;
}

export const coverageQuerySchema = z.object({
  orgId: idSchema.optional(),
});
export type CoverageQuery = z.infer<typeof coverageQuerySchema>;
