import type { MySpeakerRow } from '@jiangtai/contracts';
import type { Actor } from '../../lib/actor.ts';
import type { Db } from './repository.ts';

/**
 * 我的师资库: the pools whose active speaker is the actor's own member record. Anyone signed in may
 * ask; an account without a member record, or a member who is nobody's speaker, gets an empty list.
 */
export async function mySpeakerRows(db: Db, actor: Actor): Promise<{ items: MySpeakerRow[] }> {
  if (!actor.memberId) return { items: [] };
  const rows = await db
    .selectFrom('pool_speakers as s')
    .innerJoin('speaker_pools as p', 'p.id', 's.pool_id')
    .innerJoin('orgs as o', 'o.id', 'p.org_id')
    .select(['s.id', 'p.id as pool_id', 'p.name as pool_name', 'o.name as org_name'])
    .where('s.member_id', '=', actor.memberId)
    .where('s.status', '=', 'active')
    .orderBy('o.path')
    .orderBy('s.id')
    .execute();
  return {
    items: rows.map((r) => ({ id: r.id, pool: { id: r.pool_id, name: r.pool_name, orgName: r.org_name } })),
  };
}
