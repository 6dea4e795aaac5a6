import { describe, expect, it } from 'vitest';
import type { AdvancementRule } from '@jiangtai/contracts';
import { rankEntries, type RankedEntry } from './ranking.ts';
import {
  advancement,
  applyTieDecisions,
  judgeSpread,
  type AdvancementFacts,
  type JudgeTotal,
} from './results-rules.ts';
import { entryResult, type JudgeScore } from './scoring.ts';

/**
 * Rankings are built the way the results page builds them: each entry's judges' totals go through
 * `entryResult` (3 judges, nothing dropped, 2 decimals), then `rankEntries`. The tie rule is 'flag',
 * so equal final scores are left for the organiser to decide.
 */
const judges = (...totals: number[]): JudgeScore[] =>
  totals.map((total, i) => ({ judgeId: String(i + 1), total, criteria: { content: total } }));

const rank = (entries: Record<string, number[]>): RankedEntry[] =>
  rankEntries(
    Object.entries(entries).map(
      ([id, totals]) =>
        [id, entryResult(judges(...totals), { dropHighest: 0, dropLowest: 0, decimals: 2 })] as const,
    ),
    { tieRule: { kind: 'flag' } },
  );

const view = (ranking: readonly RankedEntry[]) =>
  ranking.map((r) => [r.entryId, r.rank, r.score, r.needsDecision, r.tiedWith]);

