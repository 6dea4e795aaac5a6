import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';
import { pathCopy } from '../../db/path-copies.ts';
import { BRANCH_ORG_TYPES } from '../org/branch-leaders.ts';

export type Db = Kysely<DB> | Transaction<DB>;

/** annex_submissions.org_path follows its org when the tree is restructured. */
export const annexPathCopies = [pathCopy('annex_submissions', 'org_path')];

const under = (path: string) => `${path}%`;

/** A number per org path of the subtree (the caller adds them up per child org). */
export interface PathCount {
  path: string;
  n: number;
  sum?: number;
  key?: string;
}

export function findOrg(db: Db, id: string) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'type', 'path', 'parent_id', 'active'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function childOrgs(db: Db, parentId: string) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'type', 'path', 'active'])
    .where('parent_id', '=', parentId)
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
}

/** Active 党支部 / 党总支 in the subtree. */
export async function branchPaths(db: Db, path: string): Promise<PathCount[]> {
  const rows = await db
    .selectFrom('orgs')
    .select(['path'])
    .where('path', 'like', under(path))
    .where('active', '=', true)
    .where('type', 'in', [...BRANCH_ORG_TYPES])
    .execute();
  return rows.map((r) => ({ path: r.path, n: 1 }));
}

/** Lecture plans handed in (submitted or accepted) for the campaign, per branch. */
export async function plansFiled(db: Db, campaignId: string, path: string): Promise<PathCount[]> {
  const rows = await db
    .selectFrom('lecture_plans')
    .select(['org_path as path', sql<number>`count(*)::int`.as('n')])
    .where('campaign_id', '=', campaignId)
    .where('org_path', 'like', under(path))
    .where('status', 'in', ['submitted', 'accepted'])
    .groupBy('org_path')
    .execute();
  return rows;
}

/** Confirmed, not deleted lecture records held in the period: how many and their attendance. */
export async function lecturesGiven(
  db: Db,
  campaignId: string,
  path: string,
  period: { from: string; to: string },
): Promise<PathCount[]> {
  return db
    .selectFrom('lecture_records')
    .select([
      'org_path as path',
      sql<number>`count(*)::int`.as('n'),
      sql<number>`coalesce(sum(attendance), 0)::int`.as('sum'),
    ])
    .where('campaign_id', '=', campaignId)
    .where('org_path', 'like', under(path))
    .where('status', '=', 'confirmed')
    .where('deleted_at', 'is', null)
    .where('held_on', '>=', period.from)
    .where('held_on', '<=', period.to)
    .groupBy('org_path')
    .execute();
}

/** Entries handed in (submitted or recommended onwards) per unit path and stage. */
export async function entriesSubmitted(db: Db, campaignId: string, path: string): Promise<PathCount[]> {
  return db
    .selectFrom('entries')
    .select(['unit_org_path as path', 'stage_key as key', sql<number>`count(*)::int`.as('n')])
    .where('campaign_id', '=', campaignId)
    .where('unit_org_path', 'like', under(path))
    .where('state', 'in', ['submitted', 'recommended'])
    .groupBy(['unit_org_path', 'stage_key'])
    .execute();
}

/** Active speakers of the pools kept by orgs of the subtree, per pool org. */
export async function poolSpeakers(db: Db, path: string): Promise<PathCount[]> {
  return db
    .selectFrom('pool_speakers as s')
    .innerJoin('speaker_pools as p', 'p.id', 's.pool_id')
    .select(['p.org_path as path', sql<number>`count(*)::int`.as('n')])
    .where('p.org_path', 'like', under(path))
    .where('s.status', '=', 'active')
    .groupBy('p.org_path')
    .execute();
}

/** Orders placed by orgs of the subtree and delivered (or delivered and rated) in the period. */
export async function ordersDelivered(
  db: Db,
  path: string,
  period: { from: string; to: string },
): Promise<PathCount[]> {
  return db
    .selectFrom('lecture_orders as o')
    .innerJoin('orgs as g', 'g.id', 'o.org_id')
    .select(['g.path as path', sql<number>`count(*)::int`.as('n')])
    .where('g.path', 'like', under(path))
    .where('o.state', 'in', ['delivered', 'rated'])
    .where('o.delivered_on', '>=', period.from)
    .where('o.delivered_on', '<=', period.to)
    .groupBy('g.path')
    .execute();
}

export async function insertSubmission(
  db: Db,
  row: {
    orgId: string;
    orgPath: string;
    campaignId: string;
    from: string;
    to: string;
    snapshot: unknown;
    fileId: string;
    submittedBy: string;
    at: Date;
    note: string;
  },
) {
  const r = await db
    .insertInto('annex_submissions')
    .values({
      org_id: row.orgId,
      org_path: row.orgPath,
      campaign_id: row.campaignId,
      kind: 'activity',
      period_from: row.from,
      period_to: row.to,
      snapshot: JSON.stringify(row.snapshot),
      file_id: row.fileId,
      submitted_by: row.submittedBy,
      submitted_at: row.at,
      note: row.note,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

const submissionColumns = [
  's.id',
  's.org_id',
  's.org_path',
  's.campaign_id',
  sql<string>`s.period_from::text`.as('period_from'),
  sql<string>`s.period_to::text`.as('period_to'),
  's.file_id',
  's.submitted_at',
  's.note',
  'u.display_name as submitted_by_name',
] as const;

/** The submissions of a campaign by the given orgs, newest first. */
export function submissionsOf(db: Db, campaignId: string, orgIds: string[]) {
  if (orgIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('annex_submissions as s')
    .innerJoin('users as u', 'u.id', 's.submitted_by')
    .select(submissionColumns)
    .where('s.campaign_id', '=', campaignId)
    .where('s.org_id', 'in', orgIds)
    .orderBy('s.submitted_at', 'desc')
    .orderBy('s.id', 'desc')
    .execute();
}

export function findSubmission(db: Db, id: string) {
  return db
    .selectFrom('annex_submissions as s')
    .innerJoin('users as u', 'u.id', 's.submitted_by')
    .innerJoin('stored_files as f', 'f.id', 's.file_id')
    .select([...submissionColumns, 'f.storage', 'f.storage_key', 'f.size_bytes', 'f.original_name'])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

/**
 * The unit admins' accounts of each org (those a reminder goes to), as a query (`orgIds` not empty)
 * that a caller may combine with others in one statement (the dashboard's reminders).
 */
export function unitAdminsQuery(db: Db, orgIds: readonly string[]) {
  return db
    .selectFrom('role_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select(['g.org_id', 'g.user_id'])
    .where('g.org_id', 'in', [...orgIds])
    .where('g.role', '=', 'unit_admin')
    .where('u.active', '=', true);
}

/** The unit admins' accounts of each org (those a reminder goes to). */
export function unitAdminsOf(db: Db, orgIds: string[]) {
  if (orgIds.length === 0) return Promise.resolve([]);
  return unitAdminsQuery(db, orgIds).execute();
}
