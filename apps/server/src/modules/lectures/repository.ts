import { sql, type Kysely, type Transaction } from 'kysely';
import type { CampaignSettings } from '@jiangtai/contracts';
import type { Insertable, Updateable } from 'kysely';
import type { DB, LectureRecordAttendeesTable, LectureRecordsTable } from '../../db/types.ts';
import { pathCopy } from '../../db/path-copies.ts';
import { BRANCH_ORG_TYPES } from '../org/branch-leaders.ts';
import type { ListScope } from './policy.ts';

export type Db = Kysely<DB> | Transaction<DB>;

/** lecture_records.org_path follows its branch when the tree is restructured. */
export const lecturePathCopies = [pathCopy('lecture_records', 'org_path')];

function selectRecords(db: Db) {
  return db
    .selectFrom('lecture_records as r')
    .innerJoin('campaigns as c', 'c.id', 'r.campaign_id')
    .innerJoin('orgs as o', 'o.id', 'r.org_id')
    .leftJoin('members as sm', 'sm.id', 'r.speaker_member_id')
    .select([
      'r.id',
      'r.campaign_id',
      'r.org_id',
      'r.org_path',
      // A date column reads as a JS Date (midnight UTC); the calendar day is what is meant.
      sql<string>`r.held_on::text`.as('held_on'),
      'r.occasion',
      'r.topic',
      'r.category_key',
      'r.speaker_member_id',
      'r.guest_speaker_name',
      'r.attendance',
      'r.summary',
      'r.plan_line_id',
      'r.status',
      'r.return_reason',
      'r.created_by',
      'r.created_at',
      'r.updated_at',
      'r.decided_by',
      'r.decided_at',
      'r.deleted_at',
      'r.deleted_by',
      'r.delete_reason',
      'c.title as campaign_title',
      'c.organiser_org_path as campaign_organiser_path',
      'c.settings as campaign_settings',
      'o.name as org_name',
      'sm.name as speaker_name',
      (eb) =>
        eb
          .selectFrom('lecture_record_files as f')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('f.record_id', '=', 'r.id')
          .where('f.kind', '=', 'photo')
          .where('f.removed_at', 'is', null)
          .as('photo_count'),
    ]);
}

export type RecordRow = NonNullable<Awaited<ReturnType<typeof findRecord>>>;

export async function findRecord(db: Db, id: string, forUpdate = false) {
  let q = selectRecords(db).where('r.id', '=', id);
  if (forUpdate) q = q.forUpdate('r');
  const row = await q.executeTakeFirst();
  return row && { ...row, campaign_settings: row.campaign_settings as CampaignSettings };
}

export function findIdByClientKey(db: Db, clientKey: string) {
  return db
    .selectFrom('lecture_records')
    .select(['id', 'created_by'])
    .where('client_key', '=', clientKey)
    .executeTakeFirst();
}

