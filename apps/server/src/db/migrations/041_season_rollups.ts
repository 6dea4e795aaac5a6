import { sql, type Kysely } from 'kysely';

/**
 * Season rollups for the supervision dashboard (督查看板, owned by modules/dashboard; derived, read-only
 * copies of lecture_plans and lecture_records kept by the database), so the root of a 300,000-member
 * city reads one row per child org instead of counting plans and records.
 *
 * 1. season_plan_counts (campaign, org_path): plans filed (submitted or accepted) and accepted.
 * 2. season_lecture_counts (campaign, org_path): counting lecture records (not returned, not deleted),
 *    confirmed ones, their attendance, and `lectured_orgs`: orgs of the subtree holding at least one
 *    counting record (records are held by branches, so these are the branches with a lecture).
 *    `own_records` is the org's own counting records, kept to see that flip between 0 and > 0.
 * 3. season_week_counts (campaign, org_path, week_ending): plans filed by the Beijing week of their
 *    submission and counting lectures by the week they were held, so the cumulative sum over weeks
 *    ends at today's totals (the series shows the current state by week, not past states).
 * 4. dashboard_reminders: the reminders sent from the dashboard (one per campaign, org, measure and
 *    Beijing day, enforced by the unique key so two clicks at once send one).
 *
 * As in migration 031: a row holds its org's subtree numbers, except a top-level org's row, which holds
 * only its own (its totals add its children's rows), so no single row is written by every change in the
 * city. Statement-level triggers with transition tables make a batch one grouped upsert, in key order so
 * concurrent writers lock rows in the same order; rows that come to nothing are deleted. Keyed by the
 * rows' org_path copies, which org moves rewrite (modules/org/path-copies.ts): the UPDATE trigger sees
 * old and new rows and so moves the counts from the old ancestors to the new ones in the same statement.
 */

/** Beijing is UTC+8 all year: a timestamptz's Beijing date without relying on time zone data. */
const BEIJING_DATE = (col: string) => `((${col} AT TIME ZONE 'UTC') + interval '8 hours')::date`;

const PLAN_ROWS = (t: string, s: string) => `
  SELECT campaign_id, org_path, ${s} AS s, CASE WHEN status = 'accepted' THEN ${s} ELSE 0 END AS a,
         season_week_ending(${BEIJING_DATE('coalesce(submitted_at, updated_at)')}) AS w
    FROM ${t} WHERE status IN ('submitted', 'accepted')`;

const LECTURE_ROWS = (t: string, s: string) => `
  SELECT campaign_id, org_path, ${s} AS s, CASE WHEN status = 'confirmed' THEN ${s} ELSE 0 END AS c,
         ${s} * attendance AS a, season_week_ending(held_on) AS w
    FROM ${t} WHERE status <> 'returned' AND deleted_at IS NULL`;

/**
 * Adds grouped deltas `d` (campaign_id, org_path, [week_ending,] ...cols) to `table` at org_path and
 * each ancestor below the top level, then deletes the rows that came to nothing. `zero` lists every
 * column of the table that must be 0 for a row to go.
 */
function apply(table: string, d: string, cols: string[], week: boolean, zero: string[]): string {
  const keys = week ? 'campaign_id, prefix, week_ending' : 'campaign_id, prefix';
  const conflictKeys = week ? 'campaign_id, org_path, week_ending' : 'campaign_id, org_path';
  const arrays = week ? 'g_campaigns, g_paths, g_weeks' : 'g_campaigns, g_paths';
  const allZero = zero.map((c) => `${c} = 0`).join(' AND ');
  return `
    WITH d AS (${d}),
    e AS (
      SELECT d.*, left(d.org_path, i) AS prefix
        FROM d CROSS JOIN LATERAL generate_series(1, length(d.org_path)) AS i
       WHERE substr(d.org_path, i, 1) = '.'
         AND (strpos(left(d.org_path, i), '.') < i OR i = length(d.org_path))),
    up AS (
      INSERT INTO ${table} AS c (${conflictKeys}, ${cols.join(', ')})
      SELECT ${keys}, ${cols.map((c) => `sum(${c})::${c === 'attendance' ? 'bigint' : 'int'}`).join(', ')}
        FROM e GROUP BY ${keys}
      HAVING ${cols.map((c) => `sum(${c}) <> 0`).join(' OR ')}
       ORDER BY ${keys}
      ON CONFLICT (${conflictKeys}) DO UPDATE SET ${cols.map((c) => `${c} = c.${c} + EXCLUDED.${c}`).join(', ')}
      RETURNING c.*)
    SELECT array_agg(campaign_id) FILTER (WHERE ${allZero}), array_agg(org_path) FILTER (WHERE ${allZero})
           ${week ? `, array_agg(week_ending) FILTER (WHERE ${allZero})` : ''}
      INTO ${arrays} FROM up;
    IF g_paths IS NOT NULL THEN
      DELETE FROM ${table} c USING unnest(${arrays}) AS z(${conflictKeys})
       WHERE c.campaign_id = z.campaign_id AND c.org_path = z.org_path
         ${week ? 'AND c.week_ending = z.week_ending' : ''} AND ${zero.map((x) => `c.${x} = 0`).join(' AND ')};
    END IF;`;
}

