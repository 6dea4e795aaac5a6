import { describe, expect, it } from 'vitest';
import {
  BUDGET_TOLERANCE_SECONDS,
  creditReport,
  isCompleted,
  mergeIntervals,
  subtractIntervals,
  normaliseInterval,
  timeBudget,
  totalSeconds,
  truncateToBudget,
  watchedPercent,
  type Interval,
} from './intervals.ts';

const ok = { rate: 1, visible: true, muted: false };
const MIN = 60_000;

describe('mergeIntervals', () => {
  it('joins overlapping and touching intervals and keeps gaps', () => {
    expect(
      mergeIntervals([
        [0, 10],
        [5, 15],
        [15, 20],
        [30, 40],
      ]),
    ).toEqual([
      [0, 20],
      [30, 40],
    ]);
  });
  it('accepts reports out of order and duplicates', () => {
    expect(
      mergeIntervals([
        [30, 40],
        [0, 10],
        [30, 40],
        [0, 10],
        [10, 12],
      ]),
    ).toEqual([
      [0, 12],
      [30, 40],
    ]);
  });
  it('drops empty intervals and swallows contained ones', () => {
    expect(
      mergeIntervals([
        [5, 5],
        [0, 100],
        [20, 30],
      ]),
    ).toEqual([[0, 100]]);
    expect(mergeIntervals([])).toEqual([]);
  });
});

describe('normaliseInterval', () => {
  it('rounds to whole seconds and clips to the lecture', () => {
    expect(normaliseInterval([10.4, 20.6], 300)).toEqual([10, 21]);
    expect(normaliseInterval([290, 400], 300)).toEqual([290, 300]);
    expect(normaliseInterval([350, 400], 300)).toBeNull();
    expect(normaliseInterval([3.2, 3.4], 300)).toBeNull();
  });
});

describe('time budget', () => {
  it('allows 1.5× the elapsed time plus the tolerance', () => {
    expect(timeBudget(10_000)).toBe(15 + BUDGET_TOLERANCE_SECONDS);
    expect(timeBudget(0)).toBe(BUDGET_TOLERANCE_SECONDS);
    expect(timeBudget(-5_000)).toBe(BUDGET_TOLERANCE_SECONDS);
  });
  it('truncates a claim in lecture order', () => {
    expect(
      truncateToBudget(
        [
          [0, 10],
          [20, 30],
        ],
        15,
      ),
    ).toEqual([
      [0, 10],
      [20, 25],
    ]);
    expect(truncateToBudget([[0, 10]], 0)).toEqual([]);
  });
});

describe('subtractIntervals', () => {
  it('keeps the parts not yet covered', () => {
    expect(
      subtractIntervals(
        [[0, 100]],
        [
          [10, 20],
          [30, 40],
        ],
      ),
    ).toEqual([
      [0, 10],
      [20, 30],
      [40, 100],
    ]);
    expect(
      subtractIntervals(
        [
          [5, 15],
          [25, 35],
        ],
        [
          [0, 10],
          [30, 50],
        ],
      ),
    ).toEqual([
      [10, 15],
      [25, 30],
    ]);
    expect(subtractIntervals([[0, 10]], [[0, 10]])).toEqual([]);
    expect(subtractIntervals([[0, 10]], [])).toEqual([[0, 10]]);
  });
});

