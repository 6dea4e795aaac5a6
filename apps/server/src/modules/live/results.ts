import type { JudgeDisplayMode, LiveSlotStatus } from '@jiangtai/contracts';
import type { computeResults } from '../reviews/results-service.ts';
import { compareJudgeIds, entryResult, type JudgeScore } from '../reviews/scoring.ts';
import { recordTotal } from '../reviews/score-log.ts';

type Computed = Awaited<ReturnType<typeof computeResults>>;

export interface SpeakerJudge {
  judgeId: string;
  name: string;
  submitted: boolean;
  total: string | null;
  criteria: Record<string, string | null> | null;
  at: Date | null;
  dropped: 'high' | 'low' | null;
}

/**
 * One speaker's result as the review rounds compute it (the round's log, the same trimming rule):
 * each judge's submitted total, the dropped highest and lowest, the trimmed mean before the penalty,
 * the penalty and the final score (the trimmed mean less the penalty, rounded once).
 */
export function speakerResult(c: Computed, entryId: string, names: ReadonlyMap<string, string>) {
  const mine = c.pairs.filter((p) => p.entryId === entryId && p.state !== 'removed');
  const scores: JudgeScore[] = mine
    .filter((p) => p.state === 'submitted' && p.lastSubmit)
    .map((p) => {
      const s = p.lastSubmit!.scores as Record<string, string | null>;
      return {
        judgeId: p.judgeId,
        total: recordTotal(s) ?? '0',
        criteria: Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v ?? '0'])),
      };
    });
  const time = c.facts.times.get(entryId);
  const withPenalty = entryResult(scores, c.rules, time?.penalty ?? 0);
  const plain = entryResult(scores, c.rules);
  const judges: SpeakerJudge[] = mine
    .map((p) => {
      const submitted = p.state === 'submitted' && !!p.lastSubmit;
      const s = submitted ? (p.lastSubmit!.scores as Record<string, string | null>) : null;
      return {
        judgeId: p.judgeId,
        name: names.get(p.judgeId) ?? p.judgeId,
        submitted,
        total: s ? recordTotal(s) : null,
        criteria: s,
        at: submitted ? new Date(p.lastSubmit!.createdAt) : null,
        dropped: withPenalty.droppedHighest.includes(p.judgeId)
          ? ('high' as const)
          : withPenalty.droppedLowest.includes(p.judgeId)
            ? ('low' as const)
            : null,
      };
    })
    .sort((a, b) => compareJudgeIds(a.judgeId, b.judgeId));
  return {
    judges,
    submitted: judges.filter((j) => j.submitted).length,
    complete: judges.length > 0 && judges.every((j) => j.submitted),
    average: plain.score,
    spokenSeconds: time?.spokenSeconds ?? null,
    overtimeSeconds: time?.overtimeSeconds ?? 0,
    penalty: withPenalty.penalty,
    score: withPenalty.score,
  };
}

/**
 * A speaker's status as the pages show it: a result the organiser reopened a score of (reviews'
 * 重新打开) is being scored again until that judge submits, whatever the slot said before.
 */
export function shownStatus(status: LiveSlotStatus, complete: boolean): LiveSlotStatus {
  return (status === 'scored' || status === 'confirmed') && !complete ? 'scoring' : status;
}

/** A judge's label on the public screens: the name, 评委N by panel order, or nothing. */
export function judgeLabel(mode: JudgeDisplayMode, name: string, index: number): string {
  return mode === 'named' ? name : `评委${index + 1}`;
}
