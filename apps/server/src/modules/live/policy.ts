import type { Actor } from '../../lib/actor.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import {
  assertCanManageRound,
  assertCanSeeResults,
  assertNotJudging,
  signOffRefusal,
} from '../reviews/policy.ts';
import { accessOf } from '../reviews/round-context.ts';
import type { RoundRow } from '../reviews/repository.ts';

/**
 * Who does what on the evening of a live final. No roles beyond those of review rounds:
 * - the MC console (主持人) is the round's organiser: whoever manages the round;
 * - judges are the active members of the round's panel (anyone else is told there is no such round);
 * - the supervisor's page (scores as they arrive) is for those who see a round's results; confirming a
 *   speaker's result and the final sign-off follow the review rounds' sign-off rule (a supervisor over
 *   the round who neither manages nor judges it).
 * A judge of the round is never its MC or supervisor.
 */

export function assertMc(actor: Actor, r: RoundRow, judging: boolean) {
  assertCanManageRound(actor, accessOf(r));
  assertNotJudging(judging);
}

export function assertWatches(actor: Actor, r: RoundRow, judging: boolean) {
  assertCanSeeResults(actor, accessOf(r));
  assertNotJudging(judging);
}

export function assertPanelJudge(seat: { active: boolean } | undefined) {
  if (!seat || !seat.active) throw notFound('现场决赛');
}

/** Confirming a speaker's result is the supervisor's independent check, as the sign-off is. */
export function confirmRefusal(actor: Actor, r: RoundRow, judging: boolean): string | null {
  return signOffRefusal(actor, accessOf(r), judging);
}

export function assertMayConfirm(actor: Actor, r: RoundRow, judging: boolean) {
  const refusal = confirmRefusal(actor, r, judging);
  if (refusal) throw forbidden(refusal.replace('签字确认', '确认成绩'));
}
