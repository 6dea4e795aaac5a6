import { z } from 'zod';
import { multilineText, text as plainText } from './text.ts';
import { idSchema, partyStatusSchema, positionSchema } from './org.ts';
import { beijingDateSchema } from './campaign-dates.ts';
import {
  materialRequirementSchema,
  mediaContainerSchema,
  penaltyUnitSchema,
  runByLevelSchema,
  stageKindSchema,
  videoCodecSchema,
} from './campaign-labels.ts';

/**
 * The shapes of a campaign's settings, field by field. Cross-field rules (dates in order, rubric sums,
 * award places…) are added in campaign.ts; use `campaignSettingsSchema` from there.
 */

/** "请填写…" when the field is missing, "…应为…" when it has the wrong type. */
const typed = (what: string, kind: string) => ({
  error: (issue: { input?: unknown }) =>
    issue.input === undefined || issue.input === null ? `请填写${what}` : `${what}应为${kind}`,
});
// Names are one line; explanations may run over several lines. Neither takes control characters.
const text = (what: string, max: number) =>
  plainText(typed(what, '文字')).min(1, `请填写${what}`).max(max, `${what}不能超过 ${max} 个字`);
const optionalText = (what: string, max: number) =>
  multilineText(typed(what, '文字')).max(max, `${what}不能超过 ${max} 个字`);
const int = (what: string, min: number, max: number) =>
  z
    .number(typed(what, '数字'))
    .int(`${what}应为整数`)
    .min(min, `${what}不能小于 ${min}`)
    .max(max, `${what}不能大于 ${max}`);
const positive = (what: string, max: number) =>
  z.number(typed(what, '数字')).positive(`${what}应大于 0`).max(max, `${what}不能大于 ${max}`);

/** Stable codes that other records refer to (entries' category, scores' criterion, a stage's results). */
export const settingsKeySchema = z
  .string(typed('编码', '文字'))
  .regex(/^[a-z][a-z0-9_]{0,31}$/, '编码须以小写英文字母开头，只含小写字母、数字和下划线，不超过 32 位');

export const campaignCategorySchema = z.object({ key: settingsKeySchema, name: text('类别名称', 30) });
export type CampaignCategory = z.infer<typeof campaignCategorySchema>;

/** Who may enter. No positions = any position; party statuses: 正式党员 and/or 预备党员. */
export const eligibilitySchema = z.object({
  positions: z.array(positionSchema).max(20),
  partyStatuses: z.array(partyStatusSchema).min(1, '请至少选择一种党员身份（正式党员 / 预备党员）').max(2),
  note: optionalText('参加条件说明', 500),
});
export type Eligibility = z.infer<typeof eligibilitySchema>;

export const materialsSchema = z.object({
  video: materialRequirementSchema,
  manuscript: materialRequirementSchema,
  courseware: materialRequirementSchema,
  recommendationForm: materialRequirementSchema,
});
export type MaterialsRequirement = z.infer<typeof materialsSchema>;

/**
 * Lecture length. Outside the soft range ("about 8 minutes") a file is accepted with a warning;
 * above the hard maximum it is refused. A hard limit such as "6 分钟以内" is softMax = hardMax.
 */
export const durationSpecSchema = z.object({
  targetSeconds: int('目标时长（秒）', 1, 7200),
  softMinSeconds: int('建议时长下限（秒）', 0, 7200),
  softMaxSeconds: int('建议时长上限（秒）', 1, 7200),
  hardMaxSeconds: int('时长上限（秒）', 1, 7200),
});
export type DurationSpec = z.infer<typeof durationSpecSchema>;

export const mediaSpecSchema = z.object({
  container: mediaContainerSchema,
  videoCodec: videoCodecSchema,
  width: int('视频宽度（像素）', 160, 7680),
  height: int('视频高度（像素）', 120, 4320),
  frameRate: positive('帧率', 120),
  bitRateMbps: positive('码率（Mbps）', 100),
  duration: durationSpecSchema,
});
export type MediaSpec = z.infer<typeof mediaSpecSchema>;

/** How many entries each unit may send on from a stage. */
export const quotaSchema = z.object({ min: int('名额下限', 0, 100), max: int('名额上限', 1, 100) });
export type Quota = z.infer<typeof quotaSchema>;

export const campaignStageSchema = z.object({
  key: settingsKeySchema,
  name: text('阶段名称', 30),
  kind: stageKindSchema,
  startsOn: beijingDateSchema,
  endsOn: beijingDateSchema,
  /** Materials for this stage are due by the end of this Beijing day. */
  submissionDeadline: beijingDateSchema.nullish(),
  runBy: runByLevelSchema,
  description: optionalText('阶段说明', 2000),
  /** Per participating unit: how many it recommends out of this stage. */
  quota: quotaSchema.nullish(),
  /** How many entries come out of this stage in total (advance, or are selected). */
  advanceCount: int('晋级人数', 1, 10000).nullish(),
});
export type CampaignStage = z.infer<typeof campaignStageSchema>;

