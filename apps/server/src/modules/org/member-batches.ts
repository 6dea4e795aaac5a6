import { sql } from 'kysely';
import type { Db } from './tables.ts';

/**
 * Members of a subtree (or chosen members of it) read in id order, a batch at a time, for work that
 * walks a whole city (bulk accounts): each read is short and the caller resumes after the last id.
 */
export interface MemberSelection {
  /** Path of the org whose subtree is read. */
  prefix: string;
  /** Only these members (those outside the subtree are left out); null = every member in it. */
  memberIds: string[] | null;
}

export function memberBatch(db: Db, s: MemberSelection, afterId: string, limit: number) {
  return db
    .selectFrom('members')
    .select(['id', 'org_id', 'org_path', 'name', 'phone', 'active'])
    .where('org_path', 'like', `${s.prefix}%`)
    .where(sql<boolean>`id > ${afterId}::bigint`)
    .$if(!!s.memberIds, (q) => q.where('id', 'in', s.memberIds!.length ? s.memberIds! : ['0']))
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function countSelected(db: Db, s: MemberSelection): Promise<number> {
  const row = await db
    .selectFrom('members')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('org_path', 'like', `${s.prefix}%`)
    .$if(!!s.memberIds, (q) => q.where('id', 'in', s.memberIds!.length ? s.memberIds! : ['0']))
    .executeTakeFirstOrThrow();
  return row.n;
}
