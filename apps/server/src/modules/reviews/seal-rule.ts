import { beijingDate, formatBeijingDate } from '@jiangtai/contracts';
import type { RoundRow } from './repository.ts';

/** Whether the 公示 period of a published round is still running (objections may be lodged). */
export const noticeOpen = (r: Pick<RoundRow, 'state' | 'notice_ends_on'>, now: Date) =>
  r.state === 'publicised' && !!r.notice_ends_on && beijingDate(now) <= r.notice_ends_on;

/**
 * Why a round cannot be sealed now, or null when it can: only published rounds, after the notice
 * period, with every objection answered. The seal endpoint and the results page's button share it.
 */
export function sealRefusal(
  r: Pick<RoundRow, 'state' | 'notice_ends_on'>,
  now: Date,
  pendingObjections: number,
): string | null {
  if (r.state === 'final') return '结果已封存';
  if (r.state !== 'publicised') return '发布公示并且公示期满后才能封存结果';
  if (noticeOpen(r, now)) return `公示期至 ${formatBeijingDate(r.notice_ends_on!)}，期满后可封存`;
  if (pendingObjections > 0) return `还有 ${pendingObjections} 条异议未答复，请先逐条答复`;
  return null;
}
