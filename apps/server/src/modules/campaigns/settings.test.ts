import { describe, expect, it } from 'vitest';
import {
  campaignSettingsSchema,
  describeSettingsPath,
  shiftDateYears,
  validateCampaignSettings,
  type CampaignSettings,
  type SettingsIssue,
} from '@jiangtai/contracts';
import { buildPresetSettings, campaignPresets } from './presets.ts';

/** The 岳阳 preset with one change applied; returns every issue. */
function issuesAfter(
  change: (s: CampaignSettings) => void,
  key: 'yueyang' | 'jiaozuo' = 'yueyang',
): SettingsIssue[] {
  const settings = structuredClone(buildPresetSettings(key));
  change(settings);
  const result = validateCampaignSettings(settings);
  return result.success ? [] : result.issues;
}

/** The one issue at `path` (fails if there is none). */
function issueAt(issues: SettingsIssue[], path: string): string {
  const found = issues.filter((i) => i.path === path);
  expect(found, `issues: ${JSON.stringify(issues)}`).toHaveLength(1);
  return found[0]!.message;
}

const stage = (s: CampaignSettings, key: string) => s.stages.find((st) => st.key === key)!;

describe('presets', () => {
  it('both seeds are valid campaigns', () => {
    for (const { key } of campaignPresets)
      expect(validateCampaignSettings(buildPresetSettings(key))).toMatchObject({ success: true });
  });

  it('岳阳 follows notice 000', () => {
    const s = buildPresetSettings('yueyang');
    expect(s.theme).toBe('大学习 走在前');
    expect(s.eligibility.positions).toEqual(['书记', '副书记']);
    expect(s.categories.map((c) => c.name)).toEqual(['政治理论', '党内法规', '党史国史', '先进典型']);
    expect(s.stages.map((st) => [st.name, st.kind, st.runBy])).toEqual([
      ['启动', 'launch', 'branch'],
      ['初赛', 'preliminary', 'unit'],
      ['复赛', 'semifinal', 'city'],
      ['决赛', 'final', 'city'],
    ]);
    expect(stage(s, 'preliminary').quota).toEqual({ min: 1, max: 2 });
    expect(stage(s, 'semifinal')).toMatchObject({ submissionDeadline: '2020-09-15', advanceCount: 20 });
    expect(s.materials).toEqual({
      video: 'required',
      manuscript: 'required',
      courseware: 'optional',
      recommendationForm: 'required',
    });
    expect(s.mediaSpec).toMatchObject({
      container: 'mp4',
      videoCodec: 'h264',
      width: 1920,
      height: 1080,
      frameRate: 25,
      bitRateMbps: 8,
    });
    expect(s.mediaSpec.duration).toEqual({
      targetSeconds: 480,
      softMinSeconds: 420,
      softMaxSeconds: 540,
      hardMaxSeconds: 600,
    });
    expect(s.awardTiers.map((t) => t.places)).toEqual([2, 4, 6, 8]);
    expect(s.orgAwards).toEqual([{ name: '组织奖', places: null }]);
    expect(s.rubrics[0]!.criteria.map((c) => [c.name, c.max])).toEqual([
      ['内容主题', 40],
      ['语言表达', 25],
      ['课件制作', 15],
      ['仪表风范', 10],
      ['时间把控', 10],
    ]);
    expect(
      s.roundRules.map((r) => [r.stageKey, r.judgesPerEntry, r.dropHighest, r.dropLowest, r.decimals]),
    ).toEqual([
      ['semifinal', 5, 1, 1, 2],
      ['final', 7, 1, 1, 2],
    ]);
    expect(s.roundRules[1]!.timePenalty).not.toBeNull();
  });

  it('焦作 follows notice 002', () => {
    const s = buildPresetSettings('jiaozuo');
    expect(s.startsOn.slice(0, 4)).toBe('2018');
    expect(s.eligibility).toMatchObject({ positions: [], partyStatuses: ['full', 'probationary'] });
    expect(s.materials.courseware).toBe('required');
    expect(s.mediaSpec.duration).toMatchObject({ softMaxSeconds: 360, hardMaxSeconds: 360 });
    expect(s.stages.map((st) => st.kind)).toEqual([
      'launch',
      'preliminary',
      'final',
      'dispatch',
      'classroom',
    ]);
    expect(stage(s, 'local_contest')).toMatchObject({ runBy: 'county', quota: { min: 2, max: 2 } });
    expect(stage(s, 'city_final')).toMatchObject({ startsOn: '2018-09-01', advanceCount: 10 });
    expect(s.awardTiers).toEqual([{ name: '十佳宣讲员', places: 10 }]);
    expect(s.speakerPool).toEqual({ targetPerCounty: 20 });
  });

  it('moves every date to another year and stays valid', () => {
    const s = buildPresetSettings('yueyang', { year: 2026 });
    expect([s.startsOn, s.endsOn]).toEqual(['2026-07-13', '2026-10-31']);
    expect(stage(s, 'semifinal').submissionDeadline).toBe('2026-09-15');
    expect(s.stages.every((st) => st.startsOn.startsWith('2026') && st.endsOn.startsWith('2026'))).toBe(true);
    expect(campaignSettingsSchema.safeParse(s).success).toBe(true);
    expect(buildPresetSettings('jiaozuo', { year: 2025 }).stages[2]!.startsOn).toBe('2025-09-01');
    expect(shiftDateYears('2020-02-29', 1)).toBe('2021-02-28');
    expect(shiftDateYears('2020-02-29', 4)).toBe('2024-02-29');
  });
});

