import type { AppDeps } from '../../lib/deps.ts';
import type { Db } from './repository.ts';
import { loadRound } from './round-context.ts';
import { resultsService } from './results-service.ts';

/**
 * A round's final ranking for other modules (awards), computed exactly as the results page does
 * from the score log, without the actor checks: the caller has checked who may see it. Entries
 * that left the contest are not ranked. No phone numbers.
 */
export async function finalRanking(deps: AppDeps, tx: Db, roundId: string) {
  const r = await loadRound(tx, roundId);
  const c = await resultsService(deps).compute(tx, r);
  const byId = new Map(c.entries.map((e) => [e.entry_id, e]));
  return {
    round: r,
    problems: c.problems.map((p) => p.message),
    items: c.ranking.map((k) => {
      const e = byId.get(k.entryId)!;
      return {
        entryId: k.entryId,
        code: e.code,
        rank: k.rank,
        score: k.score,
        /** Still tied after the round's tie rule and any tie decision made on the results page. */
        tiedWith: k.tiedWith,
        speakerName: e.speaker_name,
        title: e.title,
        unitId: e.unit_org_id,
        unitName: e.unit_name,
      };
    }),
  };
}
export type FinalRanking = Awaited<ReturnType<typeof finalRanking>>;
