import { describe, expect, it } from 'vitest';
import type { CampaignStage, MaterialFinding } from '@jiangtai/contracts';
import { buildPresetSettings } from '../campaigns/presets.ts';
import {
  assertReadyToRecommend,
  assertReadyToSubmit,
  checkEligibility,
  completeness,
  effectiveDeadline,
  eligibilityProblem,
  isLate,
  nextState,
  quotaProblem,
  resolveUnit,
} from './rules.ts';

const yueyang = buildPresetSettings('yueyang', { year: 2020 });
const jiaozuo = buildPresetSettings('jiaozuo', { year: 2018 });
const stage = (s: typeof yueyang, key: string) => s.stages.find((x) => x.key === key)! as CampaignStage;
const warn: MaterialFinding = {
  code: 'frame_rate',
  severity: 'warn',
  message: '帧率 30fps，要求 25fps',
  found: '30fps',
  required: '25fps',
};

describe('eligibility', () => {
  const secretary = { name: '张三', partyStatus: 'full' as const, positions: ['书记'], active: true };
  it('岳阳 takes branch secretaries and deputies only', () => {
    expect(eligibilityProblem(yueyang.eligibility, secretary)).toBeNull();
    expect(
      eligibilityProblem(yueyang.eligibility, { ...secretary, positions: ['副书记', '党员'] }),
    ).toBeNull();
    expect(eligibilityProblem(yueyang.eligibility, { ...secretary, positions: ['组织委员'] })).toBe(
      '张三的职务为组织委员，本活动要求职务为书记或副书记；如职务有变化，请先在党员信息中更新',
    );
  });
  it('焦作 takes every member, probationary ones too', () => {
    expect(
      eligibilityProblem(jiaozuo.eligibility, {
        ...secretary,
        partyStatus: 'probationary',
        positions: ['党员'],
      }),
    ).toBeNull();
  });
  it('refuses a party status the campaign does not take, and inactive members', () => {
    const fullOnly = { ...jiaozuo.eligibility, partyStatuses: ['full' as const] };
    expect(eligibilityProblem(fullOnly, { ...secretary, partyStatus: 'probationary' })).toBe(
      '张三是预备党员，本活动只接受正式党员报名',
    );
    expect(eligibilityProblem(yueyang.eligibility, { ...secretary, active: false })).toMatch(/已停用/);
  });
  it('gives pickers a short mark from the same check as the refusal', () => {
    expect(checkEligibility(yueyang.eligibility, secretary)).toBeNull();
    expect(checkEligibility(yueyang.eligibility, { ...secretary, positions: ['党员'] })).toEqual({
      message: '张三的职务为党员，本活动要求职务为书记或副书记；如职务有变化，请先在党员信息中更新',
      mark: '不符合参赛条件：须为书记/副书记',
    });
    const fullOnly = { ...jiaozuo.eligibility, partyStatuses: ['full' as const] };
    expect(checkEligibility(fullOnly, { ...secretary, partyStatus: 'probationary' })?.mark).toBe(
      '不符合参赛条件：须为正式党员',
    );
    expect(checkEligibility(jiaozuo.eligibility, { ...secretary, active: false })?.mark).toBe(
      '已停用，不能报送',
    );
  });
});

describe('deadlines', () => {
  const semifinal = stage(yueyang, 'semifinal'); // submissionDeadline 2020-09-15
  it('closes at the end of the submission deadline day in Beijing', () => {
    const d = effectiveDeadline(semifinal, []);
    expect(d).toMatchObject({ date: '2020-09-15', extended: false });
    expect(isLate(new Date('2020-09-15T15:59:59Z'), d)).toBe(false); // 23:59:59 Beijing
    expect(isLate(new Date('2020-09-15T16:00:00Z'), d)).toBe(true); // 00:00 on the 16th
  });
  it('uses the stage end when there is no submission deadline', () => {
    expect(effectiveDeadline(stage(yueyang, 'preliminary'), []).date).toBe('2020-08-31');
  });
  it('moves later with the latest extension, never earlier', () => {
    expect(effectiveDeadline(semifinal, ['2020-09-18', '2020-09-20'])).toMatchObject({
      date: '2020-09-20',
      extended: true,
    });
    expect(effectiveDeadline(semifinal, ['2020-09-10']).date).toBe('2020-09-15');
  });
});

describe('quota', () => {
  it('says how many are used of how many', () => {
    expect(quotaProblem({ min: 2, max: 2 }, 1)).toBeNull();
    expect(quotaProblem({ min: 2, max: 2 }, 2)).toMatch(/^本单位本阶段已推荐 2 名，名额为 2 名，不能再推荐/);
    expect(quotaProblem({ min: 1, max: 2 }, 2)).toMatch(/名额为 1–2 名/);
    expect(quotaProblem(null, 99)).toBeNull();
  });
});

