import {
  entryStates,
  type DashboardMeasure,
  type DashboardNumbers,
  type EntryState,
} from '@jiangtai/contracts';
import { BRANCH_ORG_TYPES } from '../org/branch-leaders.ts';
import type { Db } from '../org/tables.ts';
import type { PathSums } from '../coverage/repository.ts';
import { addSums, toNumbers, ZERO_SUMS } from '../coverage/rules.ts';
import { stateCountsUnder } from '../entries/repository.ts';
import { learningNumbersByPath } from '../learning/dashboard-numbers.ts';
import { orderCountsUnder } from '../orders/repository.ts';
import { inheritedTargets, poolSizesUnder } from '../pool/repository.ts';
import { effectiveTarget } from '../pool/rules.ts';
import type { KeptFacts } from './kept-facts.ts';
import type { SeasonRow } from './repository.ts';

export const isBranchType = (type: string) => (BRANCH_ORG_TYPES as readonly string[]).includes(type);
/** A top-level org's rollup rows hold only its own numbers (migrations 031 and 041). */
export const isTopLevel = (path: string) => /^\d+\.$/.test(path);

/** Rows stored per org (entries, pools, orders): a subtree's value sums every row beneath it. */
function under<T extends { path: string }>(rows: readonly T[], path: string, pick: (r: T) => number) {
  let n = 0;
  for (const r of rows) if (r.path.startsWith(path)) n += pick(r);
  return n;
}

const ZERO_SEASON: Omit<SeasonRow, 'path'> = {
  filed: 0,
  accepted: 0,
  records: 0,
  confirmed: 0,
  attendance: 0,
  lecturedOrgs: 0,
};
const addSeason = (a: Omit<SeasonRow, 'path'>, b: Omit<SeasonRow, 'path'>) => ({
  filed: a.filed + b.filed,
  accepted: a.accepted + b.accepted,
  records: a.records + b.records,
  confirmed: a.confirmed + b.confirmed,
  attendance: a.attendance + b.attendance,
  lecturedOrgs: a.lecturedOrgs + b.lecturedOrgs,
});

export interface ShownOrg {
  id: string;
  path: string;
  type: string;
}

/**
 * Everything the dashboard counts for an org and its children: the rollup rows of those paths and the
 * branches per child as kept (kept-facts.ts: plans, lectures from migration 041, coverage from 031), and
 * the small tables' per-org counts (entries, pools, orders) read now. `learningPaths` are the paths whose
 * study-task numbers are wanted (the learning module counts them). `kids` are all the org's children,
 * inactive ones too, so that nothing of the subtree is left out of its totals.
 */
