import { describe, expect, it } from 'vitest';
import { entryResult, type JudgeScore } from './scoring.ts';

/** Judges '1', '2', … with these totals; each total split into two criteria so the sums hold. */
const panel = (...totals: number[]): JudgeScore[] =>
  totals.map((total, i) => ({
    judgeId: String(i + 1),
    total,
    criteria: { content: 40, delivery: total - 40 },
  }));
const rules = (dropHighest: number, dropLowest: number, decimals = 2) => ({
  dropHighest,
  dropLowest,
  decimals,
});

describe('trimmed mean by panel size', () => {
  it('panel of 3, drop 0: (85 + 90 + 88) / 3 = 263 / 3 = 87.666… → 87.67', () => {
    const r = entryResult(panel(85, 90, 88), rules(0, 0));
    expect(r).toMatchObject({ score: '87.67', untrimmedMean: '87.67', assigned: 3, counted: 3, used: 3 });
    expect(r.droppedHighest).toEqual([]);
    expect(r.droppedLowest).toEqual([]);
    expect(r.flags).toEqual([]);
  });

  it('panel of 5, drop 1 each: totals 80, 95, 85.5, 88, 90 → drop 95 (judge 2) and 80 (judge 1); (85.5 + 88 + 90) / 3 = 263.5 / 3 = 87.8333… → 87.83', () => {
    const r = entryResult(panel(80, 95, 85.5, 88, 90), rules(1, 1));
    expect(r).toMatchObject({ score: '87.83', droppedHighest: ['2'], droppedLowest: ['1'], used: 3 });
    // Untrimmed: 438.5 / 5 = 87.7 → 87.70 (display); the exact sum is kept for tie-breaks.
    expect(r).toMatchObject({ untrimmedMean: '87.70', untrimmedSum: '438.5', counted: 5 });
  });

  it('panel of 7, drop 2 each: 70, 95, 82, 88, 91, 86, 79 → drop 95, 91 and 70, 79; (82 + 86 + 88) / 3 = 256 / 3 = 85.333… → 85.33', () => {
    const r = entryResult(panel(70, 95, 82, 88, 91, 86, 79), rules(2, 2));
    expect(r).toMatchObject({
      score: '85.33',
      droppedHighest: ['2', '5'],
      droppedLowest: ['1', '7'],
      used: 3,
    });
    // Untrimmed: 591 / 7 = 84.428571… → 84.43.
    expect(r.untrimmedMean).toBe('84.43');
  });

  it('panel of 7, drop 1 each: drop 95 and 70; (79 + 82 + 86 + 88 + 91) / 5 = 426 / 5 = 85.2 → 85.20', () => {
    const r = entryResult(panel(70, 95, 82, 88, 91, 86, 79), rules(1, 1));
    expect(r).toMatchObject({ score: '85.20', droppedHighest: ['2'], droppedLowest: ['1'], used: 5 });
  });

  it('asymmetric drop: panel of 5, drop 2 highest only: 80, 95, 85.5, 88, 90 → drop 95, 90; (80 + 85.5 + 88) / 3 = 84.5 → 84.50', () => {
    const r = entryResult(panel(80, 95, 85.5, 88, 90), rules(2, 0));
    expect(r).toMatchObject({ score: '84.50', droppedHighest: ['2', '5'], droppedLowest: [] });
  });
});

describe('equal scores: only as many as configured are dropped', () => {
  it('two equal highest 92 (judges 2 and 3): only judge 3, the later id, is dropped; (90 + 92 + 88) / 3 = 90 → 90.00', () => {
    const r = entryResult(panel(90, 92, 92, 85, 88), rules(1, 1));
    expect(r).toMatchObject({ score: '90.00', droppedHighest: ['3'], droppedLowest: ['4'], used: 3 });
  });

  it('two equal lowest 85 (judges 1 and 4): only judge 4 is dropped', () => {
    const r = entryResult(panel(85, 92, 90, 85, 88), rules(1, 1));
    // Kept: 85 (judge 1), 90, 88 → 263 / 3 = 87.67.
    expect(r).toMatchObject({ score: '87.67', droppedHighest: ['2'], droppedLowest: ['4'] });
  });

  it('judge ids compare as numbers: of judges 9 and 10 with the same highest score, 10 is the later', () => {
    const scores = [9, 10, 11].map((id, i) => ({
      judgeId: String(id),
      total: [92, 92, 80][i]!,
      criteria: {},
    }));
    expect(entryResult(scores, rules(1, 0)).droppedHighest).toEqual(['10']);
  });

  it('all five equal: one high and one low are dropped, the mean is unchanged', () => {
    const r = entryResult(panel(88, 88, 88, 88, 88), rules(1, 1));
    expect(r).toMatchObject({ score: '88.00', droppedHighest: ['5'], droppedLowest: ['4'], used: 3 });
  });
});

