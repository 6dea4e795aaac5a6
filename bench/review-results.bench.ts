/**
 * A review round's results at city scale: 1,000 entries × 7 judges × 5 criteria, seeded random scores,
 * drop 1 highest and 1 lowest, 2 decimals, ties by untrimmed mean then criterion c1.
 *
 *   npm run bench:review [-- --iterations 200 --seed 7]
 *
 * Times, with the reviews module's own pure functions:
 *   full        — every entry's result plus the ranking, from scratch;
 *   incremental — one new or changed score applied to the round tally, then its ranking;
 *   update only — the same without reading the ranking (what a score write costs).
 * The baseline for the last two, measured in the same run on the same scores, is the naive approach:
 * apply the score and recompute every result and the ranking from scratch. Prints p50/p95 and the
 * ratio baseline/ours, and checks that the tally's ranking equals the full recomputation.
 */
import { isDeepStrictEqual, parseArgs } from 'node:util';
import type { TieRule } from '@jiangtai/contracts';
import { rankEntries } from '../apps/server/src/modules/reviews/ranking.ts';
import { seededRandom, randomJudgeScore } from '../apps/server/src/modules/reviews/score-fixtures.ts';
import { entryResult, type JudgeScore } from '../apps/server/src/modules/reviews/scoring.ts';
import { createRoundTally } from '../apps/server/src/modules/reviews/tally.ts';
import { time } from './timing.ts';

const ENTRIES = 1000;
const JUDGES = 7;
const CRITERIA = 5;

const { values } = parseArgs({
  options: { iterations: { type: 'string', default: '200' }, seed: { type: 'string', default: '7' } },
});
const iterations = Number(process.env.BENCH_ITERATIONS ?? values.iterations);
const random = seededRandom(Number(values.seed));
const tieRule: TieRule = { kind: 'untrimmed_mean_then_criterion', criterionKey: 'c1' };
const rules = { dropHighest: 1, dropLowest: 1, decimals: 2, tieRule };

const entryIds = Array.from({ length: ENTRIES }, (_, i) => String(100001 + i));
const judgeIds = Array.from({ length: JUDGES }, (_, i) => String(501 + i));
// The model the naive baseline recomputes from: entry → judge → score.
const model = new Map<string, Map<string, JudgeScore>>(
  entryIds.map((e) => [e, new Map(judgeIds.map((j) => [j, randomJudgeScore(random, j, CRITERIA)]))]),
);

const fromScratch = () =>
  rankEntries(
    [...model].map(([id, byJudge]) => [id, entryResult([...byJudge.values()], rules)] as const),
    rules,
  );

/** One judge's new or changed score on a random entry, the same sequence for ours and the baseline. */
const nextChange = () => {
  const entryId = entryIds[Math.floor(random() * ENTRIES)]!;
  const judgeId = judgeIds[Math.floor(random() * JUDGES)]!;
  return { entryId, score: randomJudgeScore(random, judgeId, CRITERIA) };
};

const fmt = (t: { p50: number; p95: number }, digits = 3) =>
  `${t.p50.toFixed(digits)} / ${t.p95.toFixed(digits)}`;
const ratio = (base: { p50: number; p95: number }, ours: { p50: number; p95: number }) =>
  `${(base.p50 / ours.p50).toFixed(0)}x (${(base.p95 / ours.p95).toFixed(0)}x)`;

async function main() {
  console.log(
    `数据：${ENTRIES} 件作品 × ${JUDGES} 名评委 × ${CRITERIA} 个评分项，去掉最高、最低分各 1 个，保留 2 位小数；每项 ${iterations} 次\n`,
  );
  const full = await time(async () => fromScratch(), Math.max(20, Math.floor(iterations / 4)));
  const tally = createRoundTally(
    rules,
    [...model].map(([id, byJudge]) => [id, [...byJudge.values()]] as const),
  );

  const apply = (c: ReturnType<typeof nextChange>) => model.get(c.entryId)!.set(c.score.judgeId, c.score);
  const incremental = await time(async () => {
    const c = nextChange();
    apply(c);
    tally.setScore(c.entryId, c.score);
    return tally.ranking();
  }, iterations);
  const updateOnly = await time(async () => {
    const c = nextChange();
    apply(c);
    return tally.setScore(c.entryId, c.score);
  }, iterations);
  const naive = await time(
    async () => {
      apply(nextChange());
      return fromScratch();
    },
    Math.max(20, Math.floor(iterations / 4)),
  );
  // The naive runs changed the model only: bring the tally level before comparing.
  for (const [id, byJudge] of model) for (const s of byJudge.values()) tally.setScore(id, s);
  const same = isDeepStrictEqual(tally.ranking(), fromScratch());

  const ranking = tally.ranking();
  const flagged = ranking.filter((r) => r.needsDecision).length;
  const broken = ranking.filter((r) => r.decidedBy !== null && !r.needsDecision).length;
  console.log('op                                ours p50/p95 ms      baseline p50/p95 ms   ratio p50 (p95)');
  console.log(`full results + ranking            ${fmt(full).padEnd(20)} —`);
  console.log(
    `one score → ranking (incremental) ${fmt(incremental).padEnd(20)} ${fmt(naive).padEnd(21)} ${ratio(naive, incremental)}`,
  );
  console.log(
    `one score → result only           ${fmt(updateOnly).padEnd(20)} ${fmt(naive).padEnd(21)} ${ratio(naive, updateOnly)}`,
  );
  console.log(
    `\n同分按规则区分 ${broken} 件，仍同分待组织者决定 ${flagged} 件；增量排名与全量重算${same ? '一致 ✓' : '不一致 ✗'}`,
  );
  if (!same) process.exitCode = 1;
}

await main();
