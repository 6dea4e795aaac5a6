import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors.ts';
import { bucketOf, resolvePeriod, sumNumbers, zeroNumbers } from './rules.ts';
import { activityTitle } from './workbook.ts';

const season = { startsOn: '2026-03-01', endsOn: '2026-10-31' };

describe('annex rules', () => {
  it('the period defaults to the season and must lie inside it, in order', () => {
    expect(resolvePeriod(season, {})).toEqual({ from: '2026-03-01', to: '2026-10-31' });
    expect(resolvePeriod(season, { from: '2026-04-01', to: '2026-04-30' })).toEqual({
      from: '2026-04-01',
      to: '2026-04-30',
    });
    expect(() => resolvePeriod(season, { from: '2026-02-28' })).toThrow(
      /活动期间（2026年3月1日至2026年10月31日）/,
    );
    expect(() => resolvePeriod(season, { to: '2026-11-01' })).toThrow(AppError);
    expect(() => resolvePeriod(season, { from: '2026-05-02', to: '2026-05-01' })).toThrow(/不能晚于/);
  });

  it('a path falls to the child whose subtree holds it, else to the org itself', () => {
    const kids = ['1.2.', '1.3.'];
    expect(bucketOf('1.2.7.', kids)).toBe('1.2.');
    expect(bucketOf('1.3.', kids)).toBe('1.3.');
    expect(bucketOf('1.', kids)).toBe('');
  });

  it('totals add the counts and work the coverage rate out again', () => {
    const a = { ...zeroNumbers(['s']), members: 3, lecturedMembers: 1, entries: { s: 2 } };
    const b = { ...zeroNumbers(['s']), members: 1, lecturedMembers: 1, entries: { s: 1 } };
    const t = sumNumbers([a, b], ['s']);
    expect([t.members, t.lecturedMembers, t.coverage, t.entries.s]).toEqual([4, 2, 50, 3]);
    expect(sumNumbers([], ['s']).coverage).toBeNull();
  });

  it('the title comes from the campaign title', () => {
    expect(activityTitle('焦作市“学习二十大”微型党课系列活动')).toBe(
      '焦作市“学习二十大”微型党课系列活动统计表',
    );
  });
});
