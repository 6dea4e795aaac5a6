/**
 * Beijing time (Asia/Shanghai) for server and web alike: times are stored in UTC and shown, and
 * compared by calendar day, in Beijing. China has kept UTC+8 without daylight saving since 1991,
 * so a fixed offset is exact and needs no time-zone data (which some phones' browsers lack).
 */
const OFFSET_MS = 8 * 3_600_000;

/** The instant shifted so its UTC fields read as the Beijing wall clock. */
const wall = (at: Date) => new Date(at.getTime() + OFFSET_MS).toISOString();

/** The Beijing calendar day of an instant: 2026-07-01T16:30Z → "2026-07-02". */
export function beijingDate(at: Date): string {
  return wall(at).slice(0, 10);
}

/** Beijing date and time to the minute: "2026-09-20 14:05". */
export function beijingMinute(at: Date): string {
  return wall(at).slice(0, 16).replace('T', ' ');
}

/** Beijing time of day: "14:05". */
export function beijingClock(at: Date): string {
  return wall(at).slice(11, 16);
}

/** The parts of an instant on the Beijing wall clock (month and day without leading zeros). */
export function beijingParts(at: Date): { y: number; m: number; d: number; hh: string; mm: string } {
  const w = wall(at);
  return {
    y: Number(w.slice(0, 4)),
    m: Number(w.slice(5, 7)),
    d: Number(w.slice(8, 10)),
    hh: w.slice(11, 13),
    mm: w.slice(14, 16),
  };
}

/** The instant a Beijing calendar day ("YYYY-MM-DD") begins: its 00:00 +08:00. */
export function beijingDayStart(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET_MS);
}

/** The instant a Beijing calendar day ends (= the next day's 00:00 in Beijing): deadlines close here. */
export function endOfBeijingDay(date: string): Date {
  return new Date(beijingDayStart(date).getTime() + 86_400_000);
}

/*
 * The one way dates are written for people, on screen and in generated documents alike:
 * 2026年12月6日, and 2026年12月6日 14:30 where the time matters (Beijing time).
 */

const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day ("2026-12-06") as it is, anything else as an instant on the Beijing wall clock. */
function dayParts(
  value: Date | string | number,
): { y: number; m: number; d: number; hh?: string; mm?: string } | null {
  if (typeof value === 'string') {
    const m = CALENDAR_DAY.exec(value);
    if (m) return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  }
  const at = value instanceof Date ? value : new Date(value);
  return Number.isNaN(at.getTime()) ? null : beijingParts(at);
}

/** 2026年12月6日 — the Beijing calendar day of an instant, or a calendar day; '—' when it is no date. */
export function formatBeijingDate(value: Date | string | number): string {
  const p = dayParts(value);
  return p ? `${p.y}年${p.m}月${p.d}日` : '—';
}

/** 2026年12月6日 14:30 in Beijing time; a calendar day ("2026-12-06") has no time and shows the day only. */
export function formatBeijingDateTime(value: Date | string | number): string {
  const p = dayParts(value);
  if (!p) return '—';
  return p.hh ? `${p.y}年${p.m}月${p.d}日 ${p.hh}:${p.mm}` : `${p.y}年${p.m}月${p.d}日`;
}
