import { describe, expect, it } from 'vitest';
import type { TieRule } from '@jiangtai/contracts';
import { rankEntries } from './ranking.ts';
import { seededRandom, randomJudgeScore } from './score-fixtures.ts';
import { entryResult, type JudgeScore } from './scoring.ts';
import { createRoundTally, type TallyRules } from './tally.ts';

const tieRules: TieRule[] = [
  { kind: 'untrimmed_mean_then_criterion', criterionKey: 'c1' },
  { kind: 'untrimmed_mean' },
  { kind: 'criterion', criterionKey: 'c1' },
  { kind: 'flag' },
];

/** The naive reference: every entry's result and the ranking from scratch. */
const fromScratch = (model: Map<string, Map<string, JudgeScore>>, rules: TallyRules) =>
  rankEntries(
    [...model].map(([id, byJudge]) => [id, entryResult([...byJudge.values()], rules)] as const),
    rules,
  );

describe('createRoundTally', () => {
  it('worked example: a new score moves an entry up and a changed one creates a flagged tie', () => {
    const rules: TallyRules = { dropHighest: 0, dropLowest: 0, decimals: 2, tieRule: { kind: 'flag' } };
    const s = (judgeId: string, total: number): JudgeScore => ({ judgeId, total, criteria: {} });
    const tally = createRoundTally(rules, [
      ['a', [s('1', 90), s('2', 80)]], // 85.00
      ['b', [s('1', 88), s('2', 86)]], // 87.00
    ]);
    expect(tally.ranking().map((r) => [r.entryId, r.rank])).toEqual([
      ['b', 1],
      ['a', 2],
    ]);
    // a gets a third score: (90 + 80 + 94) / 3 = 88.00 → first.
    expect(tally.setScore('a', s('3', 94)).score).toBe('88.00');
    expect(tally.ranking().map((r) => [r.entryId, r.rank])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    // b's judge 2 reopens and changes 86 → 88: (88 + 88) / 2 = 88.00, tied with a under rule "flag".
    tally.setScore('b', s('2', 88));
    expect(tally.ranking().map((r) => [r.entryId, r.rank, r.needsDecision])).toEqual([
      ['a', 1, true],
      ['b', 1, true],
    ]);
  });

  it('property: after any sequence of operations the ranking equals the full recomputation', () => {
    for (let run = 0; run < 40; run++) {
      const random = seededRandom(1000 + run);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
      const rules: TallyRules = {
        dropHighest: Math.floor(random() * 3),
        dropLowest: Math.floor(random() * 3),
        decimals: Math.floor(random() * 3),
        tieRule: pick(tieRules),
      };
      const entryIds = Array.from({ length: 1 + Math.floor(random() * 20) }, (_, i) => `e${i + 1}`);
      const judgeIds = Array.from({ length: 1 + Math.floor(random() * 7) }, (_, i) => String(i + 1));
      // Narrow ranges so equal totals, equal means and unbroken ties all happen often.
      const score = (judgeId: string) => {
        const s = randomJudgeScore(random, judgeId, 2, { lo: 8, spread: 2 });
        return random() < 0.1 ? { ...s, removed: true } : s;
      };

      const model = new Map<string, Map<string, JudgeScore>>();
      const initial = entryIds.filter(() => random() < 0.5);
      for (const id of initial)
        model.set(id, new Map(judgeIds.filter(() => random() < 0.7).map((j) => [j, score(j)])));
      const tally = createRoundTally(
        rules,
        [...model].map(([id, byJudge]) => [id, [...byJudge.values()]] as const),
      );
      expect(tally.ranking()).toEqual(fromScratch(model, rules));

      for (let op = 0; op < 120; op++) {
        const entryId = pick(entryIds);
        const byJudge = model.get(entryId) ?? new Map<string, JudgeScore>();
        model.set(entryId, byJudge);
        const judgeId = pick(judgeIds);
        const result =
          random() < 0.8
            ? tally.setScore(entryId, (byJudge.set(judgeId, score(judgeId)), byJudge.get(judgeId)!))
            : (byJudge.delete(judgeId), tally.removeScore(entryId, judgeId));
        expect(result).toEqual(entryResult([...byJudge.values()], rules));
        // Reading the ranking only now and then also checks that several changes accumulate correctly.
        if (random() < 0.5) expect(tally.ranking()).toEqual(fromScratch(model, rules));
      }
      expect(tally.ranking()).toEqual(fromScratch(model, rules));
      expect(tally.results()).toEqual(
        new Map([...model].map(([id, m]) => [id, entryResult([...m.values()], rules)])),
      );
    }
  });
});
