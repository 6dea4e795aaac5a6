import { z } from 'zod';

/**
 * The branch's season (支部宣讲季): shared vocabulary of lecture plans, lecture records and coverage.
 * Occasions are the 三会一课 meetings and 主题党日 where branch lectures are given.
 */
export const lectureOccasions = [
  'branch_assembly',
  'branch_committee',
  'party_group',
  'party_lecture',
  'theme_day',
] as const;
export const lectureOccasionSchema = z.enum(lectureOccasions, { message: '宣讲场合无效' });
export type LectureOccasion = z.infer<typeof lectureOccasionSchema>;
export const lectureOccasionLabels: Record<LectureOccasion, string> = {
  branch_assembly: '支部党员大会',
  branch_committee: '支委会',
  party_group: '党小组会',
  party_lecture: '党课',
  theme_day: '主题党日',
};

export const lectureRecordStatuses = ['recorded', 'confirmed', 'returned'] as const;
export type LectureRecordStatus = (typeof lectureRecordStatuses)[number];
export const lectureRecordStatusLabels: Record<LectureRecordStatus, string> = {
  recorded: '待确认',
  confirmed: '已确认',
  returned: '已退回',
};
