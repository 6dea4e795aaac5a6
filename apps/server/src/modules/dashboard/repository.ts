import { sql } from 'kysely';
import type { DashboardMeasure } from '@jiangtai/contracts';
import type { Db } from '../org/tables.ts';

/**
 * The dashboard's own tables (migration 041): the season rollups, read by path range, and the
 * reminders sent. A subtree's rows are few (one per org with a plan or a lecture, and its ancestors).
 */
const range = (path: string) =>
  sql`org_path >= ${path} COLLATE "C" AND org_path < ${`${path.slice(0, -1)}/`} COLLATE "C"`;

export interface SeasonRow {
  path: string;
  filed: number;
  accepted: number;
  records: number;
  confirmed: number;
  attendance: number;
  lecturedOrgs: number;
}

/** Every plan and lecture rollup row of a subtree, merged by path. */
export async function seasonRows(db: Db, campaignId: string, path: string): Promise<SeasonRow[]> {
  const { rows } = await sql<{
    path: string;
    filed: number | null;
    accepted: number | null;
    records: number | null;
    confirmed: number | null;
    attendance: string | null;
    lectured_orgs: number | null;
  }>`
    SELECT coalesce(p.org_path, l.org_path) AS path, p.filed, p.accepted, l.records, l.confirmed,
           l.attendance, l.lectured_orgs
      FROM (SELECT * FROM season_plan_counts WHERE campaign_id = ${campaignId} AND ${range(path)}) p
      FULL JOIN (SELECT * FROM season_lecture_counts WHERE campaign_id = ${campaignId} AND ${range(path)}) l
        ON l.org_path = p.org_path`.execute(db);
  return rows.map((r) => ({
    path: r.path,
    filed: r.filed ?? 0,
    accepted: r.accepted ?? 0,
    records: r.records ?? 0,
    confirmed: r.confirmed ?? 0,
    attendance: Number(r.attendance ?? 0),
    lecturedOrgs: r.lectured_orgs ?? 0,
  }));
}

/**
 * Plans filed and lectures per week for an org's subtree: its own row below the top level; at the top
 * level (whose row holds only its own) that row plus its children's.
 */
export async function weekRows(db: Db, campaignId: string, path: string) {
  const top = /^\d+\.$/.test(path);
  const { rows } = await sql<{ week: string; plans: number; lectures: number }>`
    SELECT week_ending::text AS week, sum(plans_filed)::int AS plans, sum(lectures)::int AS lectures
      FROM season_week_counts
     WHERE campaign_id = ${campaignId}
       AND ${top ? sql`${range(path)} AND org_path ~ ${`^${path.replace('.', '\\.')}[0-9]+\\.$|^${path.replace('.', '\\.')}$`}` : sql`org_path = ${path}`}
     GROUP BY week_ending ORDER BY week_ending`.execute(db);
  return rows.map((r) => ({ week: r.week, plans: Number(r.plans), lectures: Number(r.lectures) }));
}

/** Reminders sent today (a Beijing date) in a campaign, for the laggard lists' `remindedAt`. */
export function remindersOn(db: Db, campaignId: string, day: string) {
  return db
    .selectFrom('dashboard_reminders')
    .select(['org_id', 'measure', 'created_at'])
    .where('campaign_id', '=', campaignId)
    .where('reminded_on', '=', day)
    .execute();
}

/** Records a reminder; false when one for the same org and measure was already sent that day. */
export async function insertReminder(
  db: Db,
  r: {
    campaignId: string;
    orgId: string;
    measure: DashboardMeasure;
    day: string;
    recipients: number;
    by: string;
    now: Date;
  },
): Promise<boolean> {
  const row = await db
    .insertInto('dashboard_reminders')
    .values({
      campaign_id: r.campaignId,
      org_id: r.orgId,
      measure: r.measure,
      reminded_on: r.day,
      recipients: r.recipients,
      sent_by: r.by,
      created_at: r.now,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
