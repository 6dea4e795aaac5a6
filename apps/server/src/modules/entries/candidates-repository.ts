import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';
import { likeEscape } from '../org/org-repository.ts';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Active members under any of the prefixes whose name (or phone, for digits) contains the text,
 * by name: the people a unit admin may pick as a speaker.
 */
export function searchMembers(db: Db, f: { prefixes: readonly string[]; q: string; limit: number }) {
  if (f.prefixes.length === 0) return Promise.resolve([]);
  const text = f.q.trim();
  let query = db
    .selectFrom('members as m')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select([
      'm.id',
      'm.name',
      'm.org_path',
      'm.party_status',
      'm.positions',
      'm.active',
      'o.name as org_name',
    ])
    .where('m.active', '=', true)
    .where(({ or }) => or(f.prefixes.map((p) => sql<SqlBool>`m.org_path LIKE ${`${p}%`}`)));
  if (text)
    query = query.where(
      sql<SqlBool>`${sql.ref(/^\d+$/.test(text) ? 'm.phone' : 'm.name')} LIKE ${`%${likeEscape(text)}%`}`,
    );
  return query.orderBy('m.name').orderBy('m.id').limit(f.limit).execute();
}

/** The live (not withdrawn) entries of these members in one stage. */
export function liveEntriesOf(db: Db, campaignId: string, stageKey: string, memberIds: readonly string[]) {
  if (memberIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('entries')
    .select(['member_id', 'title'])
    .where('campaign_id', '=', campaignId)
    .where('stage_key', '=', stageKey)
    .where('member_id', 'in', [...memberIds])
    .where('state', '<>', 'withdrawn')
    .execute();
}
