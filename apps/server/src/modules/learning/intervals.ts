import { COMPLETION_SHARE, MAX_LEARNING_RATE } from '@jiangtai/contracts';

/**
 * The honest-learning rules, pure: what a progress report may add to a member's watched seconds.
 * Intervals are half-open [from, to) in whole seconds of the lecture; a stored set is sorted, disjoint
 * and never touching (touching ones are joined), so its length is the count of unique seconds.
 */
export type Interval = readonly [number, number];

/** Seconds of slack on the time budget: rounding of both ends and the network's jitter. */
export const BUDGET_TOLERANCE_SECONDS = 3;

/** Sorts, drops empty intervals and joins overlapping or touching ones (out of order and duplicates alike). */
export function mergeIntervals(list: readonly Interval[]): Interval[] {
  const sorted = list.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** Unique seconds of a merged set. */
export const totalSeconds = (merged: readonly Interval[]) => merged.reduce((n, [a, b]) => n + (b - a), 0);

/** A reported interval in player seconds, rounded to whole seconds and clipped to [0, duration]. */
export function normaliseInterval([from, to]: Interval, duration: number): Interval | null {
  const a = Math.max(0, Math.min(duration, Math.round(from)));
  const b = Math.max(0, Math.min(duration, Math.round(to)));
  return b > a ? [a, b] : null;
}

/**
 * How many seconds of playback a report may claim: the wall-clock time since the session's previous
 * report (or its start) at the fastest counting rate, plus the tolerance. A client claiming a whole
 * lecture at once gets only what time allows.
 */
export function timeBudget(elapsedMs: number): number {
  return Math.max(
    0,
    Math.floor((Math.max(0, elapsedMs) / 1000) * MAX_LEARNING_RATE + BUDGET_TOLERANCE_SECONDS),
  );
}

/** The parts of a merged set `a` not covered by the merged set `b`. */
export function subtractIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let j = 0;
  for (const [from, to] of a) {
    let start = from;
    while (j < b.length && b[j]![1] <= start) j++;
    let k = j;
    while (k < b.length && b[k]![0] < to) {
      if (b[k]![0] > start) out.push([start, b[k]![0]]);
      start = Math.max(start, b[k]![1]);
      k++;
    }
    if (start < to) out.push([start, to]);
  }
  return out;
}

/** The first `budget` seconds of a merged set, in lecture order (the rest of the claim is dropped). */
export function truncateToBudget(merged: readonly Interval[], budget: number): Interval[] {
  const out: Interval[] = [];
  let left = budget;
  for (const [a, b] of merged) {
    if (left <= 0) break;
    const take = Math.min(b - a, left);
    out.push([a, a + take]);
    left -= take;
  }
  return out;
}

export type RefusalReason = 'rate' | 'hidden' | 'muted';

export const REFUSAL_MESSAGES: Record<RefusalReason, string> = {
  rate: `倍速超过${MAX_LEARNING_RATE}倍的播放不计入学习时长`,
  hidden: '页面不在前台时的播放不计入学习时长',
  muted: '静音播放不计入学习时长',
};
export const OVER_BUDGET_MESSAGE = '报告的播放时长超过了实际经过的时间，超出部分不计';

export interface ReportInput {
  intervals: readonly Interval[];
  rate: number;
  visible: boolean;
  muted: boolean;
}

export interface Credit {
  /** The merged set after this report. */
  merged: Interval[];
  watched: number;
  /** Unique seconds this report added. */
  added: number;
  /** Seconds of the claim accepted: those already counted plus the new ones within the budget. */
  accepted: number;
  refusal: RefusalReason | null;
  overBudget: boolean;
}

/**
 * Applies one report to a member's stored set: refused entirely when played too fast, hidden or muted;
 * otherwise its intervals, clipped to the lecture and merged among themselves, add their seconds not
 * yet counted, at most the time budget of them (in lecture order). A re-sent interval costs nothing.
 */
export function creditReport(
  stored: readonly Interval[],
  report: ReportInput,
  duration: number,
  elapsedMs: number,
): Credit {
  const before = mergeIntervals(stored);
  const watchedBefore = totalSeconds(before);
  const refusal: RefusalReason | null =
    report.rate > MAX_LEARNING_RATE ? 'rate' : !report.visible ? 'hidden' : report.muted ? 'muted' : null;
  if (refusal)
    return { merged: before, watched: watchedBefore, added: 0, accepted: 0, refusal, overBudget: false };
  const claim = mergeIntervals(
    report.intervals.flatMap((i) => {
      const n = normaliseInterval(i, duration);
      return n ? [n] : [];
    }),
  );
  const budget = timeBudget(elapsedMs);
  const fresh = subtractIntervals(claim, before);
  const kept = truncateToBudget(fresh, budget);
  const merged = mergeIntervals([...before, ...kept]);
  const watched = totalSeconds(merged);
  return {
    merged,
    watched,
    added: watched - watchedBefore,
    accepted: totalSeconds(claim) - totalSeconds(fresh) + totalSeconds(kept),
    refusal: null,
    overBudget: totalSeconds(fresh) > budget,
  };
}

/** 已学完: at least 90 % of the duration watched (whole seconds, no floating point at the edge). */
export function isCompleted(watched: number, duration: number): boolean {
  return duration > 0 && watched * 100 >= duration * Math.round(COMPLETION_SHARE * 100);
}

/** Whole percent watched, rounded down. */
export function watchedPercent(watched: number, duration: number): number {
  return duration > 0 ? Math.min(100, Math.floor((watched * 100) / duration)) : 0;
}
