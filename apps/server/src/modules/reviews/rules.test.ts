import { randomInt } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addWorkingDays, checkRoundConfig, type RoundConfig } from '@jiangtai/contracts';
import { AppError } from '../../lib/errors.ts';
import { buildPresetSettings } from '../campaigns/presets.ts';
import {
  assertBeforeDeadline,
  assertRoundState,
  assertValidConfig,
  contestStage,
  defaultRoundConfig,
  nextContestStage,
  previousContestStage,
  randomEntryCode,
  validateScores,
} from './rules.ts';

// randomInt stays the real one except where a test scripts it (to force a collision with a taken code).
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, randomInt: vi.fn(actual.randomInt) };
});
const scriptedRandomInt = vi.mocked(randomInt as (max: number) => number);
afterEach(() => {
  scriptedRandomInt.mockClear();
});

/** The error `fn` throws, which must be an AppError. */
function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected an AppError, nothing was thrown');
}

/** A 100-point rubric: 宣讲内容 40, 宣讲表达 30, 课件制作 20, 整体效果 10. */
const criteria: RoundConfig['criteria'] = [
  { key: 'content', name: '宣讲内容', max: 40, description: '' },
  { key: 'delivery', name: '宣讲表达', max: 30, description: '' },
  { key: 'courseware', name: '课件制作', max: 20, description: '' },
  { key: 'effect', name: '整体效果', max: 10, description: '' },
];

describe('validateScores', () => {
  it('in-range scores come back as decimal strings with their total: 38.5 + 27 + 18 + 9.5 = 93', () => {
    expect(
      validateScores(criteria, { content: 38.5, delivery: 27, courseware: 18, effect: 9.5 }, true),
    ).toEqual({
      scores: { content: '38.5', delivery: '27', courseware: '18', effect: '9.5' },
      total: '93',
    });
  });

  it('adds in decimal, not floating point: 0.1 + 0.2 = 0.3', () => {
    expect(
      validateScores(criteria, { content: 0.1, delivery: 0.2, courseware: 0, effect: 0 }, true).total,
    ).toBe('0.3');
    expect(
      validateScores(criteria, { content: 33.33, delivery: 29.99, courseware: 19.99, effect: 9.99 }, true)
        .total,
    ).toBe('93.3');
  });

  it('accepts both ends of the range: 0 and the full mark', () => {
    expect(validateScores(criteria, { content: 40, delivery: 30, courseware: 20, effect: 0 }, true)).toEqual({
      scores: { content: '40', delivery: '30', courseware: '20', effect: '0' },
      total: '90',
    });
  });

  it('refuses a score above the criterion maximum, naming the criterion, the range and the value', () => {
    const e = thrown(() =>
      validateScores(criteria, { content: 41, delivery: 27, courseware: 18, effect: 9.5 }, true),
    );
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.status).toBe(400);
    expect(e.message).toBe('「宣讲内容」的分数应在 0 到 40 之间，您填的是 41');
    expect(e.details?.issues).toEqual([
      { path: 'scores.content', message: '「宣讲内容」的分数应在 0 到 40 之间，您填的是 41' },
    ]);
  });

  it('refuses a negative score', () => {
    const e = thrown(() =>
      validateScores(criteria, { content: 38, delivery: 27, courseware: 18, effect: -1 }, false),
    );
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.message).toBe('「整体效果」的分数应在 0 到 10 之间，您填的是 -1');
  });

  it('refuses 30.01 on a 30-point criterion', () => {
    const e = thrown(() => validateScores(criteria, { delivery: 30.01 }, false));
    expect(e.message).toBe('「宣讲表达」的分数应在 0 到 30 之间，您填的是 30.01');
  });

  it('refuses a value that is not a finite number', () => {
    for (const v of [Number.NaN, Number.POSITIVE_INFINITY]) {
      const e = thrown(() => validateScores(criteria, { content: v }, false));
      expect(e.code).toBe('VALIDATION_FAILED');
      expect(e.details?.issues?.[0]?.path).toBe('scores.content');
      expect(e.message).toContain('「宣讲内容」的分数应在 0 到 40 之间');
    }
  });

  it('refuses three decimals: 「最多保留两位小数」', () => {
    const e = thrown(() =>
      validateScores(criteria, { content: 38.125, delivery: 27, courseware: 18, effect: 9.5 }, true),
    );
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.message).toBe('「宣讲内容」的分数最多保留两位小数');
    // Two decimals are fine.
    expect(validateScores(criteria, { content: 38.25 }, false).scores.content).toBe('38.25');
  });

  it('refuses a criterion the rubric does not have', () => {
    const e = thrown(() =>
      validateScores(criteria, { content: 38.5, delivery: 27, courseware: 18, effect: 9.5, bonus: 5 }, true),
    );
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.message).toBe('评分项「bonus」不在本轮评分标准中');
    expect(e.details?.issues).toEqual([
      { path: 'scores.bonus', message: '评分项「bonus」不在本轮评分标准中' },
    ]);
  });

  it('a draft may leave criteria empty: the missing ones are null and there is no total yet', () => {
    expect(validateScores(criteria, { content: 38.5, delivery: null }, false)).toEqual({
      scores: { content: '38.5', delivery: null, courseware: null, effect: null },
      total: null,
    });
    expect(validateScores(criteria, {}, false)).toEqual({
      scores: { content: null, delivery: null, courseware: null, effect: null },
      total: null,
    });
  });

  it('a submission needs every criterion: 「请给「…」打分」, one issue per missing criterion', () => {
    const e = thrown(() => validateScores(criteria, { content: 38.5, delivery: 27, effect: null }, true));
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.message).toBe('请给「课件制作」打分');
    expect(e.details?.issues).toEqual([
      { path: 'scores.courseware', message: '请给「课件制作」打分' },
      { path: 'scores.effect', message: '请给「整体效果」打分' },
    ]);
  });

  it('reports every problem at once, the first as the message', () => {
    const e = thrown(() => validateScores(criteria, { extra: 1, content: 45, delivery: 27.333 }, true));
    expect(e.message).toBe('评分项「extra」不在本轮评分标准中');
    expect(e.details?.issues?.map((i) => i.message)).toEqual([
      '评分项「extra」不在本轮评分标准中',
      '「宣讲内容」的分数应在 0 到 40 之间，您填的是 45',
      '「宣讲表达」的分数最多保留两位小数',
      '请给「课件制作」打分',
      '请给「整体效果」打分',
    ]);
  });
});

