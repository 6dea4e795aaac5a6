import { z } from 'zod';
import { formatBeijingDate } from './beijing-time.ts';

/**
 * Campaign dates are calendar days in Beijing (Asia/Shanghai), written YYYY-MM-DD. A stage that
 * ends on a day lasts to the end of that day; a submission deadline closes at the end of its day.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export const beijingDateSchema = z
  .string({
    error: (issue) =>
      issue.input === undefined || issue.input === null ? '请填写日期' : '日期应为 YYYY-MM-DD 格式的文字',
  })
  .regex(DATE, '日期格式应为 YYYY-MM-DD，例如 2020-09-15')
  .refine((v) => !DATE.test(v) || isCalendarDate(v), '日期不存在，请检查月份和日期');

/** 2020-09-15 → 2020年9月15日 */
export function formatCampaignDate(date: string): string {
  return DATE.test(date) ? formatBeijingDate(date) : date;
}

/** Moves a date by whole years; 29 February becomes 28 February in a common year. */
export function shiftDateYears(date: string, years: number): string {
  const m = DATE.exec(date);
  if (!m || years === 0) return date;
  const y = Number(m[1]) + years;
  let day = m[3]!;
  if (m[2] === '02' && day === '29' && !isCalendarDate(`${y}-02-29`)) day = '28';
  return `${String(y).padStart(4, '0')}-${m[2]}-${day}`;
}

/** Moves a date by whole days (negative = earlier). */
export function shiftDateDays(date: string, days: number): string {
  if (!DATE.test(date) || days === 0) return date;
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** Whole days from one calendar date to another (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** 480 → 8分钟；450 → 7分30秒；45 → 45秒 */
export function formatSeconds(seconds: number): string {
  const s = Math.round(seconds);
  const min = Math.floor(s / 60);
  const rest = s % 60;
  if (min === 0) return `${rest}秒`;
  return rest === 0 ? `${min}分钟` : `${min}分${rest}秒`;
}
