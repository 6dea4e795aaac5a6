import { z } from 'zod';
import { beijingDateSchema } from './campaign-dates.ts';
import { idSchema } from './org.ts';

/**
 * 附件报表 (the notice's annex tables): 活动统计表 (per child org of a unit, over a period of a campaign),
 * 师资库统计表 and 比赛评分标准, generated from the platform's data; a unit submits its 活动统计表 upwards
 * (报送) and the unit above sees who has.
 */
export const annexKinds = ['activity'] as const;
export type AnnexKind = (typeof annexKinds)[number];
export const annexKindLabels: Record<AnnexKind, string> = { activity: '活动统计表' };

export const annexQuerySchema = z.object({
  campaignId: idSchema,
  orgId: idSchema,
  /** The period's first and last Beijing day; the campaign's season when left out. */
  from: beijingDateSchema.optional(),
  to: beijingDateSchema.optional(),
});
export type AnnexQuery = z.infer<typeof annexQuerySchema>;

export const annexSubmitSchema = annexQuerySchema.extend({
  note: z.string().trim().max(200, '备注不能超过 200 个字').default(''),
});
export type AnnexSubmitInput = z.infer<typeof annexSubmitSchema>;

export const annexRemindSchema = z.object({
  campaignId: idSchema,
  orgId: idSchema,
});

/** One row of 活动统计表: a child org's subtree (or the org's own, 本级) numbers. */
export interface ActivityNumbers {
  branches: number;
  members: number;
  plansFiled: number;
  lectures: number;
  audience: number;
  lecturedMembers: number;
  /** Percent with one decimal; null with no members. */
  coverage: number | null;
  secretaries: number;
  lecturedSecretaries: number;
  /** Entries submitted (submitted or recommended) per stage key. */
  entries: Record<string, number>;
  poolSpeakers: number;
  ordersDelivered: number;
}

export interface ActivityRow {
  org: { id: string; name: string } | null;
  /** 本级: the org's own members and records, not its children's. */
  own: boolean;
  numbers: ActivityNumbers;
}

export interface ActivityTable {
  campaign: { id: string; title: string };
  org: { id: string; name: string };
  period: { from: string; to: string };
  /** The stages entries are counted for, in the campaign's order. */
  stages: { key: string; name: string }[];
  rows: ActivityRow[];
  totals: ActivityNumbers;
  generatedAt: string;
}

export interface AnnexSubmissionItem {
  id: string;
  period: { from: string; to: string };
  submittedAt: string;
  submittedBy: string;
  note: string;
}

/** The unit above's view: each child org, 已报送 (its latest submission) or 未报送. */
export interface AnnexChildStatus {
  org: { id: string; name: string };
  latest: AnnexSubmissionItem | null;
  count: number;
}

export interface AnnexSubmissions {
  /** The org's own submissions, newest first. */
  own: AnnexSubmissionItem[];
  children: AnnexChildStatus[];
  canSubmit: boolean;
  canRemind: boolean;
}
