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
