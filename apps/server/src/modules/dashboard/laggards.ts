import type { CoverageOrgRef, DashboardLaggard, DashboardMeasure } from '@jiangtai/contracts';

/** done of due as a percentage with one decimal, rounded down (100% only when all are done). */
export const rate = (done: number, of: number) => Math.floor((done * 1000) / of) / 10;

export interface LaggardCandidate {
  org: CoverageOrgRef;
  isBranch: boolean;
  parentName: string | null;
  done: number;
  of: number;
}

/** Among candidates of the same rate: the most left to do first, then the oldest org. */
export const behindFirst = (a: LaggardCandidate, b: LaggardCandidate) =>
  b.of - b.done - (a.of - a.done) || Number(a.org.id) - Number(b.org.id);

/** Candidates (something due) lowest rate first, then behindFirst: the order the database ranks in. */
export const furthestBehind = (a: LaggardCandidate, b: LaggardCandidate) =>
  Math.floor((a.done * 1000) / a.of) - Math.floor((b.done * 1000) / b.of) || behindFirst(a, b);

/**
 * The candidates furthest behind on a measure: those with something due, lowest rate first (then the
 * most left to do, then the oldest org for a stable order), at most `limit`. `remindedAt` maps org id and
 * measure to today's reminder. Whether a reminder reaches anyone is looked up for the lists together.
 */
export function lowest(
  candidates: readonly LaggardCandidate[],
  measure: DashboardMeasure,
  limit: number,
  remindedAt: ReadonlyMap<string, string>,
): Omit<DashboardLaggard, 'reachable'>[] {
  return candidates
    .filter((c) => c.of > 0)
    .map((c) => ({ ...c, rate: rate(c.done, c.of) }))
    .sort((a, b) => a.rate - b.rate || behindFirst(a, b))
    .slice(0, limit)
    .map((c) => ({ ...c, remindedAt: remindedAt.get(`${c.org.id}:${measure}`) ?? null }));
}
