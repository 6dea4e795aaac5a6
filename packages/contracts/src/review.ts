import { z } from 'zod';
import { multilineText, text } from './text.ts';
import { idSchema } from './org.ts';
import { beijingDateSchema } from './campaign-dates.ts';
import { rubricCriterionSchema, settingsKeySchema, tieRuleSchema } from './campaign-schema.ts';
import { liveSettingsSchema } from './live.ts';

/**
 * Review rounds (评审轮次): the organiser of a contest stage opens a round for the entries
 * recommended into it, builds a judges' panel, assigns entries, judges score on a rubric, the results
 * are ranked, advancement confirmed, published for public notice (公示) and sealed.
 */

/** Materials a round may show its judges (the stamped 推荐表 never: it names the speaker). */
export const reviewMaterialKinds = ['video', 'manuscript', 'courseware'] as const;
export const reviewMaterialKindSchema = z.enum(reviewMaterialKinds, { message: '评审材料类型无效' });
export type ReviewMaterialKind = z.infer<typeof reviewMaterialKindSchema>;

export const advancementKinds = ['top_n', 'top_n_per_category', 'unit_quota'] as const;
export type AdvancementKind = (typeof advancementKinds)[number];
export const advancementKindLabels: Record<AdvancementKind, string> = {
  top_n: '总排名前 N 名晋级',
  top_n_per_category: '每个类别前 N 名晋级',
  unit_quota: '每个单位前 N 名晋级',
};
export const advancementRuleSchema = z.object({
  kind: z.enum(advancementKinds, { message: '晋级规则无效' }),
  count: z
    .number({ message: '请填写晋级人数' })
    .int('晋级人数应为整数')
    .min(1, '晋级人数不能小于 1')
    .max(10000, '晋级人数不能大于 10000'),
});
export type AdvancementRule = z.infer<typeof advancementRuleSchema>;

const int = (what: string, min: number, max: number) =>
  z
    .number({ message: `请填写${what}` })
    .int(`${what}应为整数`)
    .min(min, `${what}不能小于 ${min}`)
    .max(max, `${what}不能大于 ${max}`);

/** Everything the organiser chooses for a round; the rubric is a copy, editable until the first score. */
export const roundConfigObjectSchema = z.object({
  name: text({ message: '请填写轮次名称' }).min(1, '请填写轮次名称').max(60, '轮次名称不能超过 60 个字'),
  materials: z.array(reviewMaterialKindSchema).min(1, '请至少选择一种评委可见的材料'),
  blind: z.boolean({ message: '请选择是否盲评' }),
  criteria: z.array(rubricCriterionSchema).min(1, '请至少设置一个评分项').max(30, '评分项最多 30 个'),
  judgesPerEntry: int('每件作品的评委人数', 1, 99),
  dropHighest: int('去掉最高分个数', 0, 10),
  dropLowest: int('去掉最低分个数', 0, 10),
  decimals: int('保留小数位数', 0, 4),
  tieRule: tieRuleSchema,
  deadline: beijingDateSchema,
  advancement: advancementRuleSchema,
  noticeWorkingDays: int('公示期（工作日）', 1, 30),
  /** Set for a live final (现场决赛) on a 决赛 stage: the evening is run on the live pages. */
  live: liveSettingsSchema.nullish(),
});

/** Cross-field checks shared by the form and the API. */
export function checkRoundConfig(
  c: Pick<RoundConfig, 'criteria' | 'judgesPerEntry' | 'dropHighest' | 'dropLowest' | 'tieRule'> &
    Partial<Pick<RoundConfig, 'blind' | 'live'>>,
): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (c.live) {
    // The final is open review: the speakers are on stage, names are on the screens.
    if (c.blind) issues.push({ path: 'blind', message: '现场决赛公开评审，不能设为盲评' });
    const p = c.live.timePenalty;
    if (p && p.limitSeconds !== c.live.speakingSeconds)
      issues.push({
        path: 'live.timePenalty.limitSeconds',
        message: `超时扣分的限时（${p.limitSeconds} 秒）应与宣讲限时（${c.live.speakingSeconds} 秒）一致`,
      });
    if (c.live.warnSeconds >= c.live.speakingSeconds)
      issues.push({ path: 'live.warnSeconds', message: '提醒时间应短于宣讲限时' });
  }
  if (c.dropHighest + c.dropLowest >= c.judgesPerEntry) {
    issues.push({
      path: 'dropHighest',
      message: `每件作品 ${c.judgesPerEntry} 位评委，去掉 ${c.dropHighest} 个最高分和 ${c.dropLowest} 个最低分后没有分数可算，请减少去分个数或增加评委`,
    });
  }
  const keys = new Set<string>();
  c.criteria.forEach((cr, i) => {
    if (keys.has(cr.key)) issues.push({ path: `criteria.${i}.key`, message: `评分项编码「${cr.key}」重复` });
    keys.add(cr.key);
  });
  if ('criterionKey' in c.tieRule && !keys.has(c.tieRule.criterionKey)) {
    issues.push({ path: 'tieRule.criterionKey', message: '同分时比较的评分项不在本轮评分标准中' });
  }
  return issues;
}

export const roundConfigSchema = roundConfigObjectSchema.superRefine((c, ctx) => {
  for (const i of checkRoundConfig(c))
    ctx.addIssue({ code: 'custom', path: i.path.split('.'), message: i.message });
});
export type RoundConfig = z.infer<typeof roundConfigObjectSchema>;

