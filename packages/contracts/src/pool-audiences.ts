import { z } from 'zod';

/** Where a lecture is sent (送党课进基层): 进企业、进农村、进机关、进校园、进社区. */
export const audienceTypes = ['enterprise', 'village', 'organ', 'school', 'community'] as const;
export const audienceTypeSchema = z.enum(audienceTypes, { message: '听众类型无效' });
export type AudienceType = z.infer<typeof audienceTypeSchema>;
export const audienceTypeLabels: Record<AudienceType, string> = {
  enterprise: '企业',
  village: '农村',
  organ: '机关',
  school: '校园',
  community: '社区',
};

export const poolSpeakerStatusLabels = {
  nominated: '待审核',
  active: '在库',
  declined: '未通过',
  left: '已退出',
  retired: '已退库',
} as const;
export const poolSpeakerSourceLabels = {
  contest: '比赛推选',
  nomination: '单位推荐',
  direct: '直接入库',
} as const;
