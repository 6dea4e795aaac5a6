import { z } from 'zod';

export const roleNames = [
  'platform_admin',
  'organiser',
  'unit_admin',
  'judge',
  'supervisor',
  'member',
] as const;
export const roleSchema = z.enum(roleNames, { message: '角色无效' });
export type RoleName = z.infer<typeof roleSchema>;

export const roleLabels: Record<RoleName, string> = {
  platform_admin: '系统管理员',
  organiser: '活动组织者',
  unit_admin: '单位管理员',
  judge: '评委',
  supervisor: '监督员',
  member: '党员',
};
