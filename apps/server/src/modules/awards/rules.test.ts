import { describe, expect, it } from 'vitest';
import {
  applyUnitOverrides,
  assignTiers,
  certificateNumber,
  defaultOrgRule,
  orgAwardPlaces,
  tieGroups,
  unitScores,
} from './rules.ts';

const yueyang = [
  { name: '一等奖', places: 2 },
  { name: '二等奖', places: 4 },
  { name: '三等奖', places: 6 },
  { name: '优秀奖', places: 8 },
];
/** Items 1..n with the given ranks (a repeated rank is a tie). */
const ranked = (ranks: (number | null)[]) => ranks.map((rank, i) => ({ id: String(i + 1), rank }));
const tierOf = (r: ReturnType<typeof assignTiers>) =>
  Object.fromEntries(r.awarded.map((a) => [a.id, a.tier]));

describe('award tiers from the ranking', () => {
  it('assigns 岳阳 2/4/6/8 in ranking order and leaves the rest without an award', () => {
    const r = assignTiers(ranked(Array.from({ length: 22 }, (_, i) => i + 1)), yueyang);
    expect(r.flags).toEqual([]);
    const t = tierOf(r);
    expect([t['1'], t['2'], t['3'], t['6'], t['7'], t['12'], t['13'], t['20']]).toEqual([
      '一等奖',
      '一等奖',
      '二等奖',
      '二等奖',
      '三等奖',
      '三等奖',
      '优秀奖',
      '优秀奖',
    ]);
    expect(t['21']).toBeUndefined();
    expect(r.awarded.length).toBe(20);
  });

  it('lets a tie inside one tier share it', () => {
    const r = assignTiers(ranked([1, 2, 3, 3, 5, 6, 7]), yueyang);
    expect(r.flags).toEqual([]);
    expect(tierOf(r)).toMatchObject({ '3': '二等奖', '4': '二等奖' });
  });

  it('flags a tie across a tier boundary and assigns neither, the places after it as usual', () => {
    // Places 2 and 3 are tied: one is 一等奖, the other 二等奖.
    const r = assignTiers(ranked([1, 2, 2, 4, 5, 6, 7]), yueyang);
    expect(r.flags).toEqual([{ ids: ['2', '3'], tiers: ['一等奖', '二等奖'], from: 2, to: 3 }]);
    const t = tierOf(r);
    expect(t['2']).toBeUndefined();
    expect(t['3']).toBeUndefined();
    expect(t['1']).toBe('一等奖');
    expect(t['4']).toBe('二等奖');
    expect(t['7']).toBe('三等奖');
  });

  it('flags a tie across the last awarded place (十佳 with the 10th and 11th tied)', () => {
    const ranks = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 12];
    const r = assignTiers(ranked(ranks), [{ name: '十佳宣讲员', places: 10 }]);
    expect(r.flags).toEqual([{ ids: ['10', '11'], tiers: ['十佳宣讲员', null], from: 10, to: 11 }]);
    expect(r.awarded.length).toBe(9);
  });

  it('a tie wholly outside the places is no flag', () => {
    const r = assignTiers(ranked([1, 2, 3, 3]), [{ name: '一等奖', places: 2 }]);
    expect(r.flags).toEqual([]);
    expect(r.awarded.map((a) => a.id)).toEqual(['1', '2']);
  });

  it('follows the organiser’s order for a flagged group, with the reason', () => {
    const decisions = [{ ids: ['3', '2'], reason: '现场观众投票 3 号更高' }];
    const r = assignTiers(ranked([1, 2, 2, 4]), yueyang, decisions);
    expect(r.flags).toEqual([]);
    const byId = Object.fromEntries(r.awarded.map((a) => [a.id, a]));
    expect(byId['3']).toMatchObject({ tier: '一等奖', position: 2, decidedBy: '现场观众投票 3 号更高' });
    expect(byId['2']).toMatchObject({ tier: '二等奖', position: 3 });
  });

  it('ignores a decision that no longer names exactly a tied group', () => {
    const stale = [{ ids: ['2', '3', '4'], reason: '旧的裁定' }];
    expect(assignTiers(ranked([1, 2, 2, 4]), yueyang, stale).flags.length).toBe(1);
    // The latest decision for the same group wins.
    const twice = [
      { ids: ['2', '3'], reason: '第一次' },
      { ids: ['3', '2'], reason: '第二次' },
    ];
    expect(tieGroups(ranked([1, 2, 2]), twice).map((g) => g.ids[0])).toEqual(['1', '3', '2']);
  });

  it('never awards an unranked entry (no counted score)', () => {
    const r = assignTiers(ranked([1, null, 2]), yueyang);
    expect(r.awarded.map((a) => a.id)).toEqual(['1', '3']);
  });
});

