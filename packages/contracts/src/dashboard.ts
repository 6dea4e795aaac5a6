import { z } from 'zod';
import { idSchema } from './org.ts';
import type { CoverageNumbers, CoverageOrgRef } from './coverage.ts';
import type { EntryState } from './entry.ts';

/**
 * 督查看板 (supervision dashboard): one campaign seen from one org, in the viewer's scope. Every number
 * is the org's whole subtree, read from rollups kept by the database (plans and lectures: migration 041;
 * coverage: 031; study tasks: 042) or from small tables (entries, pools, orders), so the city's root
 * answers in milliseconds. Each child org has the same numbers, for the bars, the grid and drill-down.
 */

/** The measures a laggard list and a reminder are about. */
export const dashboardMeasures = ['plans', 'lectures', 'coverage', 'learning'] as const;
export type DashboardMeasure = (typeof dashboardMeasures)[number];
export const dashboardMeasureLabels: Record<DashboardMeasure, string> = {
  plans: '宣讲计划报送',
  lectures: '宣讲开展',
  coverage: '人人上讲台覆盖',
  learning: '学习任务完成',
};

export interface DashboardNumbers {
  /** 宣讲计划: branches of the subtree taking part; of them, plans filed (submitted or accepted), accepted. */
  plans: { branches: number; filed: number; accepted: number };
  /** 宣讲记录 held in the subtree: counting ones (not returned, not deleted), of them confirmed; 听众 total. */
  lectures: { records: number; confirmed: number; attendance: number; branchesWithLecture: number };
  /** 人人上讲台 (same numbers as the coverage page). */
  coverage: CoverageNumbers;
  /** 作品 whose unit is in the subtree, by state. */
  entries: Record<EntryState, number>;
  /** 师资库: active speakers in pools of the subtree's orgs, and those pools' targets summed (null: no target). */
  pool: { speakers: number; target: number | null };
  /** 点单: orders placed by the subtree's orgs (not cancelled), and delivered (delivered or rated). */
  orders: { placed: number; delivered: number };
  /** 学习任务 reaching the subtree (set by the org or an ancestor, not cancelled): member-task pairs and completed pairs. */
  learning: { assigned: number; completed: number };
}

export interface DashboardChild {
  org: CoverageOrgRef;
  isBranch: boolean;
  numbers: DashboardNumbers;
}

/** One org furthest behind on a measure: done of due, rate in % (one decimal, rounded down). */
export interface DashboardLaggard {
  org: CoverageOrgRef;
  isBranch: boolean;
  /** The parent's name, so a branch deep in the tree can be told apart. */
  parentName: string | null;
  done: number;
  of: number;
  rate: number;
  /** A reminder about this measure was sent to this org today (Beijing date): when. */
  remindedAt: string | null;
  /**
   * A reminder would reach someone: the org has a unit admin's account (a branch: a 书记/副书记's).
   * Otherwise the supervisor has to phone. Only worked out for a viewer who may remind (false otherwise).
   */
  reachable: boolean;
}

export interface DashboardLaggardList {
  measure: DashboardMeasure;
  /** Units (the shown org's children) furthest behind, lowest rate first, at most 5. */
  units: DashboardLaggard[];
  /** Branches anywhere in the subtree furthest behind, lowest rate first, at most 10. */
  branches: DashboardLaggard[];
}

/** Cumulative counts at the end of each week of the season (Beijing dates, Mondays' ends: Sundays). */
export interface DashboardWeek {
  weekEnding: string;
  plansFiled: number;
  lectures: number;
}

export interface DashboardMilestone {
  date: string;
  label: string;
}

export interface DashboardRound {
  id: string;
  title: string;
  /** Entries in the round from the subtree; review tasks assigned and submitted for them. */
  entries: number;
  assigned: number;
  submitted: number;
  status: string;
  statusLabel: string;
}

export interface DashboardResult {
  roundId: string;
  roundTitle: string;
  /** Confirmed results only, ranked, entries of the subtree only; only for the round's organisers and supervisors. */
  items: { rank: number; title: string; speakerName: string; unitName: string; score: number | null }[];
}

export interface DashboardView {
  campaign: { id: string; title: string; status: string; startsOn: string | null; endsOn: string | null };
  /** The org shown; null for the top of a viewer whose scope is several participating subtrees. */
  org: (CoverageOrgRef & { isBranch: boolean }) | null;
  overview: boolean;
  /** From the viewer's top down to the shown org's parent. */
  breadcrumb: CoverageOrgRef[];
  totals: DashboardNumbers;
  children: DashboardChild[];
  laggards: DashboardLaggardList[];
  weeks: DashboardWeek[];
  milestones: DashboardMilestone[];
  rounds: DashboardRound[];
  results: DashboardResult[];
  /**
   * The viewer may send reminders: the campaign's organisers and supervisors (督查: reminding is how they
   * act; they change no data) and unit/platform admins over the org.
   */
  canRemind: boolean;
  generatedAt: string;
}

export const dashboardQuerySchema = z.object({
  orgId: idSchema.optional(),
});
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

export const dashboardReminderSchema = z.object({
  orgId: idSchema,
  measure: z.enum(dashboardMeasures, { message: '提醒事项无效' }),
});
export type DashboardReminder = z.infer<typeof dashboardReminderSchema>;

export interface DashboardReminderResult {
  /** Accounts the in-app notice went to (the org's admins, or a branch's 书记). */
  sent: number;
  remindedAt: string;
}