describe('dates', () => {
  it('a campaign that ends before it starts', () => {
    const issues = issuesAfter((s) => (s.endsOn = '2020-07-01'));
    expect(issueAt(issues, 'endsOn')).toBe('活动结束日期（2020年7月1日）早于开始日期（2020年7月13日）');
  });

  it('a stage that ends before it starts', () => {
    const issues = issuesAfter((s) => {
      stage(s, 'semifinal').startsOn = '2020-09-10';
      stage(s, 'semifinal').endsOn = '2020-09-01';
      stage(s, 'semifinal').submissionDeadline = null;
    });
    expect(issueAt(issues, 'stages.2.endsOn')).toBe(
      '第 3 个阶段「复赛」的结束日期（2020年9月1日）早于开始日期（2020年9月10日）',
    );
  });

  it('a stage out of order, and a round that starts before the previous round ends', () => {
    const early = issuesAfter((s) => (stage(s, 'preliminary').startsOn = '2020-07-01'));
    expect(issueAt(early, 'stages.1.startsOn')).toContain('早于活动开始日期');
    const backwards = issuesAfter((s) => (stage(s, 'semifinal').startsOn = '2020-07-20'));
    expect(issueAt(backwards, 'stages.2.startsOn')).toBe(
      '第 3 个阶段「复赛」的开始日期（2020年7月20日）早于上一阶段「初赛」的开始日期（2020年8月1日），请按时间先后排列阶段',
    );
    const overlap = issuesAfter((s) => (stage(s, 'semifinal').startsOn = '2020-08-20'));
    expect(issueAt(overlap, 'stages.2.startsOn')).toContain('早于上一轮「初赛」的结束日期（2020年8月31日）');
  });

  it('a submission deadline outside its stage, and a stage outside the campaign', () => {
    const deadline = issuesAfter((s) => (stage(s, 'semifinal').submissionDeadline = '2020-10-05'));
    expect(issueAt(deadline, 'stages.2.submissionDeadline')).toBe(
      '第 3 个阶段「复赛」的报送截止日期（2020年10月5日）不在该阶段的起止日期（2020年9月1日 至 2020年9月30日）之内',
    );
    const late = issuesAfter((s) => (stage(s, 'final').endsOn = '2020-11-15'));
    expect(issueAt(late, 'stages.3.endsOn')).toBe(
      '第 4 个阶段「决赛」的结束日期（2020年11月15日）晚于活动结束日期（2020年10月31日）',
    );
  });

  it('a malformed or impossible date names the field', () => {
    expect(
      issueAt(
        issuesAfter((s) => (stage(s, 'final').endsOn = '2020-10-3')),
        'stages.3.endsOn',
      ),
    ).toContain('YYYY-MM-DD');
    expect(
      issueAt(
        issuesAfter((s) => (s.startsOn = '2020-02-30')),
        'startsOn',
      ),
    ).toBe('日期不存在，请检查月份和日期');
  });
});