describe('applyTieDecisions', () => {
  // a 90, b and c both 88 (a tie the rule cannot break), d 85.
  const ranking = () =>
    rank({
      a: [89, 90, 91],
      b: [86, 88, 90],
      c: [88, 88, 88],
      d: [84, 85, 86],
    });

  it('starts from a flagged tie: b and c share 2nd place, d is 4th', () => {
    expect(view(ranking())).toEqual([
      ['a', 1, '90.00', false, []],
      ['b', 2, '88.00', true, ['c']],
      ['c', 2, '88.00', true, ['b']],
      ['d', 4, '85.00', false, []],
    ]);
  });

  it('a decision ordering the tied pair gives ranks 2 and 3, in the decided order, with the reason as the note', () => {
    const decided = applyTieDecisions(ranking(), [{ entryIds: ['c', 'b'], reason: '现场答辩得分较高' }]);
    expect(view(decided)).toEqual([
      ['a', 1, '90.00', false, []],
      ['c', 2, '88.00', false, []],
      ['b', 3, '88.00', false, []],
      ['d', 4, '85.00', false, []],
    ]);
    expect(decided[1]!.note).toBe('同分，由组织者裁定名次：现场答辩得分较高');
    expect(decided[2]!.note).toBe('同分，由组织者裁定名次：现场答辩得分较高');
    // Entries outside the group are untouched.
    expect(decided[0]!.note).toBeNull();
    expect(decided[3]!.note).toBeNull();
  });

  it('does not modify the ranking it was given', () => {
    const before = ranking();
    applyTieDecisions(before, [{ entryIds: ['c', 'b'], reason: '理由' }]);
    expect(view(before)).toEqual(view(ranking()));
    expect(before[1]!.note).toContain('需组织者决定');
  });

  it('ignores a decision naming entries that are not exactly one tied group', () => {
    const cases: string[][] = [
      ['b'], // only part of the group
      ['b', 'c', 'd'], // the group plus an entry that is not tied
      ['a', 'b'], // a is not tied at all
      ['b', 'x'], // an entry not in the ranking
    ];
    for (const entryIds of cases) {
      const out = applyTieDecisions(ranking(), [{ entryIds, reason: '理由' }]);
      expect(view(out), entryIds.join(',')).toEqual(view(ranking()));
      expect(out[1]!.note).toContain('需组织者决定');
    }
  });

  it('ignores a stale decision: scores changed and the entries are no longer tied', () => {
    // A judge corrected c's score after the decision was recorded: c is now 88.33, ahead of b.
    const now = rank({ a: [89, 90, 91], b: [86, 88, 90], c: [88, 88, 89], d: [84, 85, 86] });
    const out = applyTieDecisions(now, [{ entryIds: ['b', 'c'], reason: '旧的裁定' }]);
    expect(view(out)).toEqual([
      ['a', 1, '90.00', false, []],
      ['c', 2, '88.33', false, []],
      ['b', 3, '88.00', false, []],
      ['d', 4, '85.00', false, []],
    ]);
    expect(out.every((r) => r.note === null)).toBe(true);
  });

  it('a decision for a different pair shows the real tie as undecided again', () => {
    // Scores changed: now b and d are tied, c stands alone. The old decision named b and c.
    const now = rank({ a: [89, 90, 91], b: [86, 88, 90], c: [89, 89, 89], d: [88, 88, 88] });
    const out = applyTieDecisions(now, [{ entryIds: ['c', 'b'], reason: '旧的裁定' }]);
    expect(view(out)).toEqual([
      ['a', 1, '90.00', false, []],
      ['c', 2, '89.00', false, []],
      ['b', 3, '88.00', true, ['d']],
      ['d', 3, '88.00', true, ['b']],
    ]);
  });

  it('a three-way tie at 1st place decided as 1, 2, 3; the entry after keeps rank 4', () => {
    const three = rank({ p: [90, 90, 90], q: [89, 90, 91], r: [88, 90, 92], s: [80, 80, 80] });
    expect(view(three)).toEqual([
      ['p', 1, '90.00', true, ['q', 'r']],
      ['q', 1, '90.00', true, ['p', 'r']],
      ['r', 1, '90.00', true, ['p', 'q']],
      ['s', 4, '80.00', false, []],
    ]);
    // A pair out of the three is not a tied group.
    expect(view(applyTieDecisions(three, [{ entryIds: ['r', 'p'], reason: '理由' }]))).toEqual(view(three));

    const out = applyTieDecisions(three, [{ entryIds: ['r', 'p', 'q'], reason: '按课件得分排序' }]);
    expect(view(out)).toEqual([
      ['r', 1, '90.00', false, []],
      ['p', 2, '90.00', false, []],
      ['q', 3, '90.00', false, []],
      ['s', 4, '80.00', false, []],
    ]);
    expect(out.slice(0, 3).map((r) => r.note)).toEqual(
      Array(3).fill('同分，由组织者裁定名次：按课件得分排序'),
    );
  });

  it('applies several decisions, each to its own group', () => {
    const two = rank({ a: [90, 90, 90], b: [90, 90, 90], c: [85, 85, 85], d: [80, 80, 80], e: [80, 80, 80] });
    const out = applyTieDecisions(two, [
      { entryIds: ['e', 'd'], reason: '理由二' },
      { entryIds: ['b', 'a'], reason: '理由一' },
    ]);
    expect(out.map((r) => [r.entryId, r.rank, r.needsDecision])).toEqual([
      ['b', 1, false],
      ['a', 2, false],
      ['c', 3, false],
      ['e', 4, false],
      ['d', 5, false],
    ]);
  });

  it('leaves unscored entries unranked at the end', () => {
    const withNone = rankEntries(
      [
        ['a', entryResult(judges(88), { dropHighest: 0, dropLowest: 0, decimals: 2 })],
        ['none', entryResult([], { dropHighest: 0, dropLowest: 0, decimals: 2 })],
        ['b', entryResult(judges(88), { dropHighest: 0, dropLowest: 0, decimals: 2 })],
      ],
      { tieRule: { kind: 'flag' } },
    );
    const out = applyTieDecisions(withNone, [{ entryIds: ['b', 'a'], reason: '理由' }]);
    expect(out.map((r) => [r.entryId, r.rank])).toEqual([
      ['b', 1],
      ['a', 2],
      ['none', null],
    ]);
  });
});

