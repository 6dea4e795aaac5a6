/**
 * Dates are shown the Chinese way (2020年9月15日) in Beijing time, whatever the device's zone.
 * Date-only values ("2020-09-15") are calendar days and are shown as they are.
 */
import { beijingParts } from '@jiangtai/contracts';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

interface DayParts {
  y: number;
  m: number;
  d: number;
  hh?: string;
  mm?: string;
}

function parts(value: string | number | Date): DayParts | null {
  if (typeof value === 'string') {
    const m = DATE_ONLY.exec(value);
    if (m) return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  }
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  return beijingParts(date);
}

/** 2020年9月15日 */
export function formatDate(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const p = parts(value);
  return p ? `${p.y}年${p.m}月${p.d}日` : '—';
}

/** 2020年9月15日 14:30 (Beijing time) */
export function formatDateTime(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const p = parts(value);
  if (!p) return '—';
  return p.hh ? `${p.y}年${p.m}月${p.d}日 ${p.hh}:${p.mm}` : `${p.y}年${p.m}月${p.d}日`;
}

/** 2020年9月15日 – 2020年10月20日 (same-year end shortened to 10月20日) */
export function formatDateRange(from: string | null | undefined, to: string | null | undefined): string {
  if (!from && !to) return '—';
  if (!to) return `${formatDate(from)} 起`;
  if (!from) return `至 ${formatDate(to)}`;
  const a = parts(from);
  const b = parts(to);
  if (a && b && a.y === b.y) return `${formatDate(from)} – ${b.m}月${b.d}日`;
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
