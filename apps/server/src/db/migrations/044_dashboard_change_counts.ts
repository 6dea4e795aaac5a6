import { sql, type Kysely } from 'kysely';

/**
 * Change counters for what the dashboard keeps in memory (owned by modules/dashboard).
 *
 * Ranking a city's ~7,000 branches on plans, lectures and coverage reads every branch's rollup rows,
 * the one part of the dashboard that grows with the city. It and the rollup rows of a subtree's children
 * change only when their inputs do, so they are kept in memory per (campaign, subtree), keyed by the org
 * tree's version
 * (migration 043) and the sum of these counters over the subtree. Every statement that changes an input
 * bumps the counter of the shard it touched, in its own transaction, so a reader sees a new key exactly
 * when it can see the new data (laggard-cache.ts reads the key before and after computing, and keeps
 * the lists only when it did not move).
 *
 * A shard is the top two levels of a path ('1.' or '1.23.', a county or a city unit): writers in
 * different counties bump different rows, as they already write different rollup rows (031, 041), so
 * no row is written by every change in the city. campaign_id 0 counts changes that concern every
 * campaign (members: the coverage denominators and which 党总支 file plans).
 *
 * Inputs and their triggers: season_plan_counts, season_lecture_counts and season_week_counts (041:
 * plans filed, lectures, branches with a lecture, by week — a lecture moved to another week changes only
 * the last), coverage_counts (031: members who lectured, counted where the speaker is now, so
 * bumped where the count moved, not where the lecture was held), lecture_plans (any plan, drafts too,
 * makes a 党总支 file one), members (031's coverage_member_counts and 002's org_member_counts), orgs (names,
 * types, moves: the old and the new place; so a change to one county's orgs leaves the other counties'
 * parts kept, where the tree's version (043) would drop them all). Rows are
 * created by the first bump (a restore loads the backup's rows into an empty table).
 */
const SHARD = `
  CREATE FUNCTION dashboard_shard(p text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN strpos(substr(p, strpos(p, '.') + 1), '.') = 0 THEN p
                ELSE left(p, strpos(p, '.') + strpos(substr(p, strpos(p, '.') + 1), '.')) END $$;`;

const bump = (table: string, campaign: string, rows: string[], path: string) => {
  const name = `dashboard_changed_${table}_${rows.length === 2 ? 'update' : rows[0] === 'new_rows' ? 'insert' : 'delete'}`;
  const source = rows
    .map((r) => `SELECT ${campaign} AS campaign_id, ${path} AS org_path FROM ${r}`)
    .join(' UNION ');
  return `
    CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      INSERT INTO dashboard_change_counts AS c (campaign_id, shard, changes)
      SELECT DISTINCT campaign_id, dashboard_shard(org_path), 1 FROM (${source}) x
       ORDER BY 1, 2
      ON CONFLICT (campaign_id, shard) DO UPDATE SET changes = c.changes + 1;
      RETURN NULL;
    END $fn$;`;
};

const triggers = (table: string, campaign: string, path = 'org_path') =>
  (['insert', 'update', 'delete'] as const)
    .map((op) => {
      const rows = op === 'insert' ? ['new_rows'] : op === 'delete' ? ['old_rows'] : ['old_rows', 'new_rows'];
      const refs =
        op === 'insert'
          ? 'NEW TABLE AS new_rows'
          : op === 'delete'
            ? 'OLD TABLE AS old_rows'
            : 'OLD TABLE AS old_rows NEW TABLE AS new_rows';
      return `${bump(table, campaign, rows, path)}
    CREATE TRIGGER ${table}_dashboard_changed_${op} AFTER ${op.toUpperCase()} ON ${table}
      REFERENCING ${refs} FOR EACH STATEMENT EXECUTE FUNCTION dashboard_changed_${table}_${op}();`;
    })
    .join('\n');

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
    CREATE TABLE dashboard_change_counts (
      campaign_id bigint NOT NULL,
      shard text COLLATE "C" NOT NULL,
      changes bigint NOT NULL,
      PRIMARY KEY (campaign_id, shard)
    );
    ${SHARD}
    ${triggers('season_plan_counts', 'campaign_id')}
    ${triggers('season_lecture_counts', 'campaign_id')}
    ${triggers('season_week_counts', 'campaign_id')}
    ${triggers('coverage_counts', 'campaign_id')}
    ${triggers('lecture_plans', 'campaign_id')}
    ${triggers('members', '0')}
    ${triggers('orgs', '0', 'path')}
    `,
    )
    .execute(db);
}