describe('creditReport', () => {
  it('a re-sent interval costs no budget: the new seconds beside it count in full', () => {
    const c = creditReport(
      [[0, 10]],
      {
        ...ok,
        intervals: [
          [0, 10],
          [10, 20],
        ],
      },
      300,
      10_000,
    );
    expect(c).toMatchObject({ watched: 20, added: 10, overBudget: false });
  });

  it('adds only unique seconds: a report of seconds already watched adds nothing', () => {
    const first = creditReport([], { ...ok, intervals: [[0, 10]] }, 300, 10_000);
    expect(first).toMatchObject({ watched: 10, added: 10, refusal: null, overBudget: false });
    const again = creditReport(first.merged, { ...ok, intervals: [[0, 10]] }, 300, 10_000);
    expect(again).toMatchObject({ watched: 10, added: 0 });
  });

  it('a malicious client claiming the whole lecture at once gets only what time allows', () => {
    const c = creditReport([], { ...ok, intervals: [[0, 3600]] }, 3600, 10_000);
    expect(c.watched).toBe(15 + BUDGET_TOLERANCE_SECONDS);
    expect(c.overBudget).toBe(true);
    expect(isCompleted(c.watched, 3600)).toBe(false);
  });

  it('seeking to the end counts only the seconds played there', () => {
    const c = creditReport([[0, 5]], { ...ok, intervals: [[590, 600]] }, 600, 10_000);
    expect(c.merged).toEqual([
      [0, 5],
      [590, 600],
    ]);
    expect(c.watched).toBe(15);
  });

  it('refuses playback above 1.5×, hidden or muted: counted as nothing, with the reason', () => {
    for (const [patch, reason] of [
      [{ rate: 2 }, 'rate'],
      [{ visible: false }, 'hidden'],
      [{ muted: true }, 'muted'],
    ] as const) {
      const c = creditReport([[0, 5]], { ...ok, ...patch, intervals: [[5, 15]] }, 300, 10_000);
      expect(c).toMatchObject({ refusal: reason, added: 0, watched: 5, merged: [[0, 5]] });
    }
    expect(creditReport([], { ...ok, rate: 1.5, intervals: [[0, 15]] }, 300, 10_000).watched).toBe(15);
  });

  it('watching at 1.5× for a long time stays within the budget', () => {
    let stored: Interval[] = [];
    for (let i = 0; i < 40; i++)
      stored = creditReport(
        stored,
        { ...ok, rate: 1.5, intervals: [[i * 15, i * 15 + 15]] },
        600,
        10_000,
      ).merged;
    expect(totalSeconds(stored)).toBe(600);
    expect(isCompleted(600, 600)).toBe(true);
  });

  it('clips intervals beyond the duration and ignores reversed or empty ones', () => {
    const c = creditReport(
      [],
      {
        ...ok,
        intervals: [
          [295, 900],
          [7, 7],
        ],
      },
      300,
      MIN,
    );
    expect(c.merged).toEqual([[295, 300]]);
  });
});

describe('completion', () => {
  it('is reached at 90 % of the duration, not before', () => {
    expect(isCompleted(270, 300)).toBe(true);
    expect(isCompleted(269, 300)).toBe(false);
    expect(isCompleted(9, 10)).toBe(true);
    expect(isCompleted(0, 0)).toBe(false);
    expect(watchedPercent(269, 300)).toBe(89);
    expect(watchedPercent(400, 300)).toBe(100);
  });
});

/** A tiny deterministic generator so failures reproduce. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('property: random reports against a brute-force set of seconds', () => {
  it('merged length equals the seconds covered, and the budget is never exceeded per report', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const r = rng(seed);
      const duration = 1 + Math.floor(r() * 400);
      const seen = new Set<number>();
      let stored: Interval[] = [];
      for (let k = 0; k < 25; k++) {
        const n = Math.floor(r() * 4);
        const intervals: Interval[] = [];
        for (let j = 0; j < n; j++) {
          const a = r() * (duration + 40) - 20;
          intervals.push([Math.max(0, a), Math.max(0, a) + r() * 60]);
        }
        const elapsed = Math.floor(r() * 40_000);
        const report = { rate: r() < 0.1 ? 2 : 1, visible: r() > 0.05, muted: r() < 0.05, intervals };
        const c = creditReport(stored, report, duration, elapsed);
        if (!c.refusal) {
          // Brute force: the claim's seconds in order, new ones counted until the budget is spent.
          const claim = mergeIntervals(
            intervals.flatMap((i) => {
              const x = normaliseInterval(i, duration);
              return x ? [x] : [];
            }),
          );
          let left = timeBudget(elapsed);
          for (const [a, b] of claim)
            for (let sec = a; sec < b && left > 0; sec++)
              if (!seen.has(sec)) {
                seen.add(sec);
                left--;
              }
          expect(c.added).toBeLessThanOrEqual(timeBudget(elapsed));
        }
        stored = c.merged;
        expect(c.watched).toBe(seen.size);
        expect([...seen].every((sec) => sec >= 0 && sec < duration)).toBe(true);
        expect(stored.every(([a, b], i) => b > a && (i === 0 || a > stored[i - 1]![1]))).toBe(true);
      }
    }
  });
});
