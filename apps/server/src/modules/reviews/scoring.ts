import Decimal from 'decimal.js';
import type { RoundRules } from '@jiangtai/contracts';

/**
 * One entry's result from its judges' scores: drop the configured highest and lowest totals, average
 * the rest in decimal arithmetic and round once, half up. Pure: no database, no clock.
 */

/**
 * A private Decimal: the global one may be configured elsewhere. Sums and cross-products of scores
 * (≤ 99 judges, values ≤ 1000) are exact at this precision; only divisions round, see `roundedMean`.
 */
export const Dec = Decimal.clone({ precision: 100, rounding: Decimal.ROUND_DOWN });
export type Dec = InstanceType<typeof Dec>;

/** A score as a judge entered it, or as the database returns a NUMERIC (a string). */
export type ScoreValue = number | string;

export interface JudgeScore {
  judgeId: string;
  /** Sum of the criteria; taken as given (the form and the database check the sum). */
  total: ScoreValue;
  criteria: Readonly<Record<string, ScoreValue>>;
  /** The organiser removed this judge from the entry (with a reason); the score does not count. */
  removed?: boolean;
}

export type ResultFlagCode = 'judges_removed' | 'panel_too_small_to_drop' | 'no_scores';
export interface ResultFlag {
  code: ResultFlagCode;
  /** Shown to organisers as is. */
  message: string;
}

export interface CriterionMean {
  /** Exact sum over the judges counted (not removed); with `count`, the exact mean for tie-breaks. */
  sum: string;
  count: number;
  /** For display: rounded to the round's decimals, half up. */
  mean: string;
}

export interface EntryResult {
  /** Scores on the entry, removed judges included: the panel as assigned. */
  assigned: number;
  /** Scores that count (assigned minus removed). */
  counted: number;
  /** Scores averaged into the final score (counted minus dropped). */
  used: number;
  removedJudgeIds: string[];
  droppedHighest: string[];
  droppedLowest: string[];
  /** Trimmed mean rounded once to `decimals`, half up; null when no score counts. */
  score: string | null;
  /** Mean of every counted score, rounded for display only. */
  untrimmedMean: string | null;
  /** Exact sum of the counted totals: the untrimmed mean is untrimmedSum / counted, compared exactly. */
  untrimmedSum: string;
  /** Over the counted (not removed, not trimmed) judges, per criterion key. */
  criteria: Record<string, CriterionMean>;
  flags: ResultFlag[];
  /** Points taken off for overtime in a live final ('0' otherwise), already in score and untrimmed. */
  penalty: string;
}

export const toDec = (value: ScoreValue): Dec => {
  const d = new Dec(value);
  if (!d.isFinite()) throw new Error(`评分不是有效数字：${String(value)}`);
  return d;
};

/**
 * sum / count rounded to `decimals` places, half up, as a fixed-point string. The division truncates
 * at 100 significant digits first; that cannot move a result across a rounding boundary, because a
 * mean of scores with few decimals is either exactly on the boundary (then the division is exact) or
 * at least 10^-k / count away from it, far more than 10^-90.
 */
export function roundedMean(sum: Dec, count: number, decimals: number): string {
  return sum.div(count).toFixed(decimals, Dec.ROUND_HALF_UP);
}

/**
 * Judge ids are decimal strings (idSchema); compare them as numbers so "10" comes after "9".
 * Anything else falls back to code-unit order, which is still deterministic.
 */
export function compareJudgeIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b) && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

type Counted = { judgeId: string; total: Dec };

/**
 * Which judges' totals are dropped. Among equal totals only as many as configured are dropped, and
 * the later judge id goes first, so the same scores always mark the same judge.
 */
function pickDropped(counted: readonly Counted[], dropHighest: number, dropLowest: number) {
  const laterFirst = (a: Counted, b: Counted) => compareJudgeIds(b.judgeId, a.judgeId);
  const byHigh = [...counted].sort((a, b) => b.total.cmp(a.total) || laterFirst(a, b));
  const highest = byHigh.slice(0, dropHighest);
  const rest = byHigh.slice(dropHighest);
  const lowest = rest.sort((a, b) => a.total.cmp(b.total) || laterFirst(a, b)).slice(0, dropLowest);
  return { highest: highest.map((s) => s.judgeId), lowest: lowest.map((s) => s.judgeId) };
}