export async function collect(
  db: Db,
  campaignId: string,
  self: ShownOrg,
  learningPaths: string[],
  /** The children, branches per child and the rollup rows of the org and its children (kept-facts.ts). */
  kept: Pick<KeptFacts, 'kids' | 'branchCounts' | 'seasonRows' | 'coverageRows'>,
) {
  const { kids, branchCounts, seasonRows: seasonList, coverageRows: coverage } = kept;
  const [entries, pools, orders, learning] = await Promise.all([
    stateCountsUnder(db, campaignId, self.path),
    poolSizesUnder(db, self.path),
    orderCountsUnder(db, self.path),
    learningNumbersByPath(db, learningPaths),
  ]);
  const inherited = await inheritedTargets(db, [
    ...new Set(pools.map((p) => p.org_parent_id).filter((x): x is string => !!x)),
  ]);
  const poolRows = pools.map((p) => ({
    path: p.path,
    speakers: p.speakers,
    target: effectiveTarget(p, inherited).target,
  }));
  const seasonBy = new Map(seasonList.map((r) => [r.path, r as Omit<SeasonRow, 'path'>]));
  const covBy = new Map(coverage.map((r) => [r.child, r]));

  // The shown org's subtree: at the top level its own row plus its children's (rows there hold only
  // the org's own numbers); coverage as the coverage page adds it (own members plus each child's subtree).
  function season(path: string) {
    if (path !== self.path || !isTopLevel(path)) return seasonBy.get(path) ?? ZERO_SEASON;
    return kids.reduce(
      (sum, k) => addSeason(sum, seasonBy.get(k.path) ?? ZERO_SEASON),
      seasonBy.get(path) ?? ZERO_SEASON,
    );
  }
  function coverageOf(o: ShownOrg): PathSums {
    if (o.id !== self.id) return covBy.get(o.id) ?? ZERO_SUMS;
    const rows = coverage.filter((r) => !r.self);
    return rows.reduce<PathSums>(addSums, coverage.find((r) => r.self)?.own ?? ZERO_SUMS);
  }
  const branchesOf = (o: ShownOrg) =>
    o.id === self.id ? [...branchCounts.values()].reduce((a, b) => a + b, 0) : (branchCounts.get(o.id) ?? 0);

  function numbersOf(o: ShownOrg): DashboardNumbers {
    const s = season(o.path);
    const byState = Object.fromEntries(entryStates.map((st) => [st, 0])) as Record<EntryState, number>;
    for (const e of entries) if (e.path.startsWith(o.path)) byState[e.state] += e.n;
    const targeted = poolRows.filter((p) => p.path.startsWith(o.path) && p.target !== null);
    return {
      plans: { branches: branchesOf(o), filed: s.filed, accepted: s.accepted },
      lectures: {
        records: s.records,
        confirmed: s.confirmed,
        attendance: s.attendance,
        branchesWithLecture: s.lecturedOrgs,
      },
      coverage: toNumbers(coverageOf(o)),
      entries: byState,
      pool: {
        speakers: under(poolRows, o.path, (p) => p.speakers),
        target: targeted.length ? targeted.reduce((n, p) => n + p.target!, 0) : null,
      },
      orders: {
        placed: under(orders, o.path, (x) => x.placed),
        delivered: under(orders, o.path, (x) => x.delivered),
      },
      learning: learning.get(o.path) ?? { assigned: 0, completed: 0 },
    };
  }
  return { numbersOf };
}

/** One measure's done of due in a child's numbers (the units' laggard list). */
export function measureOf(n: DashboardNumbers, measure: DashboardMeasure): { done: number; of: number } {
  switch (measure) {
    case 'plans':
      return { done: n.plans.filed, of: n.plans.branches };
    case 'lectures':
      return { done: n.lectures.branchesWithLecture, of: n.plans.branches };
    case 'coverage':
      return { done: n.coverage.lectured, of: n.coverage.members };
    case 'learning':
      return { done: n.learning.completed, of: n.learning.assigned };
  }
}

/** Sums of several subtrees' numbers (the overview of a viewer with several participating tops). */
export function addNumbers(a: DashboardNumbers, b: DashboardNumbers): DashboardNumbers {
  const entries = { ...a.entries };
  for (const st of entryStates) entries[st] += b.entries[st];
  const leaders = { ...a.coverage.leaders };
  for (const k of Object.keys(leaders) as (keyof typeof leaders)[])
    leaders[k] = {
      members: a.coverage.leaders[k].members + b.coverage.leaders[k].members,
      lectured: a.coverage.leaders[k].lectured + b.coverage.leaders[k].lectured,
    };
  return {
    plans: {
      branches: a.plans.branches + b.plans.branches,
      filed: a.plans.filed + b.plans.filed,
      accepted: a.plans.accepted + b.plans.accepted,
    },
    lectures: {
      records: a.lectures.records + b.lectures.records,
      confirmed: a.lectures.confirmed + b.lectures.confirmed,
      attendance: a.lectures.attendance + b.lectures.attendance,
      branchesWithLecture: a.lectures.branchesWithLecture + b.lectures.branchesWithLecture,
    },
    coverage: {
      members: a.coverage.members + b.coverage.members,
      lectured: a.coverage.lectured + b.coverage.lectured,
      leaders,
    },
    entries,
    pool: {
      speakers: a.pool.speakers + b.pool.speakers,
      target:
        a.pool.target === null && b.pool.target === null ? null : (a.pool.target ?? 0) + (b.pool.target ?? 0),
    },
    orders: { placed: a.orders.placed + b.orders.placed, delivered: a.orders.delivered + b.orders.delivered },
    learning: {
      assigned: a.learning.assigned + b.learning.assigned,
      completed: a.learning.completed + b.learning.completed,
    },
  };
}