export const rubricCriterionSchema = z.object({
  key: settingsKeySchema,
  name: text('评分项名称', 30),
  max: positive('评分项满分', 1000),
  description: optionalText('评分要点', 500),
});
export type RubricCriterion = z.infer<typeof rubricCriterionSchema>;

export const rubricSchema = z.object({
  stageKey: settingsKeySchema,
  total: positive('总分', 1000),
  criteria: z.array(rubricCriterionSchema).min(1, '请至少设置一个评分项').max(30, '评分项最多 30 个'),
});
export type Rubric = z.infer<typeof rubricSchema>;

export const tieRuleSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('untrimmed_mean_then_criterion'), criterionKey: settingsKeySchema }),
    z.object({ kind: z.literal('untrimmed_mean') }),
    z.object({ kind: z.literal('criterion'), criterionKey: settingsKeySchema }),
    z.object({ kind: z.literal('flag') }),
  ],
  { message: '同分规则无效' },
);
export type TieRule = z.infer<typeof tieRuleSchema>;

/** Live rounds: past limit + grace, each started unit of overtime costs `points`, at most `maxPoints`. */
export const timePenaltySchema = z.object({
  limitSeconds: int('限时（秒）', 1, 7200),
  graceSeconds: int('宽限时间（秒）', 0, 600),
  per: penaltyUnitSchema,
  points: positive('每次扣分', 100),
  maxPoints: positive('最多扣分', 1000),
});
export type TimePenalty = z.infer<typeof timePenaltySchema>;

export const roundRulesSchema = z.object({
  stageKey: settingsKeySchema,
  judgesPerEntry: int('每件作品的评委人数', 1, 99),
  /** 去掉 k 个最高分和 k 个最低分 before averaging. */
  dropHighest: int('去掉最高分个数', 0, 10),
  dropLowest: int('去掉最低分个数', 0, 10),
  decimals: int('保留小数位数', 0, 4),
  tieRule: tieRuleSchema,
  timePenalty: timePenaltySchema.nullish(),
});
export type RoundRules = z.infer<typeof roundRulesSchema>;

export const awardTierSchema = z.object({ name: text('奖项名称', 30), places: int('奖项名额', 1, 1000) });
export type AwardTier = z.infer<typeof awardTierSchema>;

/** Awards for organising units; places null = 若干 (as many as the organiser decides). */
export const orgAwardSchema = z.object({
  name: text('组织奖名称', 30),
  places: int('组织奖名额', 1, 1000).nullable(),
});
export type OrgAward = z.infer<typeof orgAwardSchema>;

export const lecturePlanSettingsSchema = z.object({
  required: z.boolean(typed('是否要求填报宣讲计划', '是或否')),
  /** Plans are due by the end of this Beijing day; null = no due date. */
  dueOn: beijingDateSchema.nullable(),
});
export type LecturePlanSettings = z.infer<typeof lecturePlanSettingsSchema>;

export const campaignSettingsObjectSchema = z.object({
  title: text('活动名称', 100),
  theme: optionalText('活动主题', 100),
  description: optionalText('活动说明', 5000),
  /** Empty = the organiser's whole subtree; otherwise these orgs' subtrees. */
  participatingOrgIds: z.array(idSchema).max(500, '参与组织最多 500 个'),
  startsOn: beijingDateSchema,
  endsOn: beijingDateSchema,
  categories: z.array(campaignCategorySchema).min(1, '请至少设置一个宣讲类别').max(30, '宣讲类别最多 30 个'),
  eligibility: eligibilitySchema,
  materials: materialsSchema,
  mediaSpec: mediaSpecSchema,
  stages: z.array(campaignStageSchema).min(1, '请至少设置一个阶段').max(20, '阶段最多 20 个'),
  rubrics: z.array(rubricSchema).max(20),
  roundRules: z.array(roundRulesSchema).max(20),
  awardTiers: z.array(awardTierSchema).max(20, '奖项最多 20 个'),
  orgAwards: z.array(orgAwardSchema).max(20, '组织奖最多 20 个'),
  /** Speaker pool (师资库) target per county, e.g. 焦作 "20 人以上"; null when the campaign has none. */
  speakerPool: z.object({ targetPerCounty: int('每个县市区师资库人数目标', 1, 10000) }).nullish(),
  /**
   * Branches' lecture plans (宣讲计划): whether every participating branch must file one, and by which
   * Beijing day. Absent (older campaigns) = plans may be filed, none is required, none is late.
   */
  lecturePlan: lecturePlanSettingsSchema.nullish(),
});