describe('completeness', () => {
  it('岳阳 needs video, manuscript and the 推荐表; courseware is optional', () => {
    const c = completeness(yueyang.materials, [{ material: 'manuscript', findings: [] }]);
    expect(c.complete).toBe(false);
    expect(c.summary).toBe('还缺：宣讲视频、推荐表（盖章扫描件）');
    expect(c.items.find((i) => i.material === 'courseware')?.status).toBe('not_required');
    expect(() => assertReadyToSubmit(c)).toThrow('还缺少宣讲视频，请上传后再提交');
  });
  it('焦作 requires courseware', () => {
    const c = completeness(jiaozuo.materials, []);
    expect(c.items.filter((i) => i.status === 'missing').map((i) => i.material)).toEqual(['courseware']);
  });
  it('shows warnings without making the entry incomplete', () => {
    const c = completeness(jiaozuo.materials, [
      { material: 'courseware', findings: [] },
      { material: 'video', findings: [warn] },
    ]);
    expect(c.complete).toBe(true);
    expect(c.items.find((i) => i.material === 'video')).toMatchObject({
      status: 'warn',
      warnings: [warn.message],
    });
    expect(c.summary).toBe('宣讲视频有 1 条不合规提示');
    expect(() => assertReadyToSubmit(c)).not.toThrow();
    expect(() => assertReadyToRecommend(c, '题目')).not.toThrow();
  });
  it('recommends only with every required material, the 推荐表 scan included, saying where to upload it', () => {
    const speakerOnly = completeness(yueyang.materials, [
      { material: 'video', findings: [] },
      { material: 'manuscript', findings: [] },
    ]);
    expect(() => assertReadyToSubmit(speakerOnly)).not.toThrow();
    expect(() => assertReadyToRecommend(speakerOnly, '初心')).toThrow(
      '「初心」还缺少推荐表（盖章扫描件），本活动要求推荐前上传；请打开作品页面，在「推荐表」栏下载推荐表（Word），核对、盖章后扫描上传，再推荐',
    );
    const full = completeness(yueyang.materials, [
      { material: 'video', findings: [] },
      { material: 'manuscript', findings: [] },
      { material: 'recommendation_scan', findings: [] },
    ]);
    expect(() => assertReadyToRecommend(full, '初心')).not.toThrow();
    // 焦作 only offers the 推荐表 (选交): not needed to recommend.
    const jz = completeness(jiaozuo.materials, [{ material: 'courseware', findings: [] }]);
    expect(() => assertReadyToRecommend(jz, '初心')).not.toThrow();
  });
});

describe('state machine', () => {
  it('follows draft → submitted → recommended / returned → submitted, and withdrawn', () => {
    expect(nextState('draft', 'submit')).toBe('submitted');
    expect(nextState('submitted', 'recommend')).toBe('recommended');
    expect(nextState('submitted', 'return')).toBe('returned');
    expect(nextState('recommended', 'return')).toBe('returned');
    expect(nextState('returned', 'submit')).toBe('submitted');
    expect(nextState('recommended', 'withdraw')).toBe('withdrawn');
    expect(nextState('returned', 'edit')).toBe('returned');
  });
  it('refuses other changes with the current state named', () => {
    expect(() => nextState('draft', 'recommend')).toThrow('作品当前为「草稿」，不能推荐');
    expect(() => nextState('submitted', 'edit')).toThrow(
      '作品当前为「已提交」，不能修改；如需修改，请联系单位管理员退回',
    );
    expect(() => nextState('withdrawn', 'submit')).toThrow('作品当前为「已撤回」，不能提交');
  });
});

describe('the entry unit', () => {
  const organiser = { id: '2', path: '1.2.' };
  it('is the organiser org child on the speaker path', () => {
    expect(resolveUnit('1.2.10.55.', { organiser, participating: [], runBy: 'unit' })).toEqual({
      id: '10',
      path: '1.2.10.',
    });
  });
  it('is the listed participating org when the campaign names them', () => {
    const listed = [{ id: '10', path: '1.2.10.' }];
    expect(resolveUnit('1.2.10.55.', { organiser, participating: listed, runBy: 'county' })).toEqual(
      listed[0],
    );
    expect(resolveUnit('1.2.11.3.', { organiser, participating: listed, runBy: 'county' })).toBeNull();
  });
  it('is the speaker branch for branch-run stages, and null outside the campaign', () => {
    expect(resolveUnit('1.2.10.55.', { organiser, participating: [], runBy: 'branch' })).toEqual({
      id: '55',
      path: '1.2.10.55.',
    });
    expect(resolveUnit('1.3.7.', { organiser, participating: [], runBy: 'unit' })).toBeNull();
  });
});