describe('rounding once, half up, in decimal arithmetic', () => {
  it('(86 + 86.25 + 86.125) / 3 = 258.375 / 3 = 86.125 → 86.13', () => {
    expect(entryResult(panel(86, 86.25, 86.125), rules(0, 0)).score).toBe('86.13');
  });

  it('(86.12 + 86.129997 + 86.125) / 3 = 258.374997 / 3 = 86.124999 → 86.12', () => {
    expect(entryResult(panel(86.12, 86.129997, 86.125), rules(0, 0)).score).toBe('86.12');
  });

  it('(86.13 + 86.14) / 2 = 86.135 → 86.14, where binary floating point would give 86.13', () => {
    expect(((86.13 + 86.14) / 2).toFixed(2)).toBe('86.13'); // the bug this avoids
    expect(entryResult(panel(86.13, 86.14), rules(0, 0)).score).toBe('86.14');
  });

  it('scores given as strings (a NUMERIC column) give the same result', () => {
    const scores = ['86.13', '86.14'].map((total, i) => ({ judgeId: String(i + 1), total, criteria: {} }));
    expect(entryResult(scores, rules(0, 0)).score).toBe('86.14');
  });

  it('0 decimals: (87 + 88) / 2 = 87.5 → 88; 4 decimals: 263 / 3 → 87.6667', () => {
    expect(entryResult(panel(87, 88), rules(0, 0, 0)).score).toBe('88');
    expect(entryResult(panel(85, 90, 88), rules(0, 0, 4)).score).toBe('87.6667');
  });
});

describe('removed judges and small panels', () => {
  it('5 assigned, judge 5 removed: the 4 others count; drop 90 and 80; (85 + 88) / 2 = 86.5 → 86.50, 2 used of 5 assigned', () => {
    const scores = panel(80, 90, 85, 88, 99);
    scores[4] = { ...scores[4]!, removed: true };
    const r = entryResult(scores, rules(1, 1));
    expect(r).toMatchObject({ score: '86.50', assigned: 5, counted: 4, used: 2, removedJudgeIds: ['5'] });
    // The removed 99 is in neither mean: untrimmed (80 + 90 + 85 + 88) / 4 = 85.75.
    expect(r.untrimmedMean).toBe('85.75');
    expect(r.flags.map((f) => f.code)).toEqual(['judges_removed']);
    expect(r.flags[0]!.message).toContain('已移除 1 名评委');
  });

  it('panel too small to drop 1 + 1 (2 judges): nothing is dropped and the result says so; (88 + 91) / 2 = 89.50', () => {
    const r = entryResult(panel(88, 91), rules(1, 1));
    expect(r).toMatchObject({ score: '89.50', droppedHighest: [], droppedLowest: [], used: 2 });
    expect(r.flags.map((f) => f.code)).toEqual(['panel_too_small_to_drop']);
  });

  it('a removal can make the panel too small: 3 assigned, 1 removed, drop 1 + 1 → no drop', () => {
    const scores = panel(80, 90, 70);
    scores[2] = { ...scores[2]!, removed: true };
    const r = entryResult(scores, rules(1, 1));
    expect(r).toMatchObject({ score: '85.00', counted: 2, used: 2 });
    expect(r.flags.map((f) => f.code)).toEqual(['judges_removed', 'panel_too_small_to_drop']);
  });

  it('no counted score: no result, flagged', () => {
    const r = entryResult([{ ...panel(80)[0]!, removed: true }], rules(1, 1));
    expect(r).toMatchObject({ score: null, untrimmedMean: null, used: 0, counted: 0 });
    expect(r.flags.map((f) => f.code)).toContain('no_scores');
  });

  it('rejects two scores from the same judge on one entry', () => {
    expect(() => entryResult([...panel(80), ...panel(81)], rules(0, 0))).toThrow('多条评分');
  });
});

describe('criterion means', () => {
  it('are over every counted judge (dropped ones included, removed ones not), exact sum kept', () => {
    const scores: JudgeScore[] = [
      { judgeId: '1', total: 80, criteria: { content: 40, delivery: 40 } },
      { judgeId: '2', total: 90, criteria: { content: 45, delivery: 45 } },
      { judgeId: '3', total: 86, criteria: { content: 44.5, delivery: 41.5 } },
      { judgeId: '4', total: 99, criteria: { content: 50, delivery: 49 }, removed: true },
    ];
    const r = entryResult(scores, rules(1, 1));
    // content: (40 + 45 + 44.5) / 3 = 129.5 / 3 = 43.1666… → 43.17
    expect(r.criteria.content).toEqual({ sum: '129.5', count: 3, mean: '43.17' });
    expect(r.criteria.delivery).toEqual({ sum: '126.5', count: 3, mean: '42.17' });
  });
});