describe('randomEntryCode', () => {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

  it('1,000 codes: 6 characters each from the unambiguous alphabet, never 0/O/1/I/L', () => {
    const codes = Array.from({ length: 1000 }, () => randomEntryCode(new Set()));
    for (const code of codes) {
      expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/);
      expect(code).not.toMatch(/[0O1IL]/);
    }
    // 31^6 ≈ 887 million codes: 1,000 draws repeating more than once or twice would mean a broken generator.
    expect(new Set(codes).size).toBeGreaterThanOrEqual(998);
    // Across 6,000 characters, most of the alphabet shows up.
    expect(new Set(codes.join('')).size).toBeGreaterThan(25);
    expect([...new Set(codes.join(''))].every((ch) => alphabet.includes(ch))).toBe(true);
  });

  it('never returns a code in `taken`: 1,000 codes drawn against the growing set are all distinct', () => {
    const taken = new Set<string>();
    for (let i = 0; i < 1000; i += 1) {
      const code = randomEntryCode(taken);
      expect(taken.has(code)).toBe(false);
      taken.add(code);
    }
    expect(taken.size).toBe(1000);
  });

  it('draws again when it hits a taken code', () => {
    // First draw AAAAAA (taken), second BBBBBB.
    for (let i = 0; i < 6; i += 1) scriptedRandomInt.mockReturnValueOnce(0);
    for (let i = 0; i < 6; i += 1) scriptedRandomInt.mockReturnValueOnce(1);
    expect(randomEntryCode(new Set(['AAAAAA']))).toBe('BBBBBB');
    expect(scriptedRandomInt).toHaveBeenCalledTimes(12);
    expect(scriptedRandomInt).toHaveBeenCalledWith(alphabet.length);
  });

  it('maps the last index to 9 (alphabet is 31 characters)', () => {
    for (let i = 0; i < 6; i += 1) scriptedRandomInt.mockReturnValueOnce(alphabet.length - 1);
    expect(randomEntryCode(new Set())).toBe('999999');
  });
});

