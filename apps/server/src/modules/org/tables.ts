import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';

/** Members per org path, maintained by triggers (migration 002_org_counts_and_codes). */
export interface OrgMemberCountsTable {
  org_path: string;
  active_count: number;
  total_count: number;
}

export type OrgTables = DB & { org_member_counts: OrgMemberCountsTable };
export type Db = Kysely<DB> | Transaction<DB>;

/** The shared DB types plus this module's own tables. */
export const withOrgTables = (db: Db): Kysely<OrgTables> =>
  db.withTables<{ org_member_counts: OrgMemberCountsTable }>();
