import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  beijingClock,
  beijingDate,
  beijingDayStart,
  beijingMinute,
  beijingParts,
  endOfBeijingDay,
  formatBeijingDate,
  formatBeijingDateTime,
  formatCampaignDate,
} from '@jiangtai/contracts';

// The one implementation of Beijing time (packages/contracts/src/beijing-time.ts), used by the
// server and the web app alike. The process's own time zone must not matter.
describe('Beijing time (UTC+8, no daylight saving)', () => {
  it('16:30 UTC is already the next day in Beijing (00:30 +08:00)', () => {
    expect(beijingDate(new Date('2026-07-01T16:30:00Z'))).toBe('2026-07-02');
  });

  it('15:59:59 UTC is still the same day (23:59:59 +08:00)', () => {
    expect(beijingDate(new Date('2026-07-01T15:59:59Z'))).toBe('2026-07-01');
  });

  it('midnight Beijing exactly belongs to the new day, also across a year end', () => {
    expect(beijingDate(new Date('2026-07-01T16:00:00Z'))).toBe('2026-07-02');
    expect(beijingDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });

  it('writes minutes and clock times on the Beijing wall clock', () => {
    const at = new Date('2026-09-20T06:05:30Z');
    expect(beijingMinute(at)).toBe('2026-09-20 14:05');
    expect(beijingClock(at)).toBe('14:05');
    expect(beijingClock(new Date('2026-09-20T16:05:00Z'))).toBe('00:05');
    expect(beijingParts(new Date('2026-02-28T16:30:00Z'))).toEqual({
      y: 2026,
      m: 3,
      d: 1,
      hh: '00',
      mm: '30',
    });
  });

  it('a Beijing day runs from its 00:00 +08:00 to the next day 00:00 (a deadline closes at its end)', () => {
    expect(beijingDayStart('2026-09-15').toISOString()).toBe('2026-09-14T16:00:00.000Z');
    expect(endOfBeijingDay('2026-09-15').toISOString()).toBe('2026-09-15T16:00:00.000Z');
    expect(endOfBeijingDay('2028-02-28').toISOString()).toBe('2028-02-28T16:00:00.000Z'); // leap year: the 29th follows
    expect(endOfBeijingDay('2026-12-31').toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(beijingDate(new Date(endOfBeijingDay('2026-09-15').getTime() - 1))).toBe('2026-09-15');
  });

  it('writes dates for people as 2026年12月6日, with the Beijing time where it matters', () => {
    expect(formatBeijingDateTime(new Date('2026-12-06T06:30:00Z'))).toBe('2026年12月6日 14:30');
    expect(formatBeijingDate(new Date('2026-12-06T06:30:00Z'))).toBe('2026年12月6日');
    expect(formatBeijingDateTime('2026-12-06T06:30:00.000Z')).toBe('2026年12月6日 14:30');
  });

  it('around midnight UTC the Beijing day is already the next one', () => {
    // 23:59 UTC on the 5th is 07:59 on the 6th in Beijing; 15:59 UTC is still the 5th (23:59).
    expect(formatBeijingDateTime(new Date('2026-12-05T23:59:00Z'))).toBe('2026年12月6日 07:59');
    expect(formatBeijingDateTime(new Date('2026-12-05T15:59:00Z'))).toBe('2026年12月5日 23:59');
    expect(formatBeijingDateTime(new Date('2026-12-05T16:00:00Z'))).toBe('2026年12月6日 00:00');
    expect(formatBeijingDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027年1月1日');
    expect(formatBeijingDate(new Date('2026-12-31T15:59:59Z'))).toBe('2026年12月31日');
  });

  it('shows calendar days as they are, with no time and no shift', () => {
    expect(formatBeijingDate('2026-12-06')).toBe('2026年12月6日');
    expect(formatBeijingDateTime('2026-12-06')).toBe('2026年12月6日');
    expect(formatBeijingDate('2026-01-01')).toBe('2026年1月1日');
    expect(formatCampaignDate('2020-09-15')).toBe('2020年9月15日');
  });

  it('answers 「—」 for what is not a date', () => {
    expect(formatBeijingDate('')).toBe('—');
    expect(formatBeijingDateTime('不是日期')).toBe('—');
    expect(formatBeijingDate(new Date(Number.NaN))).toBe('—');
  });
});

describe('the one implementation', () => {
  // Another formatter with its own time zone drifts from this one (2026/6/30 beside 2026年6月30日).
  const OWN_TIME_ZONE = /timeZone\s*:|Intl\.DateTimeFormat|toLocale(Date|Time)String|getTimezoneOffset/;
  const sources = (dir: string): string[] =>
    fs
      .readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.includes('node_modules'))
      .map((f) => path.join(dir, f));

  it('is the only code that turns instants into Beijing dates, in the server and the web app', () => {
    const apps = fileURLToPath(new URL('../../../', import.meta.url));
    const found = ['server/src', 'web/src']
      .flatMap((d) => sources(path.join(apps, d)))
      .flatMap((file) =>
        fs
          .readFileSync(file, 'utf8')
          .split('\n')
          .map((line, i) => ({ line, at: `${path.relative(apps, file)}:${i + 1}` }))
          .filter(({ line }) => OWN_TIME_ZONE.test(line) && !/^\s*(\/\/|\*)/.test(line))
          .map(({ at }) => at),
      );
    expect(found).toEqual([]);
  });
});
