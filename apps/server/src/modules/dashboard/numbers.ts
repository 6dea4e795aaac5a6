import {
  entryStates,
  type DashboardMeasure,
  type DashboardNumbers,
  type EntryState,
} from '@jiangtai/contracts';
import { BRANCH_ORG_TYPES } from '../org/branch-leaders.ts';
import type { Db } from '../org/tables.ts';
import * as coverageRepo from '../coverage/repository.ts';
import type { PathSums } from '../coverage/repository.ts';
import { addSums, toNumbers, ZERO_SUMS } from '../coverage/rules.ts';
import { stateCountsUnder } from '../entries/repository.ts';
import { learningNumbersByPath } from '../learning/dashboard-numbers.ts';
import { orderCountsUnder } from '../orders/repository.ts';
import { inheritedTargets, poolSizesUnder } from '../pool/repository.ts';
import { effectiveTarget } from '../pool/rules.ts';
import { seasonRows, type SeasonRow } from './repository.ts';

export const isBranchType = (type: string) => (BRANCH_ORG_TYPES as readonly string[]).includes(type);
/** A top-level org's rollup rows hold only its own numbers (migrations 031 and 041). */
export const isTopLevel = (path: string) => /^\d+\.$/.test(path);
const isChildPath = (parent: string, path: string) =>
  path.startsWith(parent) &&
  path.length > parent.length &&
  path.indexOf('.', parent.length) === path.length - 1;

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

/** A rollup's subtree value at `path`: its row, or at the top level its own row plus its children's. */
function hierarchical<T>(rows: Map<string, T>, path: string, zero: T, add: (a: T, b: T) => T) {
  if (!isTopLevel(path)) return rows.get(path) ?? zero;
  let sum = rows.get(path) ?? zero;
  for (const [p, r] of rows) if (isChildPath(path, p)) sum = add(sum, r);
  return sum;
}

/** Rows stored per org (entries, pools, orders, branches): a subtree's value sums every row beneath it. */
function under<T extends { path: string }>(rows: readonly T[], path: string, pick: (r: T) => number) {
  let n = 0;
  for (const r of rows) if (r.path.startsWith(path)) n += pick(r);
  return n;
}

export interface SubtreeOrg {
  id: string;
  name: string;
  type: string;
  path: string;
  parent_id: string | null;
}

/**
 * Everything the dashboard counts in one subtree, loaded once (rollup rows and the small tables'
 * per-org counts) so that the numbers of the org, each child and every branch come from the same read.
 * `orgs` are the subtree's active orgs (branches are counted from them).
 * `learningPaths` are the paths whose study-task numbers are wanted (their module counts them).
 */
export async function collect(
  db: Db,
  campaignId: string,
  base: { path: string },
  orgs: readonly SubtreeOrg[],
  learningPaths: string[],
) {
  const [seasonList, coverage, entries, pools, orders, learning] = await Promise.all([
    seasonRows(db, campaignId, base.path),
    coverageRepo.subtreeSums(db, campaignId, base.path),
    stateCountsUnder(db, campaignId, base.path),
    poolSizesUnder(db, base.path),
    orderCountsUnder(db, base.path),
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
  const subtreeCov = new Map(coverage.map((r) => [r.orgPath, r.subtree]));
  const ownCov = new Map(coverage.map((r) => [r.orgPath, r.own]));
  // Branches per subtree, counted into every ancestor once: the laggard lists ask it for each branch.
  const branchCount = new Map<string, number>();
  for (const o of orgs)
    if (isBranchType(o.type))
      for (let i = o.path.indexOf('.'); i >= 0; i = o.path.indexOf('.', i + 1)) {
        const p = o.path.slice(0, i + 1);
        branchCount.set(p, (branchCount.get(p) ?? 0) + 1);
      }

  const season = (path: string) => hierarchical(seasonBy, path, ZERO_SEASON, addSeason);

  function coverageAt(path: string): PathSums {
    if (!isTopLevel(path)) return subtreeCov.get(path) ?? ZERO_SUMS;
    let sum = ownCov.get(path) ?? ZERO_SUMS;
    for (const [p, r] of subtreeCov) if (isChildPath(path, p)) sum = addSums(sum, r);
    return sum;
  }

  function numbersOf(path: string): DashboardNumbers {
    const s = season(path);
    const byState = Object.fromEntries(entryStates.map((st) => [st, 0])) as Record<EntryState, number>;
    for (const e of entries) if (e.path.startsWith(path)) byState[e.state] += e.n;
    const targeted = poolRows.filter((p) => p.path.startsWith(path) && p.target !== null);
    return {
      plans: { branches: branchCount.get(path) ?? 0, filed: s.filed, accepted: s.accepted },
      lectures: {
        records: s.records,
        confirmed: s.confirmed,
        attendance: s.attendance,
        branchesWithLecture: s.lecturedOrgs,
      },
      coverage: toNumbers(coverageAt(path)),
      entries: byState,
      pool: {
        speakers: under(poolRows, path, (p) => p.speakers),
        target: targeted.length ? targeted.reduce((n, p) => n + p.target!, 0) : null,
      },
      orders: {
        placed: under(orders, path, (o) => o.placed),
        delivered: under(orders, path, (o) => o.delivered),
      },
      learning: learning.get(path) ?? { assigned: 0, completed: 0 },
    };
  }

  /** One measure's done of due at `path` (the laggard lists), without building all the numbers. */
  function measureOf(path: string, measure: DashboardMeasure): { done: number; of: number } {
    switch (measure) {
      case 'plans':
        return { done: season(path).filed, of: branchCount.get(path) ?? 0 };
      case 'lectures':
        return {
          done: season(path).lecturedOrgs,
          of: branchCount.get(path) ?? 0,
        };
      case 'coverage': {
        const c = coverageAt(path);
        return { done: c.lectured, of: c.members };
      }
      case 'learning': {
        const l = learning.get(path) ?? { assigned: 0, completed: 0 };
        return { done: l.completed, of: l.assigned };
      }
    }
  }

  return { numbersOf, measureOf };
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
