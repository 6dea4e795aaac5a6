import { describe, expect, it } from 'vitest';
import * as rules from './rules.ts';

const campaign: rules.CampaignFacts = {
  title: '2026 微宣讲',
  status: 'published',
  startsOn: '2026-03-01',
  endsOn: '2026-10-31',
  categories: [
    { key: 'theory', name: '政治理论' },
    { key: 'history', name: '党史国史' },
  ],
  branchTakesPart: true,
};
const branch: rules.BranchFacts = { activeMemberIds: new Set(['1', '2', '3']) };
const messages = (issues: { message: string }[]) => issues.map((i) => i.message);

describe('lecture record rules', () => {
  it('takes a date inside the campaign and not after today (Beijing)', () => {
    expect(rules.dateProblems('2026-06-30', campaign, '2026-07-01')).toEqual([]);
    expect(rules.dateProblems('2026-07-01', campaign, '2026-07-01')).toEqual([]);
    expect(messages(rules.dateProblems('2026-07-02', campaign, '2026-07-01'))).toEqual([
      '宣讲日期（2026年7月2日）不能晚于今天',
    ]);
    expect(messages(rules.dateProblems('2026-02-28', campaign, '2026-07-01'))[0]).toContain(
      '不在活动时间内（2026年3月1日至2026年10月31日）',
    );
    expect(rules.dateProblems('2026-11-01', campaign, '2026-12-01')[0]?.path).toBe('heldOn');
  });

  it('takes only the campaign categories, naming them', () => {
    expect(rules.categoryProblems('theory', campaign)).toEqual([]);
    expect(messages(rules.categoryProblems('sports', campaign))).toEqual([
      '宣讲类别不在本活动的类别中（可选：政治理论、党史国史）',
    ]);
  });

  it('takes an active member of the branch or a guest by name as speaker', () => {
    expect(rules.speakerProblems({ kind: 'member', memberId: '2' }, branch)).toEqual([]);
    expect(rules.speakerProblems({ kind: 'guest', name: '市委党校 张教授' }, branch)).toEqual([]);
    const outsider = rules.speakerProblems({ kind: 'member', memberId: '99' }, branch);
    expect(outsider[0]?.message).toContain('不是本支部的在册党员');
    expect(outsider[0]?.path).toBe('speaker');
  });

  it('keeps attendance within the branch and the named attendees among its members', () => {
    expect(rules.attendanceProblems({ attendance: 3, attendeeMemberIds: ['1', '2'] }, branch)).toEqual([]);
    expect(messages(rules.attendanceProblems({ attendance: 4, attendeeMemberIds: [] }, branch))).toEqual([
      '参加人数（4）超过本支部在册党员人数（3）',
    ]);
    expect(
      messages(rules.attendanceProblems({ attendance: 2, attendeeMemberIds: ['1', '9'] }, branch)),
    ).toEqual(['参加人员中有不属于本支部的党员']);
    expect(
      messages(rules.attendanceProblems({ attendance: 1, attendeeMemberIds: ['1', '2'] }, branch)),
    ).toEqual(['勾选的参加人员（2 人）多于参加人数（1）']);
    expect(
      messages(rules.attendanceProblems({ attendance: 2, attendeeMemberIds: ['1', '1'] }, branch)),
    ).toEqual(['参加人员有重复']);
  });

  it('refuses a campaign not running or one the branch is not part of', () => {
    expect(rules.campaignProblems(campaign)).toEqual([]);
    expect(messages(rules.campaignProblems({ ...campaign, status: 'closed' }))).toEqual([
      '活动「2026 微宣讲」未在进行中，不能登记宣讲记录',
    ]);
    expect(messages(rules.campaignProblems({ ...campaign, branchTakesPart: false }))).toEqual([
      '本支部不在活动「2026 微宣讲」的参与范围内',
    ]);
  });

  it('counts files by kind and refuses files that are not this record’s or the uploader’s', () => {
    const photo = (id: string, usable = true) => ({ id, kind: 'photo' as const, usable });
    expect(rules.fileProblems(['1', '2'], [photo('1'), photo('2')])).toEqual([]);
    expect(messages(rules.fileProblems(['1'], [photo('1', false)]))).toEqual([
      '有附件不存在或不属于这条记录，请重新上传',
    ]);
    expect(messages(rules.fileProblems(['5'], []))).toHaveLength(1);
    const videos = [
      { id: '1', kind: 'video' as const, usable: true },
      { id: '2', kind: 'video' as const, usable: true },
    ];
    expect(messages(rules.fileProblems(['1', '2'], videos))).toEqual(['视频最多 1 个（现有 2 个）']);
    const many = Array.from({ length: 13 }, (_, i) => photo(String(i + 1)));
    expect(
      messages(
        rules.fileProblems(
          many.map((p) => p.id),
          many,
        ),
      ),
    ).toEqual(['照片最多 12 个（现有 13 个）']);
  });

  it('allows edits before confirmation, decisions on recorded ones, corrections once confirmed', () => {
    expect([
      rules.mayEditInState('recorded'),
      rules.mayEditInState('returned'),
      rules.mayEditInState('confirmed'),
    ]).toEqual([true, true, false]);
    expect([
      rules.mayDecideInState('recorded'),
      rules.mayDecideInState('returned'),
      rules.mayDecideInState('confirmed'),
    ]).toEqual([true, false, false]);
    expect(rules.mayCorrectInState('confirmed')).toBe(true);
    expect(rules.mayCorrectInState('recorded')).toBe(false);
    expect(rules.secretaryMayDeleteInState('returned')).toBe(true);
    expect(rules.secretaryMayDeleteInState('confirmed')).toBe(false);
  });
});
