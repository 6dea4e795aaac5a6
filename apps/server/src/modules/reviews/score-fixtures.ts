import type { JudgeScore } from './scoring.ts';

export { seededRandom } from './seeded-random.ts';

/**
 * Seeded random scores for the tally's property test and the results bench; kept apart from the
 * scoring code so nothing in production depends on it.
 */

/**
 * A judge's score over `criteria` criteria, each in [lo, lo + spread] in steps of 0.5 (as on the
 * judging form). A narrow spread makes equal totals, and so ties, common.
 */
export function randomJudgeScore(
  random: () => number,
  judgeId: string,
  criteria: number,
  { lo = 14, spread = 6 }: { lo?: number; spread?: number } = {},
): JudgeScore {
  const values: Record<string, number> = {};
  let halves = 0;
  for (let c = 0; c < criteria; c++) {
    const v = 2 * lo + Math.floor(random() * (2 * spread + 1));
    values[`c${c + 1}`] = v / 2;
    halves += v;
  }
  // Summing in halves (integers) keeps the total exact.
  return { judgeId, total: halves / 2, criteria: values };
}
