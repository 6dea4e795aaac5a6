import type { OrgType } from '@jiangtai/contracts';
import * as coverageRepo from '../coverage/repository.ts';
import { BRANCH_ORG_TYPES } from '../org/branch-leaders.ts';
import type { Db } from '../org/tables.ts';
import { cachedLists, type LaggardKey } from './laggard-cache.ts';
import type { LaggardCandidate } from './laggards.ts';
import * as repo from './repository.ts';
import type { TreeFacts } from './tree-facts.ts';

const LIMIT = 10;

/**
 * What the dashboard reads from the org tree and the rollups of plans, lectures and coverage for one
 * subtree: everything but the small tables (entries, pools, orders, study tasks, rounds). It changes only
 * when those inputs do, so it is kept in memory under their change key (laggard-cache.ts).
 */
export interface KeptFacts {
  /** The top's children, inactive ones too, in the tree's order. */
  kids: Awaited<ReturnType<typeof repo.childOrgs>>;
  /** Branches that file plans per child of the top ('' for the top itself). */
  branchCounts: Map<string, number>;
  /** Plan and lecture rollup rows of the top and its children. */
  seasonRows: repo.SeasonRow[];
  /** Coverage rollup rows of the top and its children (coverage's repository). */
  coverageRows: Awaited<ReturnType<typeof coverageRepo.childSums>>;
  /** Plans filed and lectures per week over the subtree. */
  weeks: { week: string; plans: number; lectures: number }[];
  /** The subtree's branches furthest behind, at most 10 per measure. */
  plans: LaggardCandidate[];
  lectures: LaggardCandidate[];
  coverage: LaggardCandidate[];
}

export const laggardCandidate = (r: {
  id: string;
  name: string;
  type: string;
  parent_name: string | null;
  done: number;
  of: number;
}): LaggardCandidate => ({
  org: { id: r.id, name: r.name, type: r.type as OrgType },
  isBranch: true,
  parentName: r.parent_name,
  done: r.done,
  of: r.of,
});

/**
 * Plans and lectures: usually at least 10 branches have nothing done, and those are the list; the
 * subtree is ranked whole only when they are fewer. Coverage is ranked whole. Ranked where the numbers
 * are (the rollups, in the database), so a city's thousands of branches are not read out.
 */
async function branchesBehind(
  db: Db,
  campaignId: string,
  top: { id: string; path: string },
  parentIds: readonly string[],
) {
  const zero = await repo.zeroBranchesSeason(db, campaignId, top, BRANCH_ORG_TYPES, LIMIT, parentIds);
  const ranked =
    zero.plans && zero.lectures
      ? []
      : await repo.lowestBranchesSeason(db, campaignId, top, BRANCH_ORG_TYPES, LIMIT);
  const coverage = await repo.lowestBranchCoverage(db, campaignId, top, BRANCH_ORG_TYPES, LIMIT);
  return {
    plans: (zero.plans ?? ranked.filter((r) => r.measure === 'plans')).map(laggardCandidate),
    lectures: (zero.lectures ?? ranked.filter((r) => r.measure === 'lectures')).map(laggardCandidate),
    coverage: coverage.map(laggardCandidate),
  };
}

/** KeptFacts counted now, whatever is kept. */
export async function countKeptFacts(
  db: Db,
  campaignId: string,
  top: { id: string; path: string },
  tree: TreeFacts,
): Promise<KeptFacts> {
  const kids = await repo.childOrgs(db, top.id);
  const kidPaths = kids.map((k) => k.path);
  return {
    kids,
    branchCounts: await repo.branchCountsFromTree(db, campaignId, top, tree.branches),
    seasonRows: await repo.seasonRows(db, campaignId, [top.path, ...kidPaths]),
    coverageRows: await coverageRepo.childSums(db, campaignId, top),
    weeks: await repo.weekRows(db, campaignId, top.path, kidPaths),
    ...(await branchesBehind(db, campaignId, top, tree.parentIds)),
  };
}

/** KeptFacts of `top` at `key`: from memory while the key has not moved, counted otherwise. */
export function keptFacts(
  db: Db,
  campaignId: string,
  top: { id: string; path: string },
  tree: TreeFacts,
  key: LaggardKey,
): Promise<KeptFacts> {
  return cachedLists(db, campaignId, top.path, key, () => countKeptFacts(db, campaignId, top, tree));
}
