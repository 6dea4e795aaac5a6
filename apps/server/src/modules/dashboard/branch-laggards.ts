import { dashboardMeasures, type DashboardMeasure, type OrgType } from '@jiangtai/contracts';
import { BRANCH_ORG_TYPES } from '../org/branch-leaders.ts';
import type { Db } from '../org/tables.ts';
import { cachedLists, type LaggardKey } from './laggard-cache.ts';
import type { TreeFacts } from './tree-facts.ts';
import type { LaggardCandidate } from './laggards.ts';
import * as repo from './repository.ts';

const LIMIT = 10;

const candidate = (r: {
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
 * subtree is ranked whole only when they are fewer. Coverage is ranked whole.
 */
async function seasonAndCoverage(
  db: Db,
  campaignId: string,
  top: { id: string; path: string },
  parentIds: readonly string[],
): Promise<Record<'plans' | 'lectures' | 'coverage', LaggardCandidate[]>> {
  const zero = await repo.zeroBranchesSeason(db, campaignId, top, BRANCH_ORG_TYPES, LIMIT, parentIds);
  const [ranked, coverage] = await Promise.all([
    zero.plans && zero.lectures
      ? []
      : repo.lowestBranchesSeason(db, campaignId, top, BRANCH_ORG_TYPES, LIMIT),
    repo.lowestBranchCoverage(db, campaignId, top, BRANCH_ORG_TYPES, LIMIT),
  ]);
  return {
    plans: (zero.plans ?? ranked.filter((r) => r.measure === 'plans')).map(candidate),
    lectures: (zero.lectures ?? ranked.filter((r) => r.measure === 'lectures')).map(candidate),
    coverage: coverage.map(candidate),
  };
}

/** What the dashboard counts over a subtree's every branch, kept while its inputs do not change. */
export interface KeptFacts {
  /** Branches that file plans per child of the top (repository.ts branchCountsFromTree). */
  branchCounts: Map<string, number>;
  plans: LaggardCandidate[];
  lectures: LaggardCandidate[];
  coverage: LaggardCandidate[];
}

/**
 * The subtree's branches that file plans per child and its branches furthest behind on plans,
 * lectures and coverage (at most 10 each), ranked where the numbers are (the rollups, in the database)
 * so a city's thousands of branches are not read out, and kept while nothing they depend on changes
 * (laggard-cache.ts): these are the parts of the dashboard that grow with the city.
 */
export function keptFacts(
  db: Db,
  campaignId: string,
  top: { id: string; path: string },
  tree: TreeFacts,
  key: LaggardKey,
): Promise<KeptFacts> {
  return cachedLists(db, campaignId, top.path, key, () => countKeptFacts(db, campaignId, top, tree));
}

/** keptFacts counted now, whatever is kept. */
export async function countKeptFacts(
  db: Db,
  campaignId: string,
  top: { id: string; path: string },
  tree: TreeFacts,
): Promise<KeptFacts> {
  return {
    branchCounts: await repo.branchCountsFromTree(db, campaignId, top, tree.branches),
    ...(await seasonAndCoverage(db, campaignId, top, tree.parentIds)),
  };
}

/**
 * The branches of an org's subtree furthest behind on each measure, at most 10 each: plans, lectures
 * and coverage as kept (keptFacts); study tasks counted by their module per branch path (`learning`),
 * ranked here.
 */
export async function branchLaggards(
  db: Db,
  learning: {
    branches: { id: string; path: string }[];
    numbers: Map<string, { assigned: number; completed: number }>;
  },
  ranked: KeptFacts,
): Promise<Record<DashboardMeasure, LaggardCandidate[]>> {
  // Study tasks: the lowest rates among branches with members assigned, then their names.
  const learned = learning.branches
    .map((b) => ({ id: b.id, ...(learning.numbers.get(b.path) ?? { assigned: 0, completed: 0 }) }))
    .filter((b) => b.assigned > 0)
    .sort(
      (a, b) =>
        Math.floor((a.completed * 1000) / a.assigned) - Math.floor((b.completed * 1000) / b.assigned) ||
        b.assigned - b.completed - (a.assigned - a.completed) ||
        Number(a.id) - Number(b.id),
    )
    .slice(0, LIMIT);
  const named = new Map(
    (
      await repo.orgsWithParents(
        db,
        learned.map((b) => b.id),
      )
    ).map((o) => [o.id, o]),
  );
  const out = Object.fromEntries(dashboardMeasures.map((m) => [m, [] as LaggardCandidate[]])) as Record<
    DashboardMeasure,
    LaggardCandidate[]
  >;
  out.plans = ranked.plans;
  out.lectures = ranked.lectures;
  out.coverage = ranked.coverage;
  out.learning = learned.flatMap((b) => {
    const o = named.get(b.id);
    return o ? [candidate({ ...o, done: b.completed, of: b.assigned })] : [];
  });
  return out;
}
