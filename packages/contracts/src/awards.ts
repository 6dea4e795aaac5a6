import { z } from 'zod';
import { multilineText, text } from './text.ts';
import { idSchema } from './org.ts';
import { beijingDateSchema } from './campaign-dates.ts';
import { objectionCreateSchema, reasonSchema } from './review.ts';

/**
 * Awards (奖项) after a final or 评选 round: tiers assigned from the final ranking, 组织奖 for units by a
 * points rule, the 表彰名单 published for 公示 and finalised, and certificates (证书) with a QR code
 * to a public page that confirms the award.
 */

export const awardListStates = ['draft', 'publicised', 'final'] as const;
export type AwardListState = (typeof awardListStates)[number];
export const awardListStateLabels: Record<AwardListState, string> = {
  draft: '草稿',
  publicised: '公示中',
  final: '已定稿',
};

const points = (what: string) =>
  z
    .number({ message: `${what}应为数字` })
    .min(0, `${what}不能为负数`)
    .max(1000, `${what}不能超过 1000`)
    .multipleOf(0.5, `${what}最多保留到 0.5 分`);

/**
 * The 组织奖 rule: a unit's points are the sum of its winners' tier points plus participation points
 * per finalist; units are ranked by points and the campaign's 组织奖 go to the top ones. `places`
 * gives the number for an 组织奖 the campaign leaves open (若干); a number the campaign fixes wins.
 */
export const orgAwardRuleSchema = z.object({
  tierPoints: z.record(text().min(1).max(30), points('奖项分值')),
  participationPoints: points('参赛分值'),
  places: z.record(text().min(1).max(30), z.number().int('名额应为整数').min(0).max(1000)),
});
export type OrgAwardRule = z.infer<typeof orgAwardRuleSchema>;

const issuer = text({ message: '请填写颁发单位' })
  .min(2, '请填写颁发单位（至少 2 个字）')
  .max(40, '颁发单位不能超过 40 个字');

export const awardListCreateSchema = z.object({
  issuer: issuer.optional(),
});

export const awardListUpdateSchema = z
  .object({
    issuer: issuer.optional(),
    issuedOn: beijingDateSchema.nullable().optional(),
    noticeWorkingDays: z
      .number()
      .int('公示期应为整数')
      .min(1, '公示期至少 1 个工作日')
      .max(30, '公示期最多 30 个工作日')
      .optional(),
    orgRule: orgAwardRuleSchema.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), '请至少修改一项设置');
export type AwardListUpdate = z.infer<typeof awardListUpdateSchema>;

export const awardTieDecisionSchema = z.object({
  kind: z.enum(['person', 'unit'], { message: '同分类型无效' }),
  /** The tied entries (person) or units (unit) in the decided order, best first. */
  order: z.array(idSchema).min(2, '请至少排列两个同分对象').max(200),
  reason: reasonSchema.shape.reason,
});

export const awardUnitAdjustmentSchema = z.object({
  orgId: idSchema,
  /** The 组织奖 the unit gets; null: the unit gets none; omit with `reset` to follow the rule again. */
  tier: text().min(1).max(30).nullable(),
  reset: z.boolean().optional(),
  reason: multilineText({ message: '请填写原因' })
    .min(2, '请写明原因（至少 2 个字）')
    .max(500, '原因不能超过 500 个字'),
});

/** Seal images: PNG or JPEG, at most 2 MB. */
export const SEAL_MAX_BYTES = 2 * 1024 * 1024;

/** An objection to the 表彰名单 during its 公示 (signed in; the organiser answers each one). */
export const awardObjectionSchema = objectionCreateSchema.omit({ entryCode: true });
export type AwardObjectionCreate = z.infer<typeof awardObjectionSchema>;