const DECLARE = `
  DECLARE
    g_campaigns bigint[];
    g_paths text[];
    g_weeks date[];
    f_campaigns bigint[];
    f_paths text[];
    f_flips int[];`;

function plansBody(source: string): string {
  return `${DECLARE}
  BEGIN
    ${apply(
      'season_plan_counts',
      `SELECT campaign_id, org_path, sum(s) AS filed, sum(a) AS accepted FROM (${source}) x GROUP BY 1, 2`,
      ['filed', 'accepted'],
      false,
      ['filed', 'accepted'],
    )}
    ${apply(
      'season_week_counts',
      `SELECT campaign_id, org_path, w AS week_ending, sum(s) AS plans_filed, 0 AS lectures
         FROM (${source}) x GROUP BY 1, 2, 3`,
      ['plans_filed'],
      true,
      ['plans_filed', 'lectures'],
    )}
    RETURN NULL;
  END`;
}

const LECTURE_COLS = ['records', 'confirmed', 'attendance', 'lectured_orgs', 'own_records'];

function lecturesBody(source: string): string {
  return `${DECLARE}
  BEGIN
    -- The org's own records first (key order), to see which orgs start or stop having a lecture.
    WITH d AS (
      SELECT campaign_id, org_path, sum(s)::int AS n FROM (${source}) x GROUP BY 1, 2 HAVING sum(s) <> 0),
    up AS (
      INSERT INTO season_lecture_counts AS c (campaign_id, org_path, own_records)
      SELECT campaign_id, org_path, n FROM d ORDER BY campaign_id, org_path
      ON CONFLICT (campaign_id, org_path) DO UPDATE SET own_records = c.own_records + EXCLUDED.own_records
      RETURNING c.campaign_id, c.org_path, c.own_records)
    SELECT array_agg(up.campaign_id), array_agg(up.org_path),
           array_agg(CASE WHEN up.own_records > 0 AND up.own_records - d.n <= 0 THEN 1
                          WHEN up.own_records <= 0 AND up.own_records - d.n > 0 THEN -1 ELSE 0 END)
      INTO f_campaigns, f_paths, f_flips
      FROM up JOIN d ON d.campaign_id = up.campaign_id AND d.org_path = up.org_path;

    ${apply(
      'season_lecture_counts',
      `SELECT campaign_id, org_path, sum(s) AS records, sum(c) AS confirmed, sum(a) AS attendance,
              sum(f) AS lectured_orgs, 0 AS own_records
         FROM (SELECT campaign_id, org_path, s, c, a, 0 AS f FROM (${source}) x
               UNION ALL
               SELECT campaign_id, org_path, 0, 0, 0, flip FROM unnest(f_campaigns, f_paths, f_flips)
                 AS u(campaign_id, org_path, flip) WHERE flip <> 0) y
        GROUP BY 1, 2`,
      ['records', 'confirmed', 'attendance', 'lectured_orgs'],
      false,
      LECTURE_COLS,
    )}
    ${apply(
      'season_week_counts',
      `SELECT campaign_id, org_path, w AS week_ending, 0 AS plans_filed, sum(s) AS lectures
         FROM (${source}) x GROUP BY 1, 2, 3`,
      ['lectures'],
      true,
      ['plans_filed', 'lectures'],
    )}
    RETURN NULL;
  END`;
}

const fn = (name: string, body: string) =>
  `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$${body}$fn$;`;