export const roundCreateSchema = roundConfigObjectSchema.extend({
  stageKey: settingsKeySchema,
  /** The unit whose own round this is (a unit-run 初赛); omitted = the whole campaign. */
  scopeOrgId: idSchema.optional(),
});
export type RoundCreate = z.infer<typeof roundCreateSchema>;
export const roundUpdateSchema = roundConfigObjectSchema.partial();
export type RoundUpdate = z.infer<typeof roundUpdateSchema>;

export const roundStates = ['open', 'closed', 'confirmed', 'publicised', 'final'] as const;
export type RoundState = (typeof roundStates)[number];
export const roundStateLabels: Record<RoundState, string> = {
  open: '评审中',
  closed: '评分已截止',
  confirmed: '晋级已确认',
  publicised: '公示中',
  final: '结果已封存',
};

export const assignmentStatuses = ['open', 'draft', 'submitted', 'removed'] as const;
export type AssignmentStatus = (typeof assignmentStatuses)[number];
export const assignmentStatusLabels: Record<AssignmentStatus, string> = {
  open: '未评',
  draft: '已暂存',
  submitted: '已提交',
  removed: '已移除',
};

// ---------- panel ----------

export const panelAddSchema = z.object({
  userIds: z.array(idSchema).min(1, '请选择评委').max(200),
});
export const judgeInviteSchema = z.object({
  displayName: text({ message: '请填写姓名' }).min(1, '请填写姓名').max(30, '姓名不能超过 30 个字'),
  username: text({ message: '请填写登录名' }).regex(
    /^[a-z0-9_.-]{3,32}$/,
    '登录名应为 3–32 位小写字母、数字、下划线、点或连字符',
  ),
  phone: text()
    .regex(/^1\d{10}$/, '手机号应为 11 位数字')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** 所在单位 in the org tree, for conflicts of interest; omitted for an expert from outside. */
  unitOrgId: idSchema.optional(),
});
export type JudgeInvite = z.infer<typeof judgeInviteSchema>;
export const reasonSchema = z.object({
  reason: multilineText({ message: '请填写原因' })
    .min(2, '请写明原因（至少 2 个字）')
    .max(500, '原因不能超过 500 个字'),
});

// ---------- assignment ----------

export const manualAssignmentSchema = z.object({
  /** The whole new set of judges of one entry. */
  entryId: idSchema,
  judgeIds: z.array(idSchema).max(99),
  /** The organiser has seen the warnings and saves anyway. */
  acceptWarnings: z.boolean().optional(),
});

// ---------- scoring ----------

export const scoreInputSchema = z.object({
  scores: z.record(settingsKeySchema, z.number({ message: '分数应为数字' }).nullable()),
  comment: multilineText().max(1000, '评语不能超过 1000 个字').default(''),
  submit: z.boolean(),
});
export type ScoreInput = z.infer<typeof scoreInputSchema>;

export const conflictDeclareSchema = reasonSchema;

// ---------- results ----------

export const tieDecisionSchema = z.object({
  /** The tied entries in the decided order, best first. */
  order: z.array(idSchema).min(2, '请至少排列两件同分作品'),
  reason: reasonSchema.shape.reason,
});

export const objectionCreateSchema = z.object({
  /** The item's code on the notice (公示 items carry no entry ids). */
  entryCode: z
    .string()
    .regex(/^[A-Z0-9]{4,12}$/, '所选作品不在公示名单中')
    .optional(),
  content: multilineText({ message: '请填写异议内容' })
    .min(5, '异议内容至少 5 个字')
    .max(2000, '异议内容不能超过 2000 个字'),
  contactName: text({ message: '请填写联系人' }).min(1, '请填写联系人').max(30, '联系人不能超过 30 个字'),
  contactPhone: text({ message: '请填写联系电话' }).regex(/^[\d-]{7,20}$/, '联系电话应为 7–20 位数字'),
});
export const objectionAnswerSchema = z.object({
  outcome: z.enum(['upheld', 'dismissed'], { message: '请选择异议处理结果' }),
  reason: reasonSchema.shape.reason,
});
export const objectionOutcomeLabels = { upheld: '异议成立', dismissed: '异议不成立' } as const;

export const signoffSchema = z.object({
  comment: multilineText().max(1000, '意见不能超过 1000 个字').default(''),
  /** The score log head of the results the supervisor looked at: refused if the log moved since. */
  chainHead: z
    .string()
    .regex(/^[0-9a-f]{64}$/, '链头哈希应为 64 位十六进制数')
    .optional(),
});

/** A head copied from a signed paper sheet, the 公示 page or a screenshot, to check against today's log. */
export const chainHeadCheckSchema = z.object({
  head: z
    .string({ message: '请输入链头哈希' })
    .transform((s) => s.replace(/[\s:：]/g, '').toLowerCase())
    .pipe(
      z
        .string()
        .regex(/^[0-9a-f]{12,64}$/, '链头哈希应为 12 到 64 位十六进制数字（0–9、a–f），请核对后再输入'),
    ),
});

/** Mon–Fri after `from` (a YYYY-MM-DD), counting `days` of them: the last day of a notice period. */
export function addWorkingDays(from: string, days: number): string {
  const d = new Date(`${from}T00:00:00Z`);
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) left -= 1;
  }
  return d.toISOString().slice(0, 10);
}
