import { z } from 'zod';

export const orgTypes = [
  'committee',
  'county',
  'unit',
  'system',
  'party_committee',
  'working_committee',
  'general_branch',
  'branch',
] as const;
export const orgTypeSchema = z.enum(orgTypes, { message: '组织类型无效' });
export type OrgType = z.infer<typeof orgTypeSchema>;

export const orgTypeLabels: Record<OrgType, string> = {
  committee: '市委/机关工委',
  county: '县市区',
  unit: '市直单位',
  system: '系统',
  party_committee: '党委',
  working_committee: '党工委',
  general_branch: '党总支',
  branch: '党支部',
};

export const positions = ['书记', '副书记', '组织委员', '宣传委员', '纪检委员', '党员'] as const;
export const positionSchema = z.enum(positions, { message: '职务无效' });
export type Position = z.infer<typeof positionSchema>;

export const partyStatuses = ['full', 'probationary'] as const;
export const partyStatusSchema = z.enum(partyStatuses, { message: '党员状态无效' });
export type PartyStatus = z.infer<typeof partyStatusSchema>;
export const partyStatusLabels: Record<PartyStatus, string> = { full: '正式党员', probationary: '预备党员' };

export const genders = ['male', 'female'] as const;
export const genderSchema = z.enum(genders, { message: '性别无效' });
export type Gender = z.infer<typeof genderSchema>;
export const genderLabels: Record<Gender, string> = { male: '男', female: '女' };

/** Mainland mobile numbers. */
export const phoneSchema = z.string().trim().regex(/^1[3-9]\d{9}$/, '手机号应为 11 位数字，以 1 开头');

/** Database ids are bigints, sent as decimal strings. */
export const idSchema = z.string().regex(/^[1-9]\d{0,17}$/, '编号格式不正确');