describe('组织奖 points', () => {
  const rule = {
    tierPoints: { 一等奖: 10, 二等奖: 8, 三等奖: 6, 优秀奖: 4 },
    participationPoints: 1,
    places: {},
  };
  const finalists = [
    { entryId: 'a', unitId: '11' },
    { entryId: 'b', unitId: '11' },
    { entryId: 'c', unitId: '12' },
    { entryId: 'd', unitId: '13' },
    { entryId: 'e', unitId: '13' },
    { entryId: 'f', unitId: '14' },
  ];

  it('adds tier points and participation points per finalist, ranks units, shares equal ranks', () => {
    const awarded = [
      { id: 'a', tier: '一等奖' },
      { id: 'c', tier: '一等奖' },
      { id: 'd', tier: '二等奖' },
      { id: 'e', tier: '优秀奖' },
    ];
    const s = unitScores(finalists, awarded, rule);
    expect(s.map((u) => [u.unitId, u.points, u.rank])).toEqual([
      ['13', 14, 1],
      ['11', 12, 2],
      ['12', 11, 3],
      ['14', 1, 4],
    ]);
    expect(s[0]!.awards).toEqual({ 二等奖: 1, 优秀奖: 1 });
    expect(s[1]!.finalists).toBe(2);
  });

  it('gives the top N units the 组织奖 and flags a tie at the cut', () => {
    const awarded = [
      { id: 'a', tier: '一等奖' },
      { id: 'c', tier: '二等奖' },
      { id: 'd', tier: '三等奖' },
    ];
    // 11: 10+2 = 12, 12: 8+1 = 9, 13: 6+2 = 8, 14: 1
    const s = unitScores(finalists, awarded, { ...rule, tierPoints: { ...rule.tierPoints, 二等奖: 7 } });
    expect(s.map((u) => u.points)).toEqual([12, 8, 8, 1]);
    const top2 = assignTiers(
      s.map((u) => ({ id: u.unitId, rank: u.rank })),
      [{ name: '组织奖', places: 2 }],
    );
    expect(top2.awarded.map((a) => a.id)).toEqual(['11']);
    expect(top2.flags).toEqual([{ ids: ['12', '13'], tiers: ['组织奖', null], from: 2, to: 3 }]);
    const top3 = assignTiers(
      s.map((u) => ({ id: u.unitId, rank: u.rank })),
      [{ name: '组织奖', places: 3 }],
    );
    expect(top3.flags).toEqual([]);
    expect(top3.awarded.map((a) => a.id)).toEqual(['11', '12', '13']);
  });

  it('takes the campaign’s number of places, or the organiser’s for 若干', () => {
    expect(orgAwardPlaces([{ name: '组织奖', places: 5 }], { places: { 组织奖: 2 } }).tiers).toEqual([
      { name: '组织奖', places: 5 },
    ]);
    expect(orgAwardPlaces([{ name: '组织奖', places: null }], { places: { 组织奖: 2 } })).toEqual({
      tiers: [{ name: '组织奖', places: 2 }],
      missing: [],
    });
    expect(orgAwardPlaces([{ name: '优秀组织单位', places: null }], { places: {} }).missing).toEqual([
      '优秀组织单位',
    ]);
  });

  it('lets the organiser add and remove a unit with a reason; settles a tie flag it covers', () => {
    const base = assignTiers(ranked([1, 2, 2]), [{ name: '组织奖', places: 2 }]);
    expect(base.flags.length).toBe(1);
    const adjusted = applyUnitOverrides(base, [
      { unitId: '1', tier: null, reason: '该单位材料弄虚作假' },
      { unitId: '2', tier: '组织奖', reason: '组织工作突出' },
      { unitId: '3', tier: null, reason: '名额所限' },
    ]);
    expect(adjusted.flags).toEqual([]);
    expect(adjusted.awarded).toEqual([
      { id: '2', tier: '组织奖', position: 0, decidedBy: null, adjustedReason: '组织工作突出' },
    ]);
    const partial = applyUnitOverrides(base, [{ unitId: '2', tier: '组织奖', reason: '组织工作突出' }]);
    expect(partial.flags.length).toBe(1);
  });
});

describe('the default rule', () => {
  it('counts the best tier most and leaves a 若干 组织奖 for the organiser to number', () => {
    const tiers = [{ name: '一等奖' }, { name: '二等奖' }, { name: '三等奖' }, { name: '优秀奖' }];
    const rule = defaultOrgRule(tiers);
    expect(rule).toEqual({
      tierPoints: { 一等奖: 8, 二等奖: 6, 三等奖: 4, 优秀奖: 2 },
      participationPoints: 1,
      places: {},
    });
    expect(orgAwardPlaces([{ name: '组织奖', places: null }], rule).missing).toEqual(['组织奖']);
  });
});

describe('certificate numbers', () => {
  it('are year, campaign and a four-digit sequence', () => {
    expect(certificateNumber('2026', '12', 7)).toBe('2026-12-0007');
  });
});
