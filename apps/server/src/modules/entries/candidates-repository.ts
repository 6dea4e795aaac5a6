import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';

type Db = Kysely<DB> | Transaction<DB>;

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