describe('rubrics, rules and awards', () => {
  it('rubric maxima that do not add up to the total', () => {
    const issues = issuesAfter((s) => (s.rubrics[0]!.criteria[0]!.max = 35));
    expect(issueAt(issues, 'rubrics.0.total')).toBe('「复赛」评分标准各项满分之和为 95，应等于总分 100');
  });

  it('award places beyond the finalists; exactly the finalists is fine', () => {
    expect(issuesAfter(() => undefined)).toEqual([]);
    const issues = issuesAfter((s) => (s.awardTiers[0]!.places = 3));
    expect(issueAt(issues, 'awardTiers')).toBe(
      '各奖项名额合计 21 名，超过进入「决赛」的 20 名（「复赛」的晋级人数）',
    );
    const jiaozuo = issuesAfter((s) => s.awardTiers.push({ name: '优秀宣讲员', places: 5 }), 'jiaozuo');
    expect(issueAt(jiaozuo, 'awardTiers')).toBe(
      '各奖项名额合计 15 名，超过「全市十佳宣讲员比赛」的入选人数 10 名',
    );
  });

  it('a quota whose minimum exceeds its maximum', () => {
    const issues = issuesAfter((s) => (stage(s, 'preliminary').quota = { min: 3, max: 2 }));
    expect(issueAt(issues, 'stages.1.quota.min')).toBe('第 2 个阶段「初赛」的每单位名额下限 3 大于上限 2');
  });

  it('dropping as many scores as there are judges', () => {
    const issues = issuesAfter((s) => (s.roundRules[0]!.judgesPerEntry = 2));
    expect(issueAt(issues, 'roundRules.0.judgesPerEntry')).toContain(
      '每件作品 2 位评委，去掉 1 个最高分和 1 个最低分后没有有效分数',
    );
  });

  it('duplicate category, stage and criterion keys', () => {
    expect(
      issueAt(
        issuesAfter((s) => (s.categories[1]!.key = 'theory')),
        'categories.1.key',
      ),
    ).toBe('类别编码「theory」与第 1 个类别重复');
    expect(
      issueAt(
        issuesAfter((s) => (s.stages[3]!.key = 'semifinal')),
        'stages.3.key',
      ),
    ).toBe('阶段编码「semifinal」与第 3 个阶段重复');
    const crit = issuesAfter((s) => (s.rubrics[1]!.criteria[1]!.key = 'content'));
    expect(issueAt(crit, 'rubrics.1.criteria.1.key')).toBe(
      '「决赛」评分项编码「content」与第 1 个评分项重复',
    );
  });

  it('rubrics and rules that refer to unknown or non-contest stages, or each other wrongly', () => {
    const unknown = issuesAfter((s) => (s.rubrics[0]!.stageKey = 'nope'));
    expect(issueAt(unknown, 'rubrics.0.stageKey')).toBe('第 1 个评分标准所属的阶段「nope」不存在');
    expect(issueAt(unknown, 'roundRules.0.stageKey')).toBe('阶段「复赛」还没有评分标准，请先设置评分标准');
    const launch = issuesAfter((s) => (s.roundRules[0]!.stageKey = 'launch'));
    expect(issueAt(launch, 'roundRules.0.stageKey')).toContain(
      '阶段「启动」是「启动（人人上讲台）」阶段，不评审作品',
    );
    expect(issueAt(launch, 'rubrics.0.stageKey')).toContain('阶段「复赛」有评分标准，但还没有设置评审规则');
    const tie = issuesAfter(
      (s) => (s.roundRules[1]!.tieRule = { kind: 'criterion', criterionKey: 'charisma' }),
    );
    expect(issueAt(tie, 'roundRules.1.tieRule.criterionKey')).toBe(
      '同分规则引用的评分项「charisma」不在「决赛」的评分标准中',
    );
  });

  it('a time penalty capped below one step', () => {
    const issues = issuesAfter((s) => (s.roundRules[1]!.timePenalty!.maxPoints = 0.25));
    expect(issueAt(issues, 'roundRules.1.timePenalty.maxPoints')).toBe(
      '「决赛」超时最多扣分（0.25）小于每次扣分（0.5）',
    );
  });
});

