import { describe, expect, it } from 'vitest';
import { beijingDate } from '@jiangtai/contracts';
import { fixedClock } from '../../lib/clock.ts';
import { buildPresetSettings } from './presets.ts';
import { campaignTimeline, currentStage, stageState } from './timeline.ts';

const stages = buildPresetSettings('yueyang').stages;
/** An instant given in Beijing time. */
const beijing = (local: string) => new Date(`${local}+08:00`);
const states = (now: Date) => Object.fromEntries(campaignTimeline(stages, now).map((t) => [t.key, t.state]));

describe('Beijing dates', () => {
  it('a UTC evening is already the next day in Beijing', () => {
    expect(beijingDate(new Date('2020-08-31T15:59:59Z'))).toBe('2020-08-31');
    expect(beijingDate(new Date('2020-08-31T16:00:00Z'))).toBe('2020-09-01');
  });
});

describe('stage states', () => {
  it('a stage is current from the first second of its first day to the last second of its last day', () => {
    const semifinal = { startsOn: '2020-09-01', endsOn: '2020-09-30' };
    expect(stageState(semifinal, beijingDate(beijing('2020-08-31T23:59:59')))).toBe('upcoming');
    expect(stageState(semifinal, beijingDate(beijing('2020-09-01T00:00:00')))).toBe('current');
    expect(stageState(semifinal, beijingDate(beijing('2020-09-30T23:59:59')))).toBe('current');
    expect(stageState(semifinal, beijingDate(beijing('2020-10-01T00:00:00')))).toBe('done');
  });

  it('reads the injectable clock: the season moves on as the clock does', () => {
    const clock = fixedClock(beijing('2020-07-01T09:00:00'));
    expect(states(clock.now())).toEqual({
      launch: 'upcoming',
      preliminary: 'upcoming',
      semifinal: 'upcoming',
      final: 'upcoming',
    });
    clock.set(beijing('2020-08-31T23:59:00'));
    expect(states(clock.now())).toEqual({
      launch: 'done',
      preliminary: 'current',
      semifinal: 'upcoming',
      final: 'upcoming',
    });
    clock.advance(60_000);
    expect(states(clock.now())).toEqual({
      launch: 'done',
      preliminary: 'done',
      semifinal: 'current',
      final: 'upcoming',
    });
    clock.set(beijing('2020-10-05T12:00:00'));
    expect(currentStage(campaignTimeline(stages, clock.now()))).toBeNull();
    clock.set(beijing('2020-11-01T00:00:00'));
    expect(Object.values(states(clock.now()))).toEqual(['done', 'done', 'done', 'done']);
  });

  it('a closed campaign has every stage done', () => {
    const timeline = campaignTimeline(stages, beijing('2020-08-10T10:00:00'), 'closed');
    expect(timeline.map((t) => t.state)).toEqual(['done', 'done', 'done', 'done']);
  });

  it('the current stage is the one that started last when stages run side by side', () => {
    const jiaozuo = buildPresetSettings('jiaozuo').stages;
    const during = campaignTimeline(jiaozuo, beijing('2018-09-10T10:00:00'));
    expect(during.filter((t) => t.state === 'current').map((t) => t.key)).toEqual(['everyone', 'city_final']);
    expect(currentStage(during)).toEqual({ key: 'city_final', name: '全市十佳宣讲员比赛' });
    expect(currentStage(campaignTimeline(jiaozuo, beijing('2018-07-05T10:00:00')))).toEqual({
      key: 'everyone',
      name: '党员人人上讲台',
    });
  });
});
