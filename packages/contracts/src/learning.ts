import { z } from 'zod';
import { beijingDateSchema } from './campaign-dates.ts';
import { idSchema, type OrgType } from './org.ts';
import { multilineText, text } from './text.ts';

/**
 * 网上微课堂 honest learning (学习进度) and study tasks (学习任务). The player reports the intervals it
 * actually played; the server merges them per member and lecture and counts unique seconds.
 */

/** The fastest playback that still counts. */
export const MAX_LEARNING_RATE = 1.5;
/** A lecture is 已学完 once this share of its duration has been watched (unique seconds). */
export const COMPLETION_SHARE = 0.9;

/** The rule shown to members, in one sentence. */
export const LEARNING_RULE =
  '只计算页面在前台、未静音、倍速不超过1.5倍时实际播放过的内容，重复观看和拖动进度条不计，累计看满时长的90%即为已学完。';

export const learningReportSchema = z.object({
  intervals: z
    .array(
      z
        .tuple([z.number().min(0).max(86_400), z.number().min(0).max(86_400)])
        .refine(([from, to]) => from <= to, '播放区间的起点不能晚于终点'),
    )
    .max(100, '一次最多报告100段播放区间'),
  rate: z.number().positive('播放倍速必须大于0').max(16),
  visible: z.boolean(),
  muted: z.boolean(),
  /** Where the player stands now (the resume position). */
  position: z.number().min(0).max(86_400).optional(),
});
export type LearningReport = z.infer<typeof learningReportSchema>;

export interface LearningProgressView {
  lectureId: string;
  durationSeconds: number;
  watchedSeconds: number;
  /** Whole percent, rounded down (100 only when everything was watched). */
  percent: number;
  completed: boolean;
  completedAt: string | null;
  resumeSeconds: number;
  rule: string;
}

export interface LearningSessionStarted {
  sessionId: string;
  progress: LearningProgressView;
}

export interface LearningReportResult {
  counted: boolean;
  creditedSeconds: number;
  /** Why (some of) the report did not count, in Chinese; null when it counted in full. */
  reason: string | null;
  progress: LearningProgressView;
}

export const learningTaskCreateSchema = z.object({
  orgId: idSchema,
  title: text().min(1, '请填写任务名称').max(100, '任务名称不能超过100个字'),
  note: multilineText().max(1000, '说明不能超过1000个字').default(''),
  dueOn: beijingDateSchema,
  lectureIds: z
    .array(idSchema)
    .min(1, '请至少选择一节微课')
    .max(50, '一个学习任务最多50节微课')
    .refine((ids) => new Set(ids).size === ids.length, '微课不能重复选择'),
});
export type LearningTaskCreate = z.infer<typeof learningTaskCreateSchema>;

export const learningTaskCancelSchema = z.object({
  reason: multilineText().min(1, '请填写撤销原因').max(500, '撤销原因不能超过500个字'),
});

export const learningTaskDetailQuerySchema = z.object({ orgId: idSchema.optional() });
/** `orgId`: only the tasks reaching into that org's subtree, with the org's numbers. */
export const learningTaskListQuerySchema = z.object({ orgId: idSchema.optional() });

export interface LearningTaskLecture {
  id: string;
  title: string;
  durationSeconds: number;
  /** false once unpublished (已下架): listed with its reason, no longer counted. */
  counting: boolean;
  unpublishReason: string | null;
}

export interface LearningTaskSummary {
  id: string;
  title: string;
  note: string;
  dueOn: string;
  org: { id: string; name: string };
  createdAt: string;
  cancelled: boolean;
  cancelReason: string | null;
  lectureCount: number;
}

/** Person-times in an org's subtree: members a task reaches there, and those who completed it. */
export interface LearningTaskCounts {
  assigned: number;
  completed: number;
}

/**
 * 学习任务 list. Narrowed to an org (`orgId`), each open task carries the org's numbers (`inOrg`, null
 * for a cancelled task) and `org` their sums, as the supervision dashboard counts the org.
 */
export interface LearningTaskList {
  items: (LearningTaskSummary & { inOrg: LearningTaskCounts | null })[];
  org: ({ id: string; name: string } & LearningTaskCounts) | null;
}

export interface LearningOrgRef {
  id: string;
  name: string;
  type: OrgType;
}

export interface LearningCompletion {
  members: number;
  completed: number;
  /** One decimal, rounded down; null when there is nobody or nothing to count. */
  percent: number | null;
}

export interface LearningTaskDetail {
  task: LearningTaskSummary;
  lectures: LearningTaskLecture[];
  org: LearningOrgRef & { isBranch: boolean };
  breadcrumb: LearningOrgRef[];
  totals: LearningCompletion;
  children: (LearningCompletion & { org: LearningOrgRef; isBranch: boolean })[];
  /** Whether the viewer may cancel the task. */
  mayCancel: boolean;
  /** The branches whose 未学完名单 the viewer (their secretary) may open. */
  ledBranchIds: string[];
}

export interface LearningUnfinished {
  task: { id: string; title: string; dueOn: string };
  branch: LearningOrgRef;
  members: { id: string; name: string; completedLectures: number }[];
  countingLectures: number;
}

export interface MyLearningTask extends LearningTaskSummary {
  lectures: (LearningTaskLecture & { watchedSeconds: number; percent: number; completed: boolean })[];
  completed: boolean;
}

/** Completion as a percentage with one decimal, rounded down so that 100% means everyone finished. */
export function completionPercent(completed: number, members: number): number | null {
  if (members <= 0) return null;
  return Math.floor((completed * 1000) / members) / 10;
}

export const assignableLecturesQuerySchema = z.object({
  orgId: idSchema,
  q: text().max(50, '搜索词不能超过50个字').default(''),
});

/** A published lecture every member of the org's subtree may open (the assign form's choices). */
export interface AssignableLecture {
  id: string;
  title: string;
  speakerName: string;
  durationSeconds: number;
  visibility: 'internal' | 'public';
}
