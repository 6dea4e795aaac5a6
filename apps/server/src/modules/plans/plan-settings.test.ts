import { describe, expect, it } from 'vitest';
import { shiftCampaignDays, shiftCampaignYears, validateCampaignSettings } from '@jiangtai/contracts';
import { buildPresetSettings } from '../campaigns/presets.ts';

describe('the campaign’s lecture plan settings', () => {
  it('岳阳 requires a plan by the end of its launch stage; 焦作 allows one', () => {
    const y = buildPresetSettings('yueyang', { year: 2026 });
    const launch = y.stages.find((s) => s.kind === 'launch')!;
    expect(y.lecturePlan).toEqual({ required: true, dueOn: launch.endsOn });
    expect(buildPresetSettings('jiaozuo').lecturePlan).toEqual({ required: false, dueOn: null });
  });

  it('moves the due date with the campaign’s dates', () => {
    const y = buildPresetSettings('yueyang', { year: 2026 });
    expect(shiftCampaignYears(y, 1).lecturePlan?.dueOn).toBe('2027-07-31');
    expect(shiftCampaignDays(y, 3).lecturePlan?.dueOn).toBe('2026-08-03');
  });

  it('keeps campaigns saved before plans existed valid, and refuses a due date outside the campaign', () => {
    const { lecturePlan: _dropped, ...old } = buildPresetSettings('yueyang', { year: 2026 });
    expect(validateCampaignSettings(old).success).toBe(true);
    const s = buildPresetSettings('yueyang', { year: 2026 });
    const early = validateCampaignSettings({ ...s, lecturePlan: { required: true, dueOn: '2026-07-01' } });
    expect(early.success).toBe(false);
    if (!early.success)
      expect(early.issues).toContainEqual({
        path: 'lecturePlan.dueOn',
        message: '宣讲计划截止日期（2026年7月1日）早于活动开始日期（2026年7月13日）',
      });
    const late = validateCampaignSettings({ ...s, lecturePlan: { required: true, dueOn: '2026-11-01' } });
    expect(late.success).toBe(false);
    const wrong = validateCampaignSettings({ ...s, lecturePlan: { required: 'yes', dueOn: null } });
    expect(wrong.success).toBe(false);
    if (!wrong.success) expect(wrong.issues[0]!.message).toContain('是否要求填报宣讲计划');
  });
});
