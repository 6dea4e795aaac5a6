import type { RoundRules, TieRule } from '@jiangtai/contracts';
import { Dec, type EntryResult } from './scoring.ts';

/**
 * Ranking by final score, descending, with the round's tie rule; a tie the rule cannot break is
 * flagged for the organiser and the entries share the rank (standard competition ranking 1, 2, 2, 4).
 * The sort key and comparator are exported so the incremental tally orders entries exactly the same way.
 */

export type TieBreak = 'untrimmed_mean' | 'criterion';

export interface RankedEntry {
  entryId: string;
  /** null when the entry has no counted score yet: it is listed last and not ranked. */
  rank: number | null;
  score: string | null;
  /** The deepest tie-break that separated this entry from another with the same final score. */
  decidedBy: TieBreak | null;
  /** Other entries this one is still tied with after the tie rule; they share the rank. */
  tiedWith: string[];
  needsDecision: boolean;
  note: string | null;
  result: EntryResult;
}

interface ExactMean {
  sum: Dec;
  count: number;
}

/** Parsed once per entry so comparisons do not re-parse strings. */
export interface RankKey {
  entryId: string;
  result: EntryResult;
  score: Dec | null;
  untrimmed: ExactMean | null;
  criterion: ExactMean | null;
}

export function rankKey(entryId: string, result: EntryResult, rule: TieRule): RankKey {
  const c = 'criterionKey' in rule ? result.criteria[rule.criterionKey] : undefined;
  return {
    entryId,
    result,
    score: result.score === null ? null : new Dec(result.score),
    untrimmed: result.counted > 0 ? { sum: new Dec(result.untrimmedSum), count: result.counted } : null,
    criterion: c && c.count > 0 ? { sum: new Dec(c.sum), count: c.count } : null,
  };
}

export function tieBreaks(rule: TieRule): TieBreak[] {
  switch (rule.kind) {
    case 'untrimmed_mean_then_criterion':
      return ['untrimmed_mean', 'criterion'];
    case 'untrimmed_mean':
      return ['untrimmed_mean'];
    case 'criterion':
      return ['criterion'];
    case 'flag':
      return [];
  }
}

/** Higher first; a missing value sorts after any value. Means are compared exactly: a/n vs b/m as a·m vs b·n. */
function compareMeansDesc(a: ExactMean | null, b: ExactMean | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return b.sum.times(a.count).cmp(a.sum.times(b.count));
}

function compareScoresDesc(a: Dec | null, b: Dec | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return b.cmp(a);
}

/** Level 0 is the final score, level i the i-th tie break; returns the first level where a and b differ. */
export function firstDifference(
  a: RankKey,
  b: RankKey,
  breaks: readonly TieBreak[],
): { level: number; cmp: number } {
  const s = compareScoresDesc(a.score, b.score);
  if (s !== 0) return { level: 0, cmp: s };
  for (let i = 0; i < breaks.length; i++) {
    const c =
      breaks[i] === 'untrimmed_mean'
        ? compareMeansDesc(a.untrimmed, b.untrimmed)
        : compareMeansDesc(a.criterion, b.criterion);
    if (c !== 0) return { level: i + 1, cmp: c };
  }
  return { level: -1, cmp: 0 };
}

/** The ranking order as a total order: ties that remain are listed by entry id, but share their rank. */
export function compareKeys(a: RankKey, b: RankKey, breaks: readonly TieBreak[]): number {
  return firstDifference(a, b, breaks).cmp || (a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0);
}

/** levels[i] = the first level where sorted[i] and sorted[i + 1] differ (-1: tied on every level). */
export function adjacentLevels(sorted: readonly RankKey[], breaks: readonly TieBreak[]): number[] {
  const levels: number[] = [];
  for (let i = 0; i + 1 < sorted.length; i++)
    levels.push(firstDifference(sorted[i]!, sorted[i + 1]!, breaks).level);
  return levels;
}

/**
 * Turns keys sorted by `compareKeys` into the ranking. Linear, and it compares no scores itself: it
 * reads the adjacent levels, which the tally keeps up to date instead of recomputing them.
 */
export function assignRanks(
  sorted: readonly RankKey[],
  breaks: readonly TieBreak[],
  levels: readonly number[] = adjacentLevels(sorted, breaks),
): RankedEntry[] {
  const out: RankedEntry[] = [];
  let i = 0;
  while (i < sorted.length) {
    // The group of entries the tie rule cannot tell apart: sorted[i..j).
    let j = i + 1;
    while (j < sorted.length && levels[j - 1] === -1) j++;
    const group = sorted.slice(i, j);
    const ranked = group[0]!.score !== null;
    // In lexicographic order the entry sharing the longest prefix of levels is an adjacent one.
    const deepest = ranked ? Math.max(i > 0 ? levels[i - 1]! : 0, j < sorted.length ? levels[j - 1]! : 0) : 0;
    const tied = ranked && group.length > 1;
    for (const key of group) {
      out.push({
        entryId: key.entryId,
        rank: ranked ? i + 1 : null,
        score: key.result.score,
        decidedBy: deepest > 0 ? breaks[deepest - 1]! : null,
        tiedWith: tied ? group.filter((g) => g !== key).map((g) => g.entryId) : [],
        needsDecision: tied,
        note: tied ? `与 ${group.length - 1} 件作品同分，按同分规则仍无法区分，需组织者决定并记录理由` : null,
        result: key.result,
      });
    }
    i = j;
  }
  return out;
}

export function rankEntries(
  results: Iterable<readonly [entryId: string, result: EntryResult]>,
  rules: Pick<RoundRules, 'tieRule'>,
): RankedEntry[] {
  const breaks = tieBreaks(rules.tieRule);
  const keys = [...results].map(([id, r]) => rankKey(id, r, rules.tieRule));
  keys.sort((a, b) => compareKeys(a, b, breaks));
  return assignRanks(keys, breaks);
}
