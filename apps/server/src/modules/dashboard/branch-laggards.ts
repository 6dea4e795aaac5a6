import { dashboardMeasures, type DashboardMeasure } from '@jiangtai/contracts';
import type { Db } from '../org/tables.ts';
import { laggardCandidate, type KeptFacts } from './kept-facts.ts';
import type { LaggardCandidate } from './laggards.ts';
import * as repo from './repository.ts';

const LIMIT = 10;

/**
 * The branches of an org's subtree furthest behind on each measure, at most 10 each: plans, lectures
 * and coverage as kept (kept-facts.ts); study tasks counted by their module per branch path
 * (`learning`), ranked here.
 */
export async function branchLaggards(
  db: Db,
  learning: {
    branches: { id: string; path: string }[];
    numbers: Map<string, { assigned: number; completed: number }>;
  },
  kept: Pick<KeptFacts, 'plans' | 'lectures' | 'coverage'>,
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
  out.plans = kept.plans;
  out.lectures = kept.lectures;
  out.coverage = kept.coverage;
  out.learning = learned.flatMap((b) => {
    const o = named.get(b.id);
    return o ? [laggardCandidate({ ...o, done: b.completed, of: b.assigned })] : [];
  });
  return out;
}