export async function insertRecord(db: Db, values: Insertable<LectureRecordsTable>) {
  const row = await db.insertInto('lecture_records').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export function updateRecord(
  db: Db,
  id: string,
  patch: Updateable<LectureRecordsTable> & { updated_at: Date },
) {
  return db.updateTable('lecture_records').set(patch).where('id', '=', id).execute();
}

export interface ListFilters {
  orgId?: string;
  /** The path of the org whose subtree's records are wanted (checked against the scope by the caller). */
  underPath?: string;
  campaignId?: string;
  status?: 'recorded' | 'confirmed' | 'returned' | 'deleted' | 'counted';
  page: number;
  pageSize: number;
}

/** Records inside the list scope (see policy.listScope), newest lecture first. */
export async function listRecords(db: Db, scope: ListScope, f: ListFilters) {
  const visible = (deleted: boolean) =>
    sql<boolean>`(${sql.join(
      [
        ...(deleted ? [] : scope.ledOrgIds.map((id) => sql`r.org_id = ${id}`)),
        ...scope.adminPrefixes.map((p) => sql`r.org_path LIKE ${`${p}%`}`),
        ...(deleted ? [] : scope.readerPrefixes.map((p) => sql`c.organiser_org_path LIKE ${`${p}%`}`)),
        ...(deleted ? [] : scope.subtreeReaderPrefixes.map((p) => sql`r.org_path LIKE ${`${p}%`}`)),
        sql`false`,
      ],
      sql` OR `,
    )})`;
  let q = selectRecords(db);
  if (f.status === 'deleted') q = q.where('r.deleted_at', 'is not', null).where(visible(true));
  else {
    q = q.where('r.deleted_at', 'is', null).where(visible(false));
    if (f.status === 'counted') q = q.where('r.status', '<>', 'returned');
    else if (f.status) q = q.where('r.status', '=', f.status);
  }
  if (f.orgId) q = q.where('r.org_id', '=', f.orgId);
  if (f.underPath) q = q.where('r.org_path', 'like', `${f.underPath}%`);
  if (f.campaignId) q = q.where('r.campaign_id', '=', f.campaignId);
  const rows = await q
    .select(sql<number>`count(*) over ()`.as('total'))
    .orderBy('r.held_on', 'desc')
    .orderBy('r.id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return rows.map((r) => ({ ...r, campaign_settings: r.campaign_settings as CampaignSettings }));
}

/** A member's own lectures (they spoke), not deleted. */
export async function listBySpeaker(db: Db, memberId: string) {
  const rows = await selectRecords(db)
    .where('r.speaker_member_id', '=', memberId)
    .where('r.deleted_at', 'is', null)
    .orderBy('r.held_on', 'desc')
    .orderBy('r.id', 'desc')
    .limit(500)
    .execute();
  return rows.map((r) => ({ ...r, campaign_settings: r.campaign_settings as CampaignSettings }));
}

// ---- the branch ----

/** Any org (the list's subtree filter); the caller checks it against the actor's scope. */
export function findOrg(db: Db, id: string) {
  return db.selectFrom('orgs').select(['id', 'path', 'name']).where('id', '=', id).executeTakeFirst();
}

export function findBranch(db: Db, orgId: string) {
  return db
    .selectFrom('orgs')
    .select(['id', 'path', 'name', 'type', 'active'])
    .where('id', '=', orgId)
    .where('type', 'in', [...BRANCH_ORG_TYPES])
    .executeTakeFirst();
}

export function activeMembers(db: Db, orgId: string) {
  return db
    .selectFrom('members')
    .select(['id', 'name', 'positions'])
    .where('org_id', '=', orgId)
    .where('active', '=', true)
    .orderBy('id')
    .execute();
}

export function publishedCampaigns(db: Db) {
  return db
    .selectFrom('campaigns')
    .select(['id', 'title', 'status', 'organiser_org_path', 'settings'])
    .where('status', '=', 'published')
    .orderBy('id', 'desc')
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, settings: r.settings as CampaignSettings })));
}

export function userNames(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve(new Map<string, string>());
  return db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', ids)
    .execute()
    .then((rows) => new Map(rows.map((r) => [r.id, r.display_name])));
}

// ---- attendees ----

export function listAttendees(db: Db, recordId: string) {
  return db
    .selectFrom('lecture_record_attendees as a')
    .innerJoin('members as m', 'm.id', 'a.member_id')
    .select(['m.id', 'm.name'])
    .where('a.record_id', '=', recordId)
    .orderBy('m.id')
    .execute();
}

export async function replaceAttendees(db: Db, recordId: string, memberIds: string[]) {
  await db.deleteFrom('lecture_record_attendees').where('record_id', '=', recordId).execute();
  if (memberIds.length)
    await db
      .insertInto('lecture_record_attendees')
      .values(memberIds.map((member_id) => ({ record_id: recordId, member_id })))
      .execute();
}

// ---- corrections ----

export function insertCorrection(
  db: Db,
  c: { recordId: string; reason: string; before: object; after: object; by: string; at: Date },
) {
  return db
    .insertInto('lecture_record_corrections')
    .values({
      record_id: c.recordId,
      reason: c.reason,
      before: JSON.stringify(c.before),
      after: JSON.stringify(c.after),
      corrected_by: c.by,
      corrected_at: c.at,
    })
    .execute();
}

export function listCorrections(db: Db, recordId: string) {
  return db
    .selectFrom('lecture_record_corrections as k')
    .innerJoin('users as u', 'u.id', 'k.corrected_by')
    .select(['k.id', 'k.reason', 'k.before', 'k.after', 'k.corrected_at', 'u.display_name'])
    .where('k.record_id', '=', recordId)
    .orderBy('k.id')
    .execute();
}

// ---- bulk inserts for a trusted seed (the demo city's season); no rules are applied here ----

const BULK = 500;

/** Records as they are, in multi-row inserts; answers each record's id by its client key. */
export async function insertRecordsBulk(db: Db, rows: Insertable<LectureRecordsTable>[]) {
  const out: { id: string; client_key: string | null }[] = [];
  for (let i = 0; i < rows.length; i += BULK)
    out.push(
      ...(await db
        .insertInto('lecture_records')
        .values(rows.slice(i, i + BULK))
        .returning(['id', 'client_key'])
        .execute()),
    );
  return out;
}

export async function insertAttendeesBulk(db: Db, rows: Insertable<LectureRecordAttendeesTable>[]) {
  for (let i = 0; i < rows.length; i += BULK)
    await db
      .insertInto('lecture_record_attendees')
      .values(rows.slice(i, i + BULK))
      .execute();
}
