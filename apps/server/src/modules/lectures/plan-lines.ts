import { findPlanLine } from '../plans/plan-lines.ts';
import type { Db } from './repository.ts';

/**
 * The plan line (宣讲计划条目) a record says it fulfils. Plans belong to modules/plans; this module
 * only asks it, through this interface, which branch and campaign a line belongs to (tests may give
 * their own).
 */
export interface PlanLineLookup {
  find(db: Db, id: string): Promise<{ orgId: string; campaignId: string } | null>;
}

export const plansModuleLines: PlanLineLookup = { find: findPlanLine };

export async function planLineProblems(
  lookup: PlanLineLookup,
  db: Db,
  planLineId: string | null,
  record: { orgId: string; campaignId: string },
) {
  if (!planLineId) return [];
  const line = await lookup.find(db, planLineId);
  if (!line || line.orgId !== record.orgId || line.campaignId !== record.campaignId)
    return [{ path: 'planLineId', message: '对应的计划条目不存在，或不属于本支部在该活动中的计划' }];
  return [];
}