describe('stages of the 岳阳 preset (launch → 初赛 → 复赛 → 决赛)', () => {
  const yueyang = buildPresetSettings('yueyang', { year: 2026 });
  const stage = (key: string) => contestStage(yueyang, key);

  it('previousContestStage: 初赛 has none, 复赛 follows 初赛, 决赛 follows 复赛', () => {
    expect(previousContestStage(yueyang, 'preliminary')).toBeNull();
    expect(previousContestStage(yueyang, 'semifinal')?.key).toBe('preliminary');
    expect(previousContestStage(yueyang, 'final')?.key).toBe('semifinal');
  });

  it('nextContestStage: 初赛 → 复赛 → 决赛 → none', () => {
    expect(nextContestStage(yueyang, 'preliminary')?.key).toBe('semifinal');
    expect(nextContestStage(yueyang, 'semifinal')?.key).toBe('final');
    expect(nextContestStage(yueyang, 'final')).toBeNull();
  });

  it('the launch stage is not a contest stage: no previous or next, and no round can be opened for it', () => {
    expect(previousContestStage(yueyang, 'launch')).toBeNull();
    expect(nextContestStage(yueyang, 'launch')).toBeNull();
    expect(nextContestStage(yueyang, 'no_such_stage')).toBeNull();
    const e = thrown(() => contestStage(yueyang, 'launch'));
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.message).toBe('只有初赛、复赛、决赛或评选阶段可以开启评审');
    expect(e.details?.issues).toEqual([{ path: 'stageKey', message: '该阶段不评审作品' }]);
    expect(thrown(() => contestStage(yueyang, 'no_such_stage')).code).toBe('VALIDATION_FAILED');
  });

  it('复赛: video + manuscript, 5 judges dropping 1 highest and 1 lowest, top 20 advance, deadline = stage end', () => {
    const config = defaultRoundConfig(yueyang, stage('semifinal'));
    expect(config).toMatchObject({
      name: '复赛评审',
      materials: ['video', 'manuscript'],
      blind: true,
      judgesPerEntry: 5,
      dropHighest: 1,
      dropLowest: 1,
      decimals: 2,
      tieRule: { kind: 'untrimmed_mean_then_criterion', criterionKey: 'content' },
      deadline: '2026-09-30',
      advancement: { kind: 'top_n', count: 20 },
      noticeWorkingDays: 5,
    });
    expect(config.deadline).toBe(stage('semifinal').endsOn);
    // The preset's own rubric (内容主题 40, 语言表达 25, 课件制作 15, 仪表风范 10, 时间把控 10).
    expect(config.criteria.map((c) => [c.name, c.max])).toEqual([
      ['内容主题', 40],
      ['语言表达', 25],
      ['课件制作', 15],
      ['仪表风范', 10],
      ['时间把控', 10],
    ]);
    expect(checkRoundConfig(config)).toEqual([]);
  });

  it('初赛 (the first contest stage): manuscript + courseware, each unit recommends its best 2', () => {
    const config = defaultRoundConfig(yueyang, stage('preliminary'));
    expect(config).toMatchObject({
      name: '初赛评审',
      materials: ['manuscript', 'courseware'],
      // No round rules in the preset for 初赛: the plain defaults.
      judgesPerEntry: 5,
      dropHighest: 1,
      dropLowest: 1,
      decimals: 2,
      deadline: '2026-08-31',
      advancement: { kind: 'unit_quota', count: 2 },
    });
    // No rubric in the preset for 初赛 either: the built-in 100-point rubric.
    expect(config.criteria.map((c) => [c.name, c.max])).toEqual([
      ['宣讲内容', 40],
      ['宣讲表达', 30],
      ['课件制作', 20],
      ['整体效果', 10],
    ]);
    expect(config.tieRule).toEqual({ kind: 'untrimmed_mean_then_criterion', criterionKey: 'content' });
    expect(checkRoundConfig(config)).toEqual([]);
  });

  it('决赛: 7 judges on site', () => {
    expect(defaultRoundConfig(yueyang, stage('final'))).toMatchObject({
      name: '决赛评审',
      judgesPerEntry: 7,
      dropHighest: 1,
      dropLowest: 1,
      deadline: '2026-10-31',
    });
  });

  it('焦作 全市十佳宣讲员比赛 (city_final): the top 10 advance', () => {
    const jiaozuo = buildPresetSettings('jiaozuo', { year: 2026 });
    const config = defaultRoundConfig(jiaozuo, contestStage(jiaozuo, 'city_final'));
    expect(config).toMatchObject({
      name: '全市十佳宣讲员比赛评审',
      judgesPerEntry: 7,
      dropHighest: 1,
      dropLowest: 1,
      deadline: '2026-09-30',
      advancement: { kind: 'top_n', count: 10 },
    });
    expect(previousContestStage(jiaozuo, 'city_final')?.key).toBe('local_contest');
    // 送党课进基层 and 网上微课堂 come after, but are not contests.
    expect(nextContestStage(jiaozuo, 'city_final')).toBeNull();
  });
});

describe('assertBeforeDeadline', () => {
  it('deadline 2026-09-30: scoring is open until 23:59:59 Beijing time (15:59:59 UTC)', () => {
    expect(() => assertBeforeDeadline(new Date('2026-09-30T15:59:59Z'), '2026-09-30')).not.toThrow();
    expect(() => assertBeforeDeadline(new Date('2026-09-30T15:59:59.999Z'), '2026-09-30')).not.toThrow();
    // Morning of the deadline day in Beijing is still the previous UTC day.
    expect(() => assertBeforeDeadline(new Date('2026-09-29T17:00:00Z'), '2026-09-30')).not.toThrow();
  });

  it('refuses from 00:00 Beijing time on the next day (16:00 UTC) with ENTRY_LATE', () => {
    const e = thrown(() => assertBeforeDeadline(new Date('2026-09-30T16:00:00Z'), '2026-09-30'));
    expect(e.code).toBe('ENTRY_LATE');
    expect(e.status).toBe(409);
    expect(e.message).toBe('本轮评分已于2026年9月30日截止，不能再修改评分；如需延长，请联系组织者');
  });
});

