import { z } from 'zod';
import { idSchema } from './org.ts';
import { multilineText, text } from './text.ts';
import { lectureOccasionSchema, type LectureOccasion } from './season.ts';

/**
 * 宣讲计划 (lecture plans): a branch's plan of the season's lectures for one campaign, filed by its
 * secretary (or the unit admin above it), submitted to and accepted or returned by the unit.
 */
export const lecturePlanStatuses = ['draft', 'submitted', 'returned', 'accepted'] as const;
export type LecturePlanStatus = (typeof lecturePlanStatuses)[number];
/** A branch in the overview: its plan's status, or none filed yet. */
export type PlanFilingStatus = LecturePlanStatus | 'none';
export const planFilingStatusLabels: Record<PlanFilingStatus, string> = {
  none: '未填报',
  draft: '草稿',
  submitted: '已提交',
  returned: '已退回',
  accepted: '已通过',
};

export const planRevisionKindLabels = {
  submitted: '提交',
  returned: '退回',
  accepted: '通过',
  changed: '修改',
} as const;
export type PlanRevisionKind = keyof typeof planRevisionKindLabels;

export const MAX_PLAN_LINES = 200;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const planMonthSchema = z
  .string({ error: '请选择月份' })
  .regex(MONTH, '月份格式应为 YYYY-MM，例如 2026-07');

/** One planned lecture as the form sends it: `key` is made in the browser when the line is added. */
export const planLineInputSchema = z
  .object({
    key: z.string({ error: '缺少计划条目的编号' }).regex(/^[A-Za-z0-9_-]{8,64}$/, '计划条目的编号格式不正确'),
    month: planMonthSchema,
    topic: text({ error: '请填写宣讲题目' }).min(1, '请填写宣讲题目').max(100, '宣讲题目不能超过 100 个字'),
    categoryKey: z.string({ error: '请选择宣讲类别' }).min(1, '请选择宣讲类别').max(32),
    speakerMemberId: idSchema.nullable(),
    guestSpeakerName: text().max(30, '宣讲人姓名不能超过 30 个字').nullable(),
    occasion: lectureOccasionSchema,
  })
  .refine((l) => (l.speakerMemberId === null) !== !l.guestSpeakerName, {
    message: '请选择本支部的一名党员作为宣讲人，或填写一位特邀宣讲人的姓名（二选一）',
    path: ['speakerMemberId'],
  });
export type PlanLineInput = z.infer<typeof planLineInputSchema>;

export const planReasonSchema = (what: string) =>
  multilineText({ error: `请填写${what}` })
    .min(2, `请填写${what}（至少 2 个字）`)
    .max(500, `${what}不能超过 500 个字`);

/** PUT: the whole list of lines (lines left out are taken out of the plan). */
export const savePlanBodySchema = z.object({
  /** Made in the browser per save; the same key again (a retry) is answered without saving twice. */
  saveKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '保存编号格式不正确'),
  /** The plan's version the form was loaded from (null: no plan yet). */
  version: z.number().int().min(1).nullable(),
  lines: z.array(planLineInputSchema).max(MAX_PLAN_LINES, `一个计划最多 ${MAX_PLAN_LINES} 条`),
  /** Required when changing an accepted plan. */
  reason: planReasonSchema('修改原因').optional(),
});
export type SavePlanBody = z.infer<typeof savePlanBodySchema>;

export const returnPlanBodySchema = z.object({ reason: planReasonSchema('退回原因') });
export const remindBodySchema = z.object({
  orgId: idSchema,
  /** One branch; absent = every late branch under orgId. */
  branchId: idSchema.optional(),
});

export interface PlanLine {
  id: string;
  key: string;
  month: string;
  topic: string;
  categoryKey: string;
  speakerMemberId: string | null;
  speakerName: string;
  guestSpeakerName: string | null;
  occasion: LectureOccasion;
}

export interface PlanRevision {
  id: string;
  kind: PlanRevisionKind;
  statusBefore: LecturePlanStatus;
  statusAfter: LecturePlanStatus;
  reason: string | null;
  actorName: string;
  at: string;
  lines: PlanLine[];
}

/** GET /api/campaigns/:campaignId/plans/:orgId */
export interface PlanDetail {
  campaign: { id: string; title: string; startsOn: string; endsOn: string };
  branch: { id: string; name: string };
  required: boolean;
  dueOn: string | null;
  late: boolean;
  status: PlanFilingStatus;
  version: number | null;
  returnReason: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
  decidedByName: string | null;
  lines: PlanLine[];
  revisions: PlanRevision[];
  /** The months a line may be in (the campaign's). */
  months: string[];
  categories: { key: string; name: string }[];
  /** Speaker picker: the branch's active members. */
  members: { id: string; name: string; positions: string[] }[];
  canEdit: boolean;
  canDecide: boolean;
}

/** GET /api/plans/mine: the plans of the branches the signed-in secretary leads. */
export interface MyPlanItem {
  campaignId: string;
  campaignTitle: string;
  branchId: string;
  branchName: string;
  required: boolean;
  dueOn: string | null;
  status: PlanFilingStatus;
  late: boolean;
}

export interface PlanOverviewRow {
  orgId: string;
  name: string;
  status: PlanFilingStatus;
  late: boolean;
  lineCount: number;
  submittedAt: string | null;
  /** Accounts of the branch's 书记/副书记 a reminder reaches. */
  secretaryAccounts: number;
}

/** GET /api/campaigns/:campaignId/plan-overview?orgId= */
export interface PlanOverview {
  campaign: { id: string; title: string };
  org: { id: string; name: string };
  required: boolean;
  dueOn: string | null;
  counts: Record<PlanFilingStatus, number> & { total: number; late: number };
  rows: PlanOverviewRow[];
  canRemind: boolean;
}

/** POST /api/campaigns/:campaignId/plan-reminders */
export interface PlanReminderResult {
  notified: { orgId: string; name: string; accounts: number }[];
  /** Branches with no 书记/副书记 account to notify. */
  noAccount: { orgId: string; name: string }[];
}

/** The months from one Beijing date to another: 2026-07-13 … 2026-10-31 → 2026-07 … 2026-10. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const end = to.slice(0, 7);
  for (let i = 0; i < 120; i++) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > end) break;
    out.push(key);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}
