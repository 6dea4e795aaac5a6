import { z } from 'zod';
import { text } from './text.ts';

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
export const phoneSchema = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, '手机号应为 11 位数字，以 1 开头');

/** Database ids are bigints, sent as decimal strings. */
export const idSchema = z.string().regex(/^[1-9]\d{0,17}$/, '编号格式不正确');

// ---- Org tree + members API (apps/server/src/modules/org) ----

/** Codes starting with 示例 mark the template's example rows, which the import refuses. */
export const EXAMPLE_CODE_PREFIX = '示例';

export const orgCodeSchema = text()
  .min(1, '请输入组织编码')
  .max(50, '组织编码不能超过 50 个字符')
  .regex(/^\S+$/, '组织编码不能包含空格')
  .refine(
    (v) => !v.startsWith(EXAMPLE_CODE_PREFIX),
    `以「${EXAMPLE_CODE_PREFIX}」开头的编码留给模板示例行，请换一个`,
  );
export const orgNameSchema = text().min(1, '请输入组织名称').max(100, '组织名称不能超过 100 个字');
export const sortOrderSchema = z
  .number()
  .int('排序应为整数')
  .min(0, '排序不能小于 0')
  .max(100000, '排序不能大于 100000');
export const memberNameSchema = text().min(1, '请输入姓名').max(50, '姓名不能超过 50 个字');

/** A calendar date as YYYY-MM-DD (Beijing date, no time). */
export const dateOnlySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD，例如 2010-07-01')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, '日期不存在，请检查年月日');

export const orgCreateSchema = z.object({
  parentId: idSchema,
  name: orgNameSchema,
  type: orgTypeSchema,
  code: orgCodeSchema.optional(),
  sortOrder: sortOrderSchema.optional(),
});
export type OrgCreate = z.infer<typeof orgCreateSchema>;

export const orgUpdateSchema = z.object({
  name: orgNameSchema.optional(),
  type: orgTypeSchema.optional(),
  code: orgCodeSchema.optional(),
  sortOrder: sortOrderSchema.optional(),
});
export type OrgUpdate = z.infer<typeof orgUpdateSchema>;

export const orgNodeSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: orgTypeSchema,
  code: z.string(),
  active: z.boolean(),
  /** Children shown with the same includeInactive setting (active ones by default). */
  childCount: z.number().int(),
  /** Active members in the whole subtree. */
  memberCount: z.number().int(),
});
export type OrgNode = z.infer<typeof orgNodeSchema>;

export const orgDetailSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  type: orgTypeSchema,
  code: z.string(),
  depth: z.number().int(),
  active: z.boolean(),
  sortOrder: z.number().int(),
  ancestors: z.array(z.object({ id: z.string(), name: z.string() })),
  childCount: z.number().int(),
  memberCount: z.number().int(),
  directMemberCount: z.number().int(),
  /** May change name/type/code/sort order and add children and members. */
  canEdit: z.boolean(),
  /** May move, deactivate or reactivate this node (needs edit rights over its parent). */
  canRestructure: z.boolean(),
});
export type OrgDetail = z.infer<typeof orgDetailSchema>;

export const orgSearchItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: orgTypeSchema,
  active: z.boolean(),
  /** Ancestor names and the node's own, e.g. "演示市委 / 市教育局 / 第一党支部". */
  pathNames: z.string(),
});

export const positionsSchema = z
  .array(positionSchema)
  .refine((a) => new Set(a).size === a.length, '职务不能重复');

export const memberCreateSchema = z.object({
  orgId: idSchema,
  name: memberNameSchema,
  gender: genderSchema,
  phone: phoneSchema.nullish(),
  partyStatus: partyStatusSchema,
  positions: positionsSchema.optional(),
  joinedOn: dateOnlySchema.nullish(),
});
export type MemberCreate = z.infer<typeof memberCreateSchema>;

export const memberUpdateSchema = z.object({
  name: memberNameSchema.optional(),
  gender: genderSchema.optional(),
  phone: phoneSchema.nullish(),
  partyStatus: partyStatusSchema.optional(),
  positions: positionsSchema.optional(),
  joinedOn: dateOnlySchema.nullish(),
});
export type MemberUpdate = z.infer<typeof memberUpdateSchema>;

export const memberListItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  gender: genderSchema,
  /** Masked in lists: 138****1234. */
  phone: z.string().nullable(),
  partyStatus: partyStatusSchema,
  positions: z.array(z.string()),
  orgId: z.string(),
  orgName: z.string(),
  joinedOn: z.string().nullable(),
  active: z.boolean(),
});
export type MemberListItem = z.infer<typeof memberListItemSchema>;

export const memberDetailSchema = memberListItemSchema.extend({
  /** Full number only for platform admins and unit admins over the member's org; masked otherwise. */
  phone: z.string().nullable(),
  orgPathNames: z.string(),
  canEdit: z.boolean(),
});
export type MemberDetail = z.infer<typeof memberDetailSchema>;

export const historyItemSchema = z.object({
  id: z.string(),
  at: z.string(),
  actorName: z.string().nullable(),
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});

/**
 * Something the import did to the file that the uploader should know, though nothing was wrong:
 * the header found below a title row, a cell normalised (全角数字 → 半角), a column ignored, a formula
 * imported as its value. Shown with the result (and with the errors when the file is refused).
 */
export const importNoticeKindSchema = z.enum(['header', 'normalised', 'ignored_column', 'formula']);
export type ImportNoticeKind = z.infer<typeof importNoticeKindSchema>;
export const importNoticeKindLabels: Record<ImportNoticeKind, string> = {
  header: '表头位置',
  normalised: '已规范格式',
  ignored_column: '已忽略的列',
  formula: '公式单元格',
};
export const importNoticeSchema = z.object({
  kind: importNoticeKindSchema,
  sheet: z.string(),
  /** The row number Excel shows; 0 for the whole sheet. */
  row: z.number().int(),
  column: z.string(),
  message: z.string(),
});
export type ImportNotice = z.infer<typeof importNoticeSchema>;

export const importResultSchema = z.object({
  orgsCreated: z.number().int(),
  orgsUpdated: z.number().int(),
  orgsUnchanged: z.number().int(),
  membersCreated: z.number().int(),
  membersUpdated: z.number().int(),
  membersUnchanged: z.number().int(),
  /** At most the first 1000; noticeCount gives them all. */
  notices: z.array(importNoticeSchema),
  noticeCount: z.number().int(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

/** One problem in an uploaded file: sheet name, the row number Excel shows, the header name, a reason. */
export interface ImportIssue {
  sheet: string;
  row: number;
  column: string;
  reason: string;
}