const trigger = (table: string, name: string, op: 'INSERT' | 'UPDATE' | 'DELETE') => {
  const refs =
    op === 'INSERT'
      ? 'NEW TABLE AS new_rows'
      : op === 'DELETE'
        ? 'OLD TABLE AS old_rows'
        : 'OLD TABLE AS old_rows NEW TABLE AS new_rows';
  return `CREATE TRIGGER ${table}_season_${op.toLowerCase()} AFTER ${op} ON ${table}
    REFERENCING ${refs} FOR EACH STATEMENT EXECUTE FUNCTION ${name}_${op.toLowerCase()}();`;
};

const both = (rows: (t: string, s: string) => string) =>
  `${rows('new_rows', '1')} UNION ALL ${rows('old_rows', '-1')}`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
    -- The Sunday ending a date's week (weeks run Monday to Sunday).
    CREATE FUNCTION season_week_ending(d date) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT d + ((7 - extract(isodow FROM d)::int) % 7) $$;

    CREATE TABLE season_plan_counts (
      campaign_id bigint NOT NULL,
      org_path text COLLATE "C" NOT NULL,
      filed int NOT NULL DEFAULT 0,
      accepted int NOT NULL DEFAULT 0,
      PRIMARY KEY (campaign_id, org_path)
    );
    CREATE TABLE season_lecture_counts (
      campaign_id bigint NOT NULL,
      org_path text COLLATE "C" NOT NULL,
      records int NOT NULL DEFAULT 0,
      confirmed int NOT NULL DEFAULT 0,
      attendance bigint NOT NULL DEFAULT 0,
      lectured_orgs int NOT NULL DEFAULT 0,
      own_records int NOT NULL DEFAULT 0,
      PRIMARY KEY (campaign_id, org_path)
    );
    CREATE TABLE season_week_counts (
      campaign_id bigint NOT NULL,
      org_path text COLLATE "C" NOT NULL,
      week_ending date NOT NULL,
      plans_filed int NOT NULL DEFAULT 0,
      lectures int NOT NULL DEFAULT 0,
      PRIMARY KEY (campaign_id, org_path, week_ending)
    );

    -- A reminder sent from the dashboard: at most one per campaign, org and measure each Beijing day.
    CREATE TABLE dashboard_reminders (
      id bigserial PRIMARY KEY,
      campaign_id bigint NOT NULL REFERENCES campaigns(id),
      org_id bigint NOT NULL REFERENCES orgs(id),
      measure text NOT NULL CHECK (measure IN ('plans', 'lectures', 'coverage', 'learning')),
      reminded_on date NOT NULL,
      recipients int NOT NULL,
      sent_by bigint REFERENCES users(id),
      created_at timestamptz NOT NULL,
      UNIQUE (campaign_id, reminded_on, org_id, measure)
    );

    ${fn('season_on_plans_insert', plansBody(PLAN_ROWS('new_rows', '1')))}
    ${fn('season_on_plans_update', plansBody(both(PLAN_ROWS)))}
    ${fn('season_on_plans_delete', plansBody(PLAN_ROWS('old_rows', '-1')))}
    ${fn('season_on_lectures_insert', lecturesBody(LECTURE_ROWS('new_rows', '1')))}
    ${fn('season_on_lectures_update', lecturesBody(both(LECTURE_ROWS)))}
    ${fn('season_on_lectures_delete', lecturesBody(LECTURE_ROWS('old_rows', '-1')))}

    -- Backfill through the same bodies, reading the tables as they are, before the triggers take over.
    DO $backfill$ ${plansBody(PLAN_ROWS('lecture_plans', '1')).replace('RETURN NULL;', '')} $backfill$;
    DO $backfill$ ${lecturesBody(LECTURE_ROWS('lecture_records', '1')).replace('RETURN NULL;', '')} $backfill$;

    ${trigger('lecture_plans', 'season_on_plans', 'INSERT')}
    ${trigger('lecture_plans', 'season_on_plans', 'UPDATE')}
    ${trigger('lecture_plans', 'season_on_plans', 'DELETE')}
    ${trigger('lecture_records', 'season_on_lectures', 'INSERT')}
    ${trigger('lecture_records', 'season_on_lectures', 'UPDATE')}
    ${trigger('lecture_records', 'season_on_lectures', 'DELETE')}
  `,
    )
    .execute(db);
}
