import { describe, expect, it } from 'vitest';
import type { TieRule } from '@jiangtai/contracts';
import { rankEntries } from './ranking.ts';
import { entryResult, type JudgeScore } from './scoring.ts';

/** Judges '1', '2', … each giving [total, content]; delivery makes up the rest of the total. */
const panel = (...scores: [total: number, content: number][]): JudgeScore[] =>
  scores.map(([total, content], i) => ({
    judgeId: String(i + 1),
    total,
    criteria: { content, delivery: total - content },
  }));
const rank = (tieRule: TieRule, entries: Record<string, JudgeScore[]>, drop = 0) =>
  rankEntries(
    Object.entries(entries).map(
      ([id, scores]) =>
        [id, entryResult(scores, { dropHighest: drop, dropLowest: drop, decimals: 2 })] as const,
    ),
    { tieRule },
  );
const view = (ranking: ReturnType<typeof rankEntries>) =>
  ranking.map((r) => [r.entryId, r.rank, r.score, r.decidedBy, r.tiedWith, r.needsDecision]);

const thenContent: TieRule = { kind: 'untrimmed_mean_then_criterion', criterionKey: 'content' };

describe('rankEntries', () => {
  it('standard competition ranking: 90, 88, 88, 80 → 1, 2, 2, 4, the tie flagged (rule: flag)', () => {
    const ranking = rank(
      { kind: 'flag' },
      { d: panel([80, 40]), a: panel([90, 40]), c: panel([88, 40]), b: panel([88, 41]) },
    );
    expect(view(ranking)).toEqual([
      ['a', 1, '90.00', null, [], false],
      ['b', 2, '88.00', null, ['c'], true],
      ['c', 2, '88.00', null, ['b'], true],
      ['d', 4, '80.00', null, [], false],
    ]);
    expect(ranking[1]!.note).toContain('需组织者决定');
  });

  it('same final score broken by the higher untrimmed mean', () => {
    // a: 80, 95, 85.5, 88, 90 → drop 95 and 80 → 263.5 / 3 = 87.83; untrimmed 438.5 / 5 = 87.70
    // b: 70, 99, 85.5, 88, 90 → drop 99 and 70 → 87.83 too;          untrimmed 432.5 / 5 = 86.50
    const a = panel([80, 40], [95, 40], [85.5, 40], [88, 40], [90, 40]);
    const b = panel([70, 40], [99, 40], [85.5, 40], [88, 40], [90, 40]);
    expect(view(rank(thenContent, { b, a }, 1))).toEqual([
      ['a', 1, '87.83', 'untrimmed_mean', [], false],
      ['b', 2, '87.83', 'untrimmed_mean', [], false],
    ]);
  });

  it('untrimmed means are compared exactly, not as rounded for display', () => {
    // a: (85 + 90 + 88) / 3 = 87.666…, b: (87.67 + 87.67 + 87.67) / 3 = 87.67: both display 87.67,
    // a is lower by 0.00333…; criterion would favour a (content 45 vs 40) but is not reached.
    const a = panel([85, 45], [90, 45], [88, 45]);
    const b = panel([87.67, 40], [87.67, 40], [87.67, 40]);
    expect(view(rank(thenContent, { a, b }))).toEqual([
      ['b', 1, '87.67', 'untrimmed_mean', [], false],
      ['a', 2, '87.67', 'untrimmed_mean', [], false],
    ]);
  });

  it('same final and untrimmed mean broken by the named criterion', () => {
    // Totals 85, 90, 88 for both (87.67); content a: 40 + 45 + 44 = 129, b: 42 + 44 + 45 = 131.
    const a = panel([85, 40], [90, 45], [88, 44]);
    const b = panel([85, 42], [90, 44], [88, 45]);
    expect(view(rank(thenContent, { a, b }))).toEqual([
      ['b', 1, '87.67', 'criterion', [], false],
      ['a', 2, '87.67', 'criterion', [], false],
    ]);
  });

  it('rule "criterion" ignores the untrimmed mean', () => {
    // Same final 87.83 (from the untrimmed-mean example); a has the higher untrimmed mean but b the higher content.
    const a = panel([80, 40], [95, 40], [85.5, 40], [88, 40], [90, 40]);
    const b = panel([70, 41], [99, 40], [85.5, 40], [88, 40], [90, 40]);
    expect(view(rank({ kind: 'criterion', criterionKey: 'content' }, { a, b }, 1))).toEqual([
      ['b', 1, '87.83', 'criterion', [], false],
      ['a', 2, '87.83', 'criterion', [], false],
    ]);
  });

  it('a tie the rule cannot break is flagged and shares the rank; the next entry is ranked 3', () => {
    const same = () => panel([85, 40], [90, 45], [88, 44]);
    const ranking = rank(thenContent, { z: same(), y: same(), x: panel([80, 40], [80, 40], [80, 40]) });
    expect(view(ranking)).toEqual([
      ['y', 1, '87.67', null, ['z'], true],
      ['z', 1, '87.67', null, ['y'], true],
      ['x', 3, '80.00', null, [], false],
    ]);
  });

  it('a three-way same score: two separated by the criterion, the other two still tied', () => {
    // All 87.67 with the same untrimmed mean; content: p 131, q 129, r 129.
    const ranking = rank(thenContent, {
      q: panel([85, 40], [90, 45], [88, 44]),
      p: panel([85, 42], [90, 44], [88, 45]),
      r: panel([85, 44], [90, 40], [88, 45]),
    });
    expect(view(ranking)).toEqual([
      ['p', 1, '87.67', 'criterion', [], false],
      ['q', 2, '87.67', 'criterion', ['r'], true],
      ['r', 2, '87.67', 'criterion', ['q'], true],
    ]);
  });

  it('entries without a counted score come last, unranked', () => {
    const removed = panel([90, 40]).map((s) => ({ ...s, removed: true }));
    const ranking = rank({ kind: 'flag' }, { gone: removed, none: [], a: panel([70, 40]) });
    expect(view(ranking)).toEqual([
      ['a', 1, '70.00', null, [], false],
      ['gone', null, null, null, [], false],
      ['none', null, null, null, [], false],
    ]);
  });
});
