import type { Db } from './repository.ts';

/**
 * The plan line (宣讲计划条目) a record says it fulfils. Plans belong to modules/plans; this module
 * only asks it, through this interface, which branch and campaign a line belongs to. Until the plans
 * module provides a lookup, none is known and a record that names one is refused.
 */
export interface PlanLineLookup {
  find(db: Db, id: string): Promise<{ orgId: string; campaignId: string } | null>;
}

export const noPlanLines: PlanLineLookup = { find: async () => null };

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
