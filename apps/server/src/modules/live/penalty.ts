import { penaltyUnitSeconds, type TimePenalty } from '@jiangtai/contracts';
import { Dec } from '../reviews/scoring.ts';

/**
 * The time penalty of a live final: past the limit and the grace, each started step of overtime
 * (30 s or 1 min) costs `points`, at most `maxPoints`. Pure. Spoken time is counted in whole seconds,
 * rounded down (a speaker is not charged for a fraction of a second the MC's click added).
 */
export function timePenaltyOf(
  spokenMs: number,
  rule: TimePenalty | null | undefined,
): { spokenSeconds: number; overtimeSeconds: number; penalty: string } {
  const spokenSeconds = Math.max(0, Math.floor(spokenMs / 1000));
  if (!rule) return { spokenSeconds, overtimeSeconds: 0, penalty: '0' };
  const overtimeSeconds = Math.max(0, spokenSeconds - rule.limitSeconds - rule.graceSeconds);
  const steps = Math.ceil(overtimeSeconds / penaltyUnitSeconds[rule.per]);
  const penalty = Dec.min(new Dec(rule.points).times(steps), new Dec(rule.maxPoints));
  return { spokenSeconds, overtimeSeconds, penalty: penalty.toFixed() };
}
