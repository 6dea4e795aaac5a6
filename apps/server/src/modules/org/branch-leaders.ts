import { sql } from 'kysely';
import type { Actor } from '../../lib/actor.ts';
import type { Db } from './tables.ts';

/** Positions that lead a branch's season (file its plan, record its lectures). */
export const BRANCH_LEADER_POSITIONS = ['书记', '副书记'] as const;

/** Org types a secretary leads as a branch (党支部, and 党总支 which also holds members). */
export const BRANCH_ORG_TYPES = ['branch', 'general_branch'] as const;

export interface LedBranch {
  orgId: string;
  orgPath: string;
  orgName: string;
}

/**
 * The branches the actor leads as 书记/副书记, through the member record linked to their account:
 * the member is active, in an active branch, and holds one of the leader positions now. A secretary
 * who moves or steps down loses the branch at once, since this is read on every request, not granted.
 * Empty for accounts without a member record. Branch-season policies combine this with the admins'
 * grants (a unit admin acts on the branches of their subtree).
 */
export async function branchesLedBy(db: Db, actor: Pick<Actor, 'memberId'>): Promise<LedBranch[]> {
  if (!actor.memberId) return [];
  const rows = await db
    .selectFrom('members as m')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select(['o.id as orgId', 'o.path as orgPath', 'o.name as orgName'])
    .where('m.id', '=', actor.memberId)
    .where('m.active', '=', true)
    .where('o.active', '=', true)
    .where('o.type', 'in', [...BRANCH_ORG_TYPES])
    .where(sql<boolean>`m.positions && ${sql.val([...BRANCH_LEADER_POSITIONS])}::text[]`)
    .execute();
  return rows;
}