describe('advancement', () => {
  /** Entry codes as the organiser sees them (blind codes), for the blocker messages. */
  const codes: Record<string, string> = { a: 'K7Q2M9', b: 'P3X8RT', c: 'H4N6WZ', d: 'B9C2DE', e: 'M5T7YA' };
  const label = (id: string) => codes[id] ?? id;
  const noFacts = new Map<string, AdvancementFacts>();
  const top3: AdvancementRule = { kind: 'top_n', count: 3 };

  it('top_n: the first 3 of 5 advance', () => {
    const ranking = rank({
      a: [95, 95, 95],
      b: [90, 90, 90],
      c: [88, 88, 88],
      d: [85, 85, 85],
      e: [80, 80, 80],
    });
    expect(advancement(ranking, noFacts, top3, label)).toEqual({
      advancing: ['a', 'b', 'c'],
      pending: [],
      blockers: [],
      groups: [{ key: 'all', advancing: 3, candidates: 5 }],
    });
  });

  it('top_n: a tie across the cut (3rd and 4th share rank 3) blocks confirming, naming both codes', () => {
    const ranking = rank({
      a: [95, 95, 95],
      b: [90, 90, 90],
      c: [88, 88, 88],
      d: [87, 88, 89],
      e: [80, 80, 80],
    });
    expect(ranking.map((r) => r.rank)).toEqual([1, 2, 3, 3, 5]);
    const preview = advancement(ranking, noFacts, top3, label);
    expect(preview.blockers).toEqual(['第 3 名处有同分（H4N6WZ、B9C2DE），请先裁定同分名次']);
    expect(preview.blockers[0]).toContain('第 3 名处有同分');
    // Neither tied entry is in or out: both are pending with the reason, until the tie is decided.
    expect(preview.advancing).toEqual(['a', 'b']);
    expect(preview.pending).toEqual([
      { entryId: 'c', reason: '与 B9C2DE 同分并列第 3 名，只剩 1 个晋级名额，待组织者裁定同分名次' },
      { entryId: 'd', reason: '与 H4N6WZ 同分并列第 3 名，只剩 1 个晋级名额，待组织者裁定同分名次' },
    ]);

    // Once the organiser decides the tie (d ahead of c), the cut can be made.
    const decided = applyTieDecisions(ranking, [{ entryIds: ['d', 'c'], reason: '讲稿得分较高' }]);
    expect(advancement(decided, noFacts, top3, label)).toEqual({
      advancing: ['a', 'b', 'd'],
      pending: [],
      blockers: [],
      groups: [{ key: 'all', advancing: 3, candidates: 5 }],
    });
  });

  it('top_n: a tie inside the cut (2nd and 3rd) is no blocker', () => {
    const ranking = rank({
      a: [95, 95, 95],
      b: [90, 90, 90],
      c: [90, 90, 90],
      d: [85, 85, 85],
      e: [80, 80, 80],
    });
    expect(advancement(ranking, noFacts, top3, label)).toMatchObject({
      advancing: ['a', 'b', 'c'],
      blockers: [],
    });
  });

  it('top_n: a three-way tie at 2nd place reaching past the cut blocks', () => {
    const ranking = rank({
      a: [95, 95, 95],
      b: [90, 90, 90],
      c: [90, 90, 90],
      d: [90, 90, 90],
      e: [80, 80, 80],
    });
    expect(advancement(ranking, noFacts, top3, label).blockers).toEqual([
      '第 3 名处有同分（H4N6WZ、B9C2DE），请先裁定同分名次',
    ]);
  });

  it('top_n: fewer candidates than places: all scored entries advance', () => {
    const ranking = rank({ a: [95, 95, 95], b: [90, 90, 90] });
    expect(advancement(ranking, noFacts, { kind: 'top_n', count: 20 }, label)).toEqual({
      advancing: ['a', 'b'],
      pending: [],
      blockers: [],
      groups: [{ key: 'all', advancing: 2, candidates: 2 }],
    });
  });

  const facts = (rows: [entryId: string, categoryKey: string, unitId: string][]) =>
    new Map(rows.map(([entryId, categoryKey, unitId]) => [entryId, { entryId, categoryKey, unitId }]));

  // 岳阳's categories (政治理论 theory, 党史国史 history) and three units.
  const scored = () => {
    const rules = { dropHighest: 0, dropLowest: 0, decimals: 2 };
    const finals: [string, number][] = [
      ['t1', 94],
      ['h1', 92],
      ['t2', 90],
      ['h2', 89],
      ['t3', 87],
      ['h3', 85],
      ['t4', 83],
    ];
    return rankEntries(
      [
        ...finals.map(([id, s]) => [id, entryResult(judges(s, s, s), rules)] as const),
        ['t5', entryResult([], rules)] as const, // no judge has scored t5 yet
      ],
      { tieRule: { kind: 'flag' } },
    );
  };
  const entryFacts = facts([
    ['t1', 'theory', 'u1'],
    ['h1', 'history', 'u2'],
    ['t2', 'theory', 'u1'],
    ['h2', 'history', 'u1'],
    ['t3', 'theory', 'u2'],
    ['h3', 'history', 'u3'],
    ['t4', 'theory', 'u3'],
    ['t5', 'theory', 'u3'],
  ]);

  it('top_n_per_category: the first 2 of each category, in ranking order; no score, no place', () => {
    expect(advancement(scored(), entryFacts, { kind: 'top_n_per_category', count: 2 }, label)).toEqual({
      advancing: ['t1', 't2', 'h1', 'h2'],
      pending: [],
      blockers: [],
      groups: [
        { key: 'theory', advancing: 2, candidates: 4 },
        { key: 'history', advancing: 2, candidates: 3 },
      ],
    });
  });

  it('unit_quota: each unit recommends its best 2 (岳阳 初赛: 1–2 per unit)', () => {
    expect(advancement(scored(), entryFacts, { kind: 'unit_quota', count: 2 }, label)).toEqual({
      advancing: ['t1', 't2', 'h1', 't3', 'h3', 't4'],
      pending: [],
      blockers: [],
      groups: [
        // u1: t1 94, t2 90, h2 89 → h2 misses out.
        { key: 'u1', advancing: 2, candidates: 3 },
        { key: 'u2', advancing: 2, candidates: 2 },
        // u3: h3 85, t4 83; t5 has no score and is not a candidate.
        { key: 'u3', advancing: 2, candidates: 2 },
      ],
    });
  });

  it("unit_quota: a tie at a unit's cut blocks only with that unit's entries named", () => {
    const ranking = rank({
      a: [90, 90, 90],
      b: [88, 88, 88],
      c: [88, 88, 88],
      d: [70, 70, 70],
      e: [70, 70, 70],
    });
    const f = facts([
      ['a', 'theory', 'u1'],
      ['b', 'theory', 'u1'],
      ['c', 'theory', 'u2'], // same score as b, but another unit: no conflict
      ['d', 'theory', 'u2'],
      ['e', 'theory', 'u2'],
    ]);
    const preview = advancement(ranking, f, { kind: 'unit_quota', count: 2 }, label);
    expect(preview.advancing).toEqual(['a', 'b', 'c']);
    expect(preview.pending.map((p) => p.entryId)).toEqual(['d', 'e']);
    expect(preview.blockers).toEqual(['第 2 名处有同分（B9C2DE、M5T7YA），请先裁定同分名次']);
    expect(preview.groups).toEqual([
      { key: 'u1', advancing: 2, candidates: 2 },
      { key: 'u2', advancing: 1, candidates: 3 },
    ]);
  });

  it('entries without a score never advance, and a group with none scored does not appear', () => {
    const none = entryResult([], { dropHighest: 0, dropLowest: 0, decimals: 2 });
    const ranking = rankEntries(
      [
        ['a', none],
        ['b', none],
      ],
      { tieRule: { kind: 'flag' } },
    );
    expect(ranking.map((r) => r.rank)).toEqual([null, null]);
    expect(advancement(ranking, noFacts, top3, label)).toEqual({
      advancing: [],
      pending: [],
      blockers: [],
      groups: [],
    });
  });
});