describe('assertRoundState', () => {
  it('names the round state in Chinese when the action is not allowed', () => {
    expect(() => assertRoundState('open', ['open'], '提交评分')).not.toThrow();
    const e = thrown(() => assertRoundState('closed', ['open'], '提交评分'));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toBe('本轮评审当前为「评分已截止」，不能提交评分');
  });
});

describe('addWorkingDays', () => {
  it('2026-07-01 (Wednesday) + 5 working days = 2026-07-08 (Wednesday), skipping the weekend', () => {
    expect(new Date('2026-07-01T00:00:00Z').getUTCDay()).toBe(3);
    expect(addWorkingDays('2026-07-01', 5)).toBe('2026-07-08');
    expect(new Date('2026-07-08T00:00:00Z').getUTCDay()).toBe(3);
  });

  it('from Friday 2026-07-03, 1 working day is Monday 2026-07-06', () => {
    expect(addWorkingDays('2026-07-03', 1)).toBe('2026-07-06');
  });

  it('from a Saturday or Sunday, the first working day is Monday', () => {
    expect(addWorkingDays('2026-07-04', 1)).toBe('2026-07-06');
    expect(addWorkingDays('2026-07-05', 1)).toBe('2026-07-06');
  });

  it('0 days is the day itself; across a month and a year end', () => {
    expect(addWorkingDays('2026-07-01', 0)).toBe('2026-07-01');
    expect(addWorkingDays('2026-07-29', 5)).toBe('2026-08-05');
    expect(addWorkingDays('2026-12-30', 5)).toBe('2027-01-06');
  });
});

describe('checkRoundConfig', () => {
  const base = {
    criteria,
    judgesPerEntry: 5,
    dropHighest: 1,
    dropLowest: 1,
    tieRule: { kind: 'untrimmed_mean_then_criterion', criterionKey: 'content' },
  } satisfies Parameters<typeof checkRoundConfig>[0];

  it('5 judges dropping 1 + 1 with a tie criterion from the rubric is fine', () => {
    expect(checkRoundConfig(base)).toEqual([]);
  });

  it('flags drops that leave no score: 3 judges, drop 1 highest and 2 lowest', () => {
    expect(checkRoundConfig({ ...base, judgesPerEntry: 3, dropHighest: 1, dropLowest: 2 })).toEqual([
      {
        path: 'dropHighest',
        message: '每件作品 3 位评委，去掉 1 个最高分和 2 个最低分后没有分数可算，请减少去分个数或增加评委',
      },
    ]);
    // Dropping 1 + 1 of 3 leaves one score: allowed.
    expect(checkRoundConfig({ ...base, judgesPerEntry: 3 })).toEqual([]);
    // More drops than judges is flagged too.
    expect(checkRoundConfig({ ...base, judgesPerEntry: 2, dropHighest: 2, dropLowest: 1 })).toHaveLength(1);
  });

  it('flags a tie criterion that is not in the rubric', () => {
    expect(checkRoundConfig({ ...base, tieRule: { kind: 'criterion', criterionKey: 'timing' } })).toEqual([
      { path: 'tieRule.criterionKey', message: '同分时比较的评分项不在本轮评分标准中' },
    ]);
    // Rules without a criterion need none.
    expect(checkRoundConfig({ ...base, tieRule: { kind: 'flag' } })).toEqual([]);
    expect(checkRoundConfig({ ...base, tieRule: { kind: 'untrimmed_mean' } })).toEqual([]);
  });

  it('flags a criterion key used twice', () => {
    const twice = [...criteria, { key: 'content', name: '内容补充', max: 5, description: '' }];
    expect(checkRoundConfig({ ...base, criteria: twice })).toEqual([
      { path: 'criteria.4.key', message: '评分项编码「content」重复' },
    ]);
  });

  it('assertValidConfig throws the first issue as a VALIDATION_FAILED', () => {
    const yueyang = buildPresetSettings('yueyang', { year: 2026 });
    const config = defaultRoundConfig(yueyang, contestStage(yueyang, 'semifinal'));
    expect(() => assertValidConfig(config)).not.toThrow();
    const e = thrown(() =>
      assertValidConfig({
        ...config,
        judgesPerEntry: 2,
        tieRule: { kind: 'criterion', criterionKey: 'nope' },
      }),
    );
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.message).toBe(
      '每件作品 2 位评委，去掉 1 个最高分和 1 个最低分后没有分数可算，请减少去分个数或增加评委',
    );
    expect(e.details?.issues).toHaveLength(2);
  });
});
