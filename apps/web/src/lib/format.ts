/**
 * Dates are shown one way everywhere (2026年12月6日, with the time 2026年12月6日 14:30 where it
 * matters) in Beijing time, whatever the device's zone. The formatting itself lives in
 * @jiangtai/contracts so the server's documents (exports, sign-off sheets) write dates the same way.
 * Date-only values ("2026-12-06") are calendar days and are shown as they are.
 */
import { formatBeijingDate, formatBeijingDateTime } from '@jiangtai/contracts';

type DateValue = string | number | Date | null | undefined;

/** The display format for DatePicker inputs (dayjs tokens): 2026年12月6日. */
export const DATE_INPUT_FORMAT = 'YYYY年M月D日';

/** 2026年12月6日 */
export function formatDate(value: DateValue): string {
  return value === null || value === undefined || value === '' ? '—' : formatBeijingDate(value);
}

/** 2026年12月6日 14:30 (Beijing time) */
export function formatDateTime(value: DateValue): string {
  return value === null || value === undefined || value === '' ? '—' : formatBeijingDateTime(value);
}

/** 2026年9月15日 – 2026年10月20日 */
export function formatDateRange(from: string | null | undefined, to: string | null | undefined): string {
  if (!from && !to) return '—';
  if (!to) return `${formatDate(from)} 起`;
  if (!from) return `至 ${formatDate(to)}`;
  return `${formatDate(from)} – ${formatDate(to)}`;
}

/** Seconds → "8分钟" / "9分42秒". */
export function formatDuration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  if (m === 0) return `${s}秒`;
  return s === 0 ? `${m}分钟` : `${m}分${s}秒`;
}

export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return n.toLocaleString('zh-CN');
}
