import { describe, expect, it } from 'vitest';
import type { TimePenalty } from '@jiangtai/contracts';
import { timePenaltyOf } from './penalty.ts';

// 岳阳: 8 minutes, 1 minute grace, 0.5 per started 30 s, at most 5.
const yueyang: TimePenalty = {
  limitSeconds: 480,
  graceSeconds: 60,
  per: 'half_minute',
  points: 0.5,
  maxPoints: 5,
};
// 焦作: ≤ 6 minutes, no grace, 0.5 per started 30 s.
const jiaozuo: TimePenalty = {
  limitSeconds: 360,
  graceSeconds: 0,
  per: 'half_minute',
  points: 0.5,
  maxPoints: 5,
};

describe('timePenaltyOf', () => {
  it('costs nothing within the limit and the grace', () => {
    expect(timePenaltyOf(480_000, yueyang)).toEqual({ spokenSeconds: 480, overtimeSeconds: 0, penalty: '0' });
    expect(timePenaltyOf(540_999, yueyang)).toEqual({ spokenSeconds: 540, overtimeSeconds: 0, penalty: '0' });
  });

  it('counts a started step in full', () => {
    expect(timePenaltyOf(541_000, yueyang)).toEqual({
      spokenSeconds: 541,
      overtimeSeconds: 1,
      penalty: '0.5',
    });
    expect(timePenaltyOf(570_000, yueyang).penalty).toBe('0.5');
    expect(timePenaltyOf(571_000, yueyang).penalty).toBe('1');
    expect(timePenaltyOf(361_000, jiaozuo)).toEqual({
      spokenSeconds: 361,
      overtimeSeconds: 1,
      penalty: '0.5',
    });
    expect(timePenaltyOf(420_000, jiaozuo).penalty).toBe('1');
  });

  it('minute steps', () => {
    const perMinute: TimePenalty = { ...jiaozuo, per: 'minute', points: 1 };
    expect(timePenaltyOf(361_000, perMinute).penalty).toBe('1');
    expect(timePenaltyOf(420_000, perMinute).penalty).toBe('1');
    expect(timePenaltyOf(421_000, perMinute).penalty).toBe('2');
  });

  it('stops at the cap', () => {
    expect(timePenaltyOf(3_600_000, yueyang).penalty).toBe('5');
  });

  it('decimal points add up exactly', () => {
    const odd: TimePenalty = { ...jiaozuo, points: 0.1, maxPoints: 100 };
    expect(timePenaltyOf(360_000 + 90_000, odd).penalty).toBe('0.3');
  });

  it('no rule: time is kept, nothing deducted', () => {
    expect(timePenaltyOf(999_999, null)).toEqual({ spokenSeconds: 999, overtimeSeconds: 0, penalty: '0' });
  });
});
