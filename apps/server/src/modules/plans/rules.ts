import type { LecturePlanSettings, LecturePlanStatus, PlanFilingStatus } from '@jiangtai/contracts';
import { beijingDate } from '@jiangtai/contracts';
import { conflict } from '../../lib/errors.ts';

/**
 * The lecture plan's state machine and lateness, as pure functions (the service calls them inside its
 * transaction; tests call them with an injected clock's date).
 *
 *   draft ──submit──▶ submitted ──accept──▶ accepted
 *   returned ─submit─┘     └──return──▶ returned
 *
 * Saving keeps draft and returned as they are (a returned plan keeps its reason on screen until it is
 * submitted again). A change to a submitted plan keeps it submitted and is recorded. A change to an
 * accepted plan needs a reason and is recorded; it goes back to 已提交 for the unit to accept again,
 * unless the one changing it is the unit (an admin who may accept it), whose change stays accepted:
 * 已通过 then always means "the unit accepted exactly these lines", and the branch is never late for it
 * (a submitted plan is not late).
 */

/** The plan's status after its lines changed. */
export function statusAfterChange(status: LecturePlanStatus, byDecider: boolean): LecturePlanStatus {
  if (status === 'accepted' && !byDecider) return 'submitted';
  return status;
}

/** A change to these plans is recorded as a revision; one to an accepted plan needs a reason. */
export const changeIsRecorded = (status: LecturePlanStatus) =>
  status === 'submitted' || status === 'accepted';
export const changeNeedsReason = (status: LecturePlanStatus) => status === 'accepted';

export function assertCanSubmit(status: PlanFilingStatus) {
  if (status === 'submitted') throw conflict('计划已提交，正在等待单位审核');
  if (status === 'accepted') throw conflict('计划已通过审核，无需再次提交；如需调整请直接修改并说明原因');
  if (status === 'none') throw conflict('还没有填写计划，请先添加宣讲安排并保存');
}

export function assertCanDecide(status: PlanFilingStatus) {
  if (status === 'none' || status === 'draft') throw conflict('支部还没有提交计划');
  if (status === 'returned') throw conflict('计划已退回支部，等支部修改后再次提交');
  if (status === 'accepted') throw conflict('计划已经通过审核');
}

/** Filed = handed to the unit (submitted or accepted); a returned plan is not filed. */
export const isFiled = (status: PlanFilingStatus) => status === 'submitted' || status === 'accepted';

/**
 * Late: the campaign requires a plan with a due date, the due Beijing day has ended (today in Beijing
 * is after it), and the plan is not filed. Campaigns without plan settings never make a branch late.
 */
export function isLate(
  settings: LecturePlanSettings | null | undefined,
  status: PlanFilingStatus,
  now: Date,
): boolean {
  if (!settings?.required || !settings.dueOn) return false;
  return beijingDate(now) > settings.dueOn && !isFiled(status);
}