describe('judgeSpread', () => {
  const t = (judgeId: string, entryId: string, total: string): JudgeTotal => ({ judgeId, entryId, total });

  // Judges 1–3 agree roughly; judge 4 gives every entry 20 points more than the mean of the other three.
  const panel: JudgeTotal[] = [
    t('1', 'e1', '70'),
    t('2', 'e1', '72'),
    t('3', 'e1', '74'),
    t('4', 'e1', '92'),
    t('1', 'e2', '60'),
    t('2', 'e2', '65'),
    t('3', 'e2', '70'),
    t('4', 'e2', '85'),
    t('1', 'e3', '75'),
    t('2', 'e3', '75'),
    t('3', 'e3', '75'),
    t('4', 'e3', '95'),
  ];

  it('a judge 20 points above the others on every entry: mean deviation +20.00, every entry an outlier', () => {
    const spread = judgeSpread(panel, 15);
    const j4 = spread.find((s) => s.judgeId === '4')!;
    expect(j4).toEqual({
      judgeId: '4',
      scored: 3,
      meanTotal: '90.67', // (92 + 85 + 95) / 3 = 90.666…
      meanDeviation: '20.00',
      deviationSd: '0.00',
      outliers: [
        { entryId: 'e1', total: '92', othersMean: '72.00', deviation: '20.00' },
        { entryId: 'e2', total: '85', othersMean: '65.00', deviation: '20.00' },
        { entryId: 'e3', total: '95', othersMean: '75.00', deviation: '20.00' },
      ],
    });
  });

  it('the other judges deviate below, but not past the threshold', () => {
    const j1 = judgeSpread(panel, 15).find((s) => s.judgeId === '1')!;
    // e1: 70 − (72 + 74 + 92) / 3 = −9.33; e2: 60 − (65 + 70 + 85) / 3 = −13.33; e3: 75 − 245 / 3 = −6.67.
    expect(j1).toMatchObject({ scored: 3, meanTotal: '68.33', meanDeviation: '-9.78', outliers: [] });
    // Sample SD of −28/3, −40/3, −20/3 (mean −88/9): √((1824/81) / 2) = 3.3555… → 3.36
    expect(j1.deviationSd).toBe('3.36');
  });

  it('lists judges in the order they first appear', () => {
    expect(judgeSpread(panel, 15).map((s) => s.judgeId)).toEqual(['1', '2', '3', '4']);
  });

  it('a deviation exactly at the threshold is not an outlier; just past it is', () => {
    expect(judgeSpread(panel, 20).find((s) => s.judgeId === '4')!.outliers).toEqual([]);
    expect(judgeSpread(panel, 19.99).find((s) => s.judgeId === '4')!.outliers).toHaveLength(3);
  });

  it('a low outlier has a negative deviation', () => {
    const spread = judgeSpread([t('1', 'e', '90'), t('2', 'e', '88'), t('3', 'e', '62.5')], 15);
    expect(spread.find((s) => s.judgeId === '3')!.outliers).toEqual([
      { entryId: 'e', total: '62.5', othersMean: '89.00', deviation: '-26.50' },
    ]);
  });

  it('a judge alone on an entry contributes no deviation for it', () => {
    const spread = judgeSpread(
      [
        t('5', 'solo', '88'), // nobody else scored this entry
        t('5', 'pair', '90'),
        t('6', 'pair', '80'),
      ],
      15,
    );
    expect(spread).toEqual([
      {
        judgeId: '5',
        scored: 2,
        meanTotal: '89.00', // both entries count for the mean total
        meanDeviation: '10.00', // only 'pair' has others to compare with
        deviationSd: null, // one deviation has no spread
        outliers: [],
      },
      {
        judgeId: '6',
        scored: 1,
        meanTotal: '80.00',
        meanDeviation: '-10.00',
        deviationSd: null,
        outliers: [],
      },
    ]);
  });

  it('a judge with only solo entries has no deviation at all', () => {
    expect(judgeSpread([t('7', 'x', '75.5')], 15)).toEqual([
      { judgeId: '7', scored: 1, meanTotal: '75.50', meanDeviation: null, deviationSd: null, outliers: [] },
    ]);
  });

  it('no totals, no judges', () => {
    expect(judgeSpread([], 15)).toEqual([]);
  });
});