/**
 * `penalty` (a live final's overtime deduction) is taken off the exact trimmed mean before the one
 * rounding: (Σkept − n·penalty) / n, so the final score is rounded once. The untrimmed mean used for
 * tie-breaks carries the same deduction.
 */
export function entryResult(
  scores: readonly JudgeScore[],
  rules: Pick<RoundRules, 'dropHighest' | 'dropLowest' | 'decimals'>,
  penalty: ScoreValue = 0,
): EntryResult {
  const seen = new Set<string>();
  for (const s of scores) {
    if (seen.has(s.judgeId)) throw new Error(`同一评委对同一作品有多条评分：${s.judgeId}`);
    seen.add(s.judgeId);
  }
  const removedJudgeIds = scores
    .filter((s) => s.removed)
    .map((s) => s.judgeId)
    .sort(compareJudgeIds);
  const live = scores.filter((s) => !s.removed);
  const counted = live.map((s) => ({ judgeId: s.judgeId, total: toDec(s.total) }));
  const flags: ResultFlag[] = [];
  if (removedJudgeIds.length > 0) {
    flags.push({
      code: 'judges_removed',
      message: `已移除 ${removedJudgeIds.length} 名评委的评分，按其余 ${counted.length} 份评分计算（应评 ${scores.length} 份）`,
    });
  }

  // At least one score must remain after dropping; otherwise drop nothing rather than guess.
  const wantDrop = rules.dropHighest + rules.dropLowest;
  let dropped = { highest: [] as string[], lowest: [] as string[] };
  if (wantDrop > 0 && counted.length > 0 && counted.length <= wantDrop) {
    flags.push({
      code: 'panel_too_small_to_drop',
      message: `有效评分只有 ${counted.length} 份，不足以去掉 ${rules.dropHighest} 个最高分和 ${rules.dropLowest} 个最低分，未去分，按全部有效评分计算`,
    });
  } else if (wantDrop > 0 && counted.length > 0) {
    dropped = pickDropped(counted, rules.dropHighest, rules.dropLowest);
  }
  const droppedIds = new Set([...dropped.highest, ...dropped.lowest]);
  const kept = counted.filter((s) => !droppedIds.has(s.judgeId));

  const off = toDec(penalty);
  const untrimmedSum = counted
    .reduce((acc, s) => acc.plus(s.total), new Dec(0))
    .minus(off.times(counted.length));
  const keptSum = kept.reduce((acc, s) => acc.plus(s.total), new Dec(0)).minus(off.times(kept.length));
  if (counted.length === 0) flags.push({ code: 'no_scores', message: '暂无有效评分，无法计算成绩' });

  const criterionSums = new Map<string, { sum: Dec; count: number }>();
  for (const s of live) {
    for (const [key, value] of Object.entries(s.criteria)) {
      const c = criterionSums.get(key) ?? { sum: new Dec(0), count: 0 };
      criterionSums.set(key, { sum: c.sum.plus(toDec(value)), count: c.count + 1 });
    }
  }
  const criteria: Record<string, CriterionMean> = {};
  for (const [key, c] of [...criterionSums].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    criteria[key] = {
      sum: c.sum.toFixed(),
      count: c.count,
      mean: roundedMean(c.sum, c.count, rules.decimals),
    };
  }

  return {
    assigned: scores.length,
    counted: counted.length,
    used: kept.length,
    removedJudgeIds,
    droppedHighest: dropped.highest,
    droppedLowest: dropped.lowest,
    score: kept.length > 0 ? roundedMean(keptSum, kept.length, rules.decimals) : null,
    untrimmedMean: counted.length > 0 ? roundedMean(untrimmedSum, counted.length, rules.decimals) : null,
    untrimmedSum: untrimmedSum.toFixed(),
    criteria,
    flags,
    penalty: off.toFixed(),
  };
}
