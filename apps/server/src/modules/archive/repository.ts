import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { ArchiveCategory } from '@jiangtai/contracts';
import type { DB, OrgType } from '../../db/types.ts';

export type Db = Kysely<DB> | Transaction<DB>;

/** Reads other modules' tables only; the archive owns no table. */

export function findOrg(db: Db, id: string) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'path', 'type', 'active'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findCampaign(db: Db, id: string) {
  return db
    .selectFrom('campaigns')
    .select(['id', 'title', 'status', 'organiser_org_path', 'settings'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export interface ItemRow {
  category: ArchiveCategory;
  id: string;
  day: string;
  org_id: string;
  org_name: string;
  org_path: string;
  title: string;
  detail: string;
}

export interface Span {
  campaignId: string;
  /** The org's path: its whole subtree. */
  path: string;
  /** The campaign's season (Beijing days): pool changes and orders, which are not per campaign. */
  seasonFrom: string;
  seasonTo: string;
  category?: ArchiveCategory;
  from?: string;
  to?: string;
}

const BJ = sql.lit('Asia/Shanghai');
const dayOf = (ts: RawBuilder<unknown>) => sql`to_char(${ts} AT TIME ZONE ${BJ}, 'YYYY-MM-DD')`;

/**
 * One SELECT per category, all with the same columns; the timeline and the zip read the union. A plan
 * counts as handed in while submitted or accepted (as plans and the dashboard count it): a returned one
 * keeps its submitted_at but is not filed.
 */
function parts(s: Span): Record<Exclude<ArchiveCategory, 'certificate'>, RawBuilder<unknown>> {
  const like = `${s.path}%`;
  return {
    plan: sql`SELECT 'plan' AS category, p.id::text AS id, ${dayOf(sql`p.submitted_at`)} AS day,
        o.id::text AS org_id, o.name AS org_name, o.path AS org_path, o.name || '宣讲计划' AS title,
        (SELECT count(*) FROM lecture_plan_lines l WHERE l.plan_id = p.id AND l.removed_at IS NULL) || ' 场计划宣讲' AS detail
      FROM lecture_plans p JOIN orgs o ON o.id = p.org_id
      WHERE p.campaign_id = ${s.campaignId} AND p.org_path LIKE ${like} AND p.submitted_at IS NOT NULL
        AND p.status IN ('submitted', 'accepted')`,
    lecture: sql`SELECT 'lecture', r.id::text, to_char(r.held_on, 'YYYY-MM-DD'), o.id::text, o.name, o.path, r.topic,
        r.attendance || ' 人参加' || coalesce('，宣讲人 ' || coalesce(m.name, r.guest_speaker_name), '')
      FROM lecture_records r JOIN orgs o ON o.id = r.org_id LEFT JOIN members m ON m.id = r.speaker_member_id
      WHERE r.campaign_id = ${s.campaignId} AND r.org_path LIKE ${like} AND r.deleted_at IS NULL AND r.status <> 'returned'`,
    entry: sql`SELECT 'entry', e.id::text,
        ${dayOf(sql`coalesce((SELECT min(ev.at) FROM entry_events ev WHERE ev.entry_id = e.id AND ev.to_state = 'submitted'), e.created_at)`)},
        o.id::text, o.name, o.path, e.title, '宣讲人 ' || m.name
      FROM entries e JOIN orgs o ON o.id = e.unit_org_id JOIN members m ON m.id = e.member_id
      WHERE e.campaign_id = ${s.campaignId} AND e.unit_org_path LIKE ${like} AND e.state IN ('submitted', 'recommended')`,
    result: sql`SELECT 'result', i.id::text, ${dayOf(sql`l.published_at`)}, o.id::text, o.name, o.path,
        i.tier || '：' || coalesce(m.name || '《' || e.title || '》', o.name),
        coalesce('第 ' || i.rank || ' 名', '') || coalesce('，' || i.points || ' 分', '')
      FROM award_items i JOIN award_lists l ON l.id = i.list_id JOIN orgs o ON o.id = i.org_id
      LEFT JOIN entries e ON e.id = i.entry_id LEFT JOIN members m ON m.id = e.member_id
      WHERE l.campaign_id = ${s.campaignId} AND l.published_at IS NOT NULL AND o.path LIKE ${like}
        AND (e.id IS NULL OR e.state NOT IN ('withdrawn', 'returned'))`,
    pool: sql`SELECT 'pool', ev.id::text, ${dayOf(sql`ev.created_at`)}, o.id::text, o.name, o.path,
        ps.name || CASE ev.action WHEN 'left' THEN ' 退出' WHEN 'retired' THEN ' 退出' ELSE ' 加入' END || sp.name,
        coalesce(ev.reason, '')
      FROM pool_speaker_events ev JOIN pool_speakers ps ON ps.id = ev.speaker_id
      JOIN speaker_pools sp ON sp.id = ps.pool_id JOIN orgs o ON o.id = sp.org_id
      WHERE sp.org_path LIKE ${like} AND ev.action IN ('added', 'approved', 'rejoined', 'left', 'retired')
        AND ${dayOf(sql`ev.created_at`)} BETWEEN ${s.seasonFrom} AND ${s.seasonTo}`,
    order: sql`SELECT 'order', lo.id::text, to_char(lo.delivered_on, 'YYYY-MM-DD'), o.id::text, o.name, o.path, lo.topic,
        coalesce(lo.attendance || ' 人参加', '') || coalesce('，宣讲人 ' || ps.name, '')
      FROM lecture_orders lo JOIN orgs o ON o.id = lo.org_id LEFT JOIN pool_speakers ps ON ps.id = lo.speaker_id
      WHERE o.path LIKE ${like} AND lo.state IN ('delivered', 'rated') AND lo.delivered_on IS NOT NULL
        AND to_char(lo.delivered_on, 'YYYY-MM-DD') BETWEEN ${s.seasonFrom} AND ${s.seasonTo}`,
  };
}

/** The subtree's material of the campaign in date order (newest first), filtered, one page or all. */
export async function listItems(db: Db, s: Span, page?: { limit: number; offset: number }) {
  const all = parts(s);
  // Certificates are the results' files: filtering by them shows the results.
  const cat = s.category === 'certificate' ? 'result' : s.category;
  const chosen = cat ? [all[cat]] : Object.values(all);
  const union = sql.join(chosen, sql` UNION ALL `);
  const { rows } = await sql<ItemRow>`
    SELECT * FROM (${union}) AS x(category, id, day, org_id, org_name, org_path, title, detail)
     WHERE (${s.from ?? null}::text IS NULL OR x.day >= ${s.from ?? null})
       AND (${s.to ?? null}::text IS NULL OR x.day <= ${s.to ?? null})
     ORDER BY x.day DESC, x.category, x.id::bigint DESC
     ${page ? sql`LIMIT ${page.limit} OFFSET ${page.offset}` : sql``}`.execute(db);
  return rows;
}

const fileCols = [
  'f.id as file_id',
  'f.detected_type',
  'f.size_bytes',
  'f.storage',
  'f.storage_key',
  'f.original_name',
] as const;

/** Photos, videos and manuscripts kept with the records. */
export function lectureFiles(db: Db, recordIds: string[]) {
  if (!recordIds.length) return Promise.resolve([]);
  return db
    .selectFrom('lecture_record_files as rf')
    .innerJoin('stored_files as f', 'f.id', 'rf.file_id')
    .select(['rf.id', 'rf.record_id', 'rf.kind', 'rf.thumb_file_id', ...fileCols])
    .where('rf.record_id', 'in', recordIds)
    .where('rf.removed_at', 'is', null)
    .orderBy('rf.id')
    .execute();
}

/** The entries' current materials. */
export function entryFiles(db: Db, entryIds: string[]) {
  if (!entryIds.length) return Promise.resolve([]);
  return db
    .selectFrom('entry_materials as em')
    .innerJoin('stored_files as f', 'f.id', 'em.file_id')
    .innerJoin('entries as e', 'e.id', 'em.entry_id')
    .innerJoin('members as m', 'm.id', 'e.member_id')
    .innerJoin('campaigns as c', 'c.id', 'e.campaign_id')
    .select([
      'em.id',
      'em.entry_id',
      'em.material',
      'm.name as speaker_name',
      'e.member_id',
      'e.unit_org_path',
      'c.organiser_org_path',
      ...fileCols,
    ])
    .where('em.entry_id', 'in', entryIds)
    .where('em.current', '=', true)
    .orderBy('em.id')
    .execute();
}

/** The plans' lines (not removed), for the plan's sheet in the zip. */
export function planLines(db: Db, planIds: string[]) {
  if (!planIds.length) return Promise.resolve([]);
  return db
    .selectFrom('lecture_plan_lines as l')
    .leftJoin('members as m', 'm.id', 'l.speaker_member_id')
    .select([
      'l.plan_id',
      'l.month',
      'l.topic',
      'l.category_key',
      'l.occasion',
      'm.name as speaker',
      'l.guest_speaker_name',
    ])
    .where('l.plan_id', 'in', planIds)
    .where('l.removed_at', 'is', null)
    .orderBy('l.plan_id')
    .orderBy('l.sort_order')
    .execute();
}

/** Lecture records' own text (the timeline row has the rest). */
export function lectureTexts(db: Db, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('lecture_records')
    .select(['id', 'occasion', 'category_key', 'summary', 'attendance'])
    .where('id', 'in', ids)
    .execute();
}

/** Award items with what a certificate prints, and the round for its download route. */
export function awardItems(db: Db, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('award_items as i')
    .innerJoin('award_lists as l', 'l.id', 'i.list_id')
    .innerJoin('orgs as o', 'o.id', 'i.org_id')
    .innerJoin('review_rounds as r', 'r.id', 'l.round_id')
    .innerJoin('campaigns as c', 'c.id', 'l.campaign_id')
    .leftJoin('entries as e', 'e.id', 'i.entry_id')
    .leftJoin('members as m', 'm.id', 'e.member_id')
    .select([
      'i.id',
      'i.kind',
      'r.scope_org_path',
      'c.organiser_org_path',
      'i.tier',
      'i.certificate_no',
      'i.verify_code',
      'l.id as list_id',
      'l.round_id',
      'l.issuer',
      'l.issued_on',
      'l.published_at',
      'o.name as unit_name',
      'm.name as speaker_name',
      'e.title',
    ])
    .where('i.id', 'in', ids)
    .execute();
}

/** Orgs of a subtree: the zip's 单位 folder is the nearest unit, county or system above an item. */
export function subtreeOrgs(db: Db, path: string) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'path', 'type'])
    .where('path', 'like', `${path}%`)
    .execute() as Promise<{ id: string; name: string; path: string; type: OrgType }[]>;
}
