import { dashboardMeasures, type DashboardMeasure, type OrgType } from '@jiangtai/contracts';
import { lowestBranchCoverage } from '../coverage/repository.ts';
import { BRANCH_ORG_TYPES } from '../org/branch-leaders.ts';
import type { Db } from '../org/tables.ts';
import type { LaggardCandidate } from './laggards.ts';
import * as repo from './repository.ts';

const LIMIT = 10;

/**
 * The branches of an org's subtree furthest behind on each measure, at most 10 each, ranked where the
 * numbers are (the rollups, in the database) so a city's thousands of branches are not read out. Study
 * tasks are counted by their module per branch path (`learning`), ranked here.
 */
export async function branchLaggards(
  db: Db,
  campaignId: string,
  top: { id: string; path: string },
  learning: {
    branches: { id: string; path: string }[];
    numbers: Map<string, { assigned: number; completed: number }>;
  },
  /** The subtree's branch-typed orgs with branch-typed orgs beneath them (tree-facts.ts). */
  parentIds?: readonly string[],
): Promise<Record<DashboardMeasure, LaggardCandidate[]>> {
  // Plans and lectures: usually at least 10 branches have nothing done, and those are the list; the
  // subtree is ranked whole only when they are fewer.
  const zero = await repo.zeroBranchesSeason(db, campaignId, top, BRANCH_ORG_TYPES, LIMIT, parentIds);
  const [ranked, coverage] = await Promise.all([
    zero.plans && zero.lectures
      ? []
      : repo.lowestBranchesSeason(db, campaignId, top, BRANCH_ORG_TYPES, LIMIT),
    lowestBranchCoverage(db, campaignId, top, BRANCH_ORG_TYPES, LIMIT),
  ]);
  const season = [
    ...(zero.plans ?? ranked.filter((r) => r.measure === 'plans')),
    ...(zero.lectures ?? ranked.filter((r) => r.measure === 'lectures')),
  ];
  const candidate = (r: {
    id: string;
    name: string;
    type: string;
    parent_name: string | null;
    done: number;
    of: number;
  }) => ({
    org: { id: r.id, name: r.name, type: r.type as OrgType },
    isBranch: true,
    parentName: r.parent_name,
    done: r.done,
    of: r.of,
  });
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
  for (const r of season) out[r.measure].push(candidate(r));
  out.coverage = coverage.map(candidate);
  out.learning = learned.flatMap((b) => {
    const o = named.get(b.id);
    return o ? [candidate({ ...o, done: b.completed, of: b.assigned })] : [];
  });
  return out;
}