describe('media spec and other fields', () => {
  it('a soft range that does not contain the target, a hard maximum below the soft maximum', () => {
    const target = issuesAfter((s) => (s.mediaSpec.duration.targetSeconds = 600));
    expect(issueAt(target, 'mediaSpec.duration.targetSeconds')).toBe(
      '目标时长 10分钟 不在建议时长 7分钟–9分钟 之内',
    );
    const hard = issuesAfter((s) => (s.mediaSpec.duration.hardMaxSeconds = 500));
    expect(issueAt(hard, 'mediaSpec.duration.hardMaxSeconds')).toBe(
      '时长上限 8分20秒 低于建议时长上限 9分钟',
    );
  });

  it('quotas and advancement only on contest stages; duplicate positions', () => {
    const quota = issuesAfter((s) => (stage(s, 'launch').quota = { min: 1, max: 2 }));
    expect(issueAt(quota, 'stages.0.quota')).toContain('不能设置推荐名额');
    const pos = issuesAfter((s) => s.eligibility.positions.push('书记'));
    expect(issueAt(pos, 'eligibility.positions.2')).toBe('职务「书记」重复');
  });

  it('wrong types and missing fields are worded in Chinese and name the field', () => {
    const missing = issuesAfter((s) => delete (s as Partial<CampaignSettings>).title);
    expect(issueAt(missing, 'title')).toBe('请填写活动名称');
    const width = issuesAfter((s) => ((s.mediaSpec as { width: unknown }).width = '1920'));
    expect(issueAt(width, 'mediaSpec.width')).toBe('视频宽度（像素）应为数字');
    const fps = issuesAfter((s) => (s.mediaSpec.width = 1920.5));
    expect(issueAt(fps, 'mediaSpec.width')).toBe('视频宽度（像素）应为整数');
    const kind = issuesAfter((s) => ((s.stages[0] as { kind: string }).kind = 'party'));
    expect(issueAt(kind, 'stages.0.kind')).toBe('阶段类型无效');
    const list = issuesAfter((s) => ((s as { categories: unknown }).categories = '政治理论'));
    expect(issueAt(list, 'categories')).toBe('宣讲类别应为列表');
    const none = issuesAfter((s) => (s.stages = []));
    expect(none).toContainEqual({ path: 'stages', message: '请至少设置一个阶段' });
  });

  it('describes paths for messages', () => {
    expect(describeSettingsPath(['stages', 2, 'endsOn'])).toBe('第 3 个阶段的结束日期');
    expect(describeSettingsPath(['stages', 1, 'quota', 'min'])).toBe('第 2 个阶段的名额下限');
    expect(describeSettingsPath(['mediaSpec', 'duration', 'targetSeconds'])).toBe('视频规格的目标时长');
    expect(describeSettingsPath([])).toBe('活动设置');
  });
});
