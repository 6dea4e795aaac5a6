import { sql } from 'kysely';
import type { TestContext } from '../../test/harness.ts';

type Db = TestContext['db'];
type Raw = ReturnType<typeof sql>;

/** A row's path and each ancestor's, where a row adds to a path: every prefix below the top level, and its own. */
const PREFIXES = sql`CROSS JOIN LATERAL generate_series(1, length(x.org_path)) AS i
  WHERE substr(x.org_path, i, 1) = '.' AND (strpos(left(x.org_path, i), '.') < i OR i = length(x.org_path))`;
const BEIJING_WEEK = (d: Raw) => sql`(${d} + ((7 - extract(isodow FROM ${d})::int) % 7))::date`;
const FILED = sql`p.status IN ('submitted', 'accepted')`;
const COUNTING = sql`l.status <> 'returned' AND l.deleted_at IS NULL`;

/**
 * Every season rollup row (migration 041) that differs from a recount over lecture_plans and
 * lecture_records, written independently of the triggers: an empty list means the three tables are
 * right. A path whose numbers are all zero has no row.
 */
export async function seasonDrift(db: Db): Promise<string[]> {
  const diff = async (name: string, stored: Raw, recount: Raw) => {
    const { rows } = await sql<Record<string, unknown>>`
      (SELECT 'stored' AS side, * FROM (${stored} EXCEPT ${recount}) a)
      UNION ALL (SELECT 'recount', * FROM (${recount} EXCEPT ${stored}) b)`.execute(db);
    return rows.map((r) => `${name} ${JSON.stringify(r)}`);
  };
  const lectures = sql`SELECT l.campaign_id, l.org_path, l.status, l.attendance, l.held_on
    FROM lecture_records l WHERE ${COUNTING}`;
  return [
    ...(await diff(
      'plans',
      sql`SELECT campaign_id, org_path::text, filed, accepted FROM season_plan_counts`,
      sql`SELECT campaign_id, left(org_path, i), count(*)::int, (count(*) FILTER (WHERE status = 'accepted'))::int
            FROM (SELECT p.* FROM lecture_plans p WHERE ${FILED}) x ${PREFIXES}
           GROUP BY 1, 2`,
    )),
    ...(await diff(
      'lectures',
      sql`SELECT campaign_id, org_path::text, records, confirmed, attendance::bigint, lectured_orgs, own_records
            FROM season_lecture_counts`,
      sql`SELECT campaign_id, left(org_path, i), count(*)::int, (count(*) FILTER (WHERE status = 'confirmed'))::int,
                 sum(attendance)::bigint, count(DISTINCT org_path)::int,
                 (count(*) FILTER (WHERE i = length(org_path)))::int
            FROM (${lectures}) x ${PREFIXES}
           GROUP BY 1, 2`,
    )),
    ...(await diff(
      'weeks',
      sql`SELECT campaign_id, org_path::text, week_ending, plans_filed, lectures FROM season_week_counts`,
      sql`SELECT campaign_id, prefix, w, sum(plans)::int, sum(lectures)::int FROM (
            SELECT campaign_id, left(org_path, i) AS prefix, w, plans, lectures FROM (
              SELECT p.campaign_id, p.org_path,
                     ${BEIJING_WEEK(sql`((coalesce(p.submitted_at, p.updated_at) AT TIME ZONE 'UTC') + interval '8 hours')::date`)} AS w,
                     1 AS plans, 0 AS lectures
                FROM lecture_plans p WHERE ${FILED}
              UNION ALL
              SELECT l.campaign_id, l.org_path, ${BEIJING_WEEK(sql`l.held_on`)}, 0, 1 FROM lecture_records l WHERE ${COUNTING}
            ) x ${PREFIXES}) y
           GROUP BY 1, 2, 3`,
    )),
  ];
}
