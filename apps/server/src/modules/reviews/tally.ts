import type { RoundRules } from '@jiangtai/contracts';
import {
  adjacentLevels,
  assignRanks,
  compareKeys,
  firstDifference,
  rankKey,
  tieBreaks,
  type RankKey,
  type RankedEntry,
} from './ranking.ts';
import { entryResult, type EntryResult, type JudgeScore } from './scoring.ts';

/**
 * A round's results kept up to date one score at a time: a new or changed score recomputes only its
 * entry and moves that entry within an array kept sorted by the ranking comparator (binary search out,
 * binary search in), and the tie levels between neighbours are recomputed only around the two places it
 * left and entered. `ranking()` always equals `rankEntries` over all results; the tests check that.
 */

export type TallyRules = Pick<RoundRules, 'dropHighest' | 'dropLowest' | 'decimals' | 'tieRule'>;

export interface RoundTally {
  /** Adds or replaces one judge's score on an entry (including marking the judge removed). */
  setScore(entryId: string, score: JudgeScore): EntryResult;
  /** Withdraws a judge's score, e.g. reopened by the organiser; the entry stays listed. */
  removeScore(entryId: string, judgeId: string): EntryResult;
  result(entryId: string): EntryResult | undefined;
  results(): Map<string, EntryResult>;
  ranking(): RankedEntry[];
}

export function createRoundTally(
  rules: TallyRules,
  initial: Iterable<readonly [entryId: string, scores: readonly JudgeScore[]]> = [],
  /** A live final's overtime deductions by entry id. */
  penalties: ReadonlyMap<string, string> = new Map(),
): RoundTally {
  const breaks = tieBreaks(rules.tieRule);
  const compare = (a: RankKey, b: RankKey) => compareKeys(a, b, breaks);
  const scores = new Map<string, Map<string, JudgeScore>>();
  const keys = new Map<string, RankKey>();
  let sorted: RankKey[] = [];
  /** levels[i]: first level where sorted[i] and sorted[i + 1] differ, as in `adjacentLevels`. */
  let levels: number[] = [];
  const levelAt = (i: number) => firstDifference(sorted[i]!, sorted[i + 1]!, breaks).level;
  let cachedRanking: RankedEntry[] | null = null;

  /** First index whose key is not before `key`. */
  const lowerBound = (key: RankKey) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(sorted[mid]!, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const recompute = (entryId: string) => {
    const result = entryResult(
      [...(scores.get(entryId)?.values() ?? [])],
      rules,
      penalties.get(entryId) ?? 0,
    );
    const key = rankKey(entryId, result, rules.tieRule);
    const old = keys.get(entryId);
    if (old) {
      // compareKeys is a total order (entry id last), so the old key is exactly at its lower bound.
      const at = lowerBound(old);
      if (sorted[at] !== old) throw new Error('内部错误：排名索引不一致');
      const before = sorted.length;
      sorted.splice(at, 1);
      // Drop the pairs (at-1, at) and (at, at+1); the two neighbours now meet.
      levels.splice(at > 0 ? at - 1 : 0, (at > 0 ? 1 : 0) + (at < before - 1 ? 1 : 0));
      if (at > 0 && at < sorted.length) levels.splice(at - 1, 0, levelAt(at - 1));
    }
    const k = lowerBound(key);
    // The pair (k-1, k) is split by the new key.
    if (k > 0 && k < sorted.length) levels.splice(k - 1, 1);
    sorted.splice(k, 0, key);
    const added: number[] = [];
    if (k > 0) added.push(levelAt(k - 1));
    if (k < sorted.length - 1) added.push(levelAt(k));
    levels.splice(k > 0 ? k - 1 : 0, 0, ...added);
    keys.set(entryId, key);
    cachedRanking = null;
    return result;
  };

  for (const [entryId, list] of initial) {
    if (scores.has(entryId)) throw new Error(`作品重复：${entryId}`);
    const byJudge = new Map<string, JudgeScore>();
    for (const s of list) byJudge.set(s.judgeId, s);
    scores.set(entryId, byJudge);
    const result = entryResult(list, rules, penalties.get(entryId) ?? 0);
    keys.set(entryId, rankKey(entryId, result, rules.tieRule));
  }
  sorted = [...keys.values()].sort(compare);
  levels = adjacentLevels(sorted, breaks);

  return {
    setScore(entryId, score) {
      const byJudge = scores.get(entryId) ?? new Map<string, JudgeScore>();
      byJudge.set(score.judgeId, score);
      scores.set(entryId, byJudge);
      return recompute(entryId);
    },
    removeScore(entryId, judgeId) {
      const byJudge = scores.get(entryId) ?? new Map<string, JudgeScore>();
      byJudge.delete(judgeId);
      scores.set(entryId, byJudge);
      return recompute(entryId);
    },
    result: (entryId) => keys.get(entryId)?.result,
    results: () => new Map([...keys].map(([id, k]) => [id, k.result])),
    ranking() {
      cachedRanking ??= assignRanks(sorted, breaks, levels);
      return cachedRanking;
    },
  };
}
