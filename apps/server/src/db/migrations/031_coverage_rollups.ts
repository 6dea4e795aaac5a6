import { sql, type Kysely } from 'kysely';

/**
 * 人人上讲台 coverage rollups (owned by modules/coverage), kept by the database like org_member_counts
 * (migration 002), so the coverage page at the root of a 300,000-member city reads one row per child
 * org instead of counting lecture records (or summing every branch's row).
 *
 * The rules: for a campaign and an org, coverage = active members now in the org's subtree who are the
 * speaker (speaker_member_id) of at least one *counting* lecture record of the campaign, over all active
 * members now in the subtree. A record counts unless it is returned (status = 'returned') or deleted
 * (deleted_at set). A member counts once, wherever the lecture was held, and in the org they are in
 * now (a member who moved branches takes their lecture along); a deactivated member leaves numerator and
 * denominator; a guest speaker (no member) never counts. Leaders are grouped by their highest position:
 * 书记, else 副书记, else 委员 (组织委员/宣传委员/纪检委员), so a 副书记 who is also 纪检委员 counts once.
 *
 * 1. coverage_speakers (campaign, member): counting records per speaker; a row exists while > 0.
 * 2. coverage_member_counts (org_path): active members, all and per leader group (the denominators).
 * 3. coverage_counts (campaign, org_path): of those, the members who have lectured in the campaign.
 * In 2 and 3 a member adds to the row of every ancestor path of their org_path (`members` …
 * `committee`: the subtree's numbers) and to their own path's `own_*` columns (the org's own members:
 * a branch's 书记 check, a 党总支's own to-do list). Subtree numbers are kept for every org below the top
 * level only: a top-level org (the city) has its own members in its row, and its totals are those plus
 * its children's rows. So no single row is written by every change in the city: writers in different
 * counties or city units never wait for each other.
 *
 * Statement-level triggers with transition tables: a 5,000-row batch is one grouped upsert. Keyed by
 * path and derived from members.org_path, so moving a subtree (which rewrites members.org_path) moves
 * the counts in the same statement (the old ancestors lose them, the new ones gain them). Rows are
 * upserted in key order so concurrent writers lock them in the same order; a lecture write first takes
 * FOR SHARE on its speakers' member rows, so a concurrent move or deactivation of that member either
 * waits for it and then sees its speaker row, or is seen by it (read committed takes a new snapshot per
 * statement inside the trigger).
 */
const COUNTING = `speaker_member_id IS NOT NULL AND status <> 'returned' AND deleted_at IS NULL`;

/** Sums of a delta source with columns (s: ±1, g: leader group) as n, sec, dep, com. */
const GROUP_SUMS = `sum(s)::int AS n, sum(CASE WHEN g = 1 THEN s ELSE 0 END)::int AS sec,
  sum(CASE WHEN g = 2 THEN s ELSE 0 END)::int AS dep, sum(CASE WHEN g = 3 THEN s ELSE 0 END)::int AS com`;

const COLUMNS =
  'members, secretaries, deputies, committee, own_members, own_secretaries, own_deputies, own_committee';
const ADD = COLUMNS.split(', ')
  .map((c) => `${c} = c.${c} + EXCLUDED.${c}`)
  .join(', ');

/**
 * Upserts grouped deltas `d` (key columns, org_path, n, sec, dep, com) into `table` for every ancestor
 * path of org_path (subtree columns, below the top level) and for org_path itself (own columns), then
 * deletes the rows that came to nothing. `keys` are the key columns before org_path ('' or 'campaign_id').
 */
function applyToPaths(table: string, d: string, keys: string, gone: string): string {
  const k = keys ? `${keys}, ` : '';
  const dk = keys ? `d.${keys}, ` : '';
  const sums = `sum(deep * n)::int, sum(deep * sec)::int, sum(deep * dep)::int, sum(deep * com)::int,
    sum(own * n)::int, sum(own * sec)::int, sum(own * dep)::int, sum(own * com)::int`;
  return `
      WITH d AS (${d}),
      e AS (
        SELECT ${dk}left(d.org_path, i) AS prefix,
               CASE WHEN strpos(left(d.org_path, i), '.') < i THEN 1 ELSE 0 END AS deep,
               CASE WHEN i = length(d.org_path) THEN 1 ELSE 0 END AS own, d.n, d.sec, d.dep, d.com
          FROM d CROSS JOIN LATERAL generate_series(1, length(d.org_path)) AS i
         WHERE substr(d.org_path, i, 1) = '.'),
      up AS (
        INSERT INTO ${table} AS c (${k}org_path, ${COLUMNS})
        SELECT ${k}prefix, ${sums} FROM e GROUP BY ${k}prefix
        HAVING sum(deep * n) <> 0 OR sum(deep * sec) <> 0 OR sum(deep * dep) <> 0 OR sum(deep * com) <> 0
            OR sum(own * n) <> 0 OR sum(own * sec) <> 0 OR sum(own * dep) <> 0 OR sum(own * com) <> 0
         ORDER BY ${k}prefix
        ON CONFLICT (${k}org_path) DO UPDATE SET ${ADD}
        RETURNING ${keys ? `c.${keys}, ` : ''}c.org_path, c.members, c.own_members)
      SELECT ${keys ? `array_agg(${keys}) FILTER (WHERE members = 0 AND own_members = 0), ` : ''}array_agg(org_path) FILTER (WHERE members = 0 AND own_members = 0)
        INTO ${keys ? `${gone}_keys, ` : ''}${gone}_paths FROM up;
      IF ${gone}_paths IS NOT NULL THEN
        DELETE FROM ${table} c USING unnest(${keys ? `${gone}_keys, ` : ''}${gone}_paths) AS e(${k}org_path)
         WHERE ${keys ? `c.${keys} = e.${keys} AND ` : ''}c.org_path = e.org_path AND c.members = 0 AND c.own_members = 0;
      END IF;`;
}

/**
 * The members trigger body: `source` yields (member_id, org_path, s, g) for active rows, +1 for new
 * and −1 for old. Unchanged rows of an UPDATE cancel out in the grouping.
 */
function membersBody(source: string): string {
  return `
    DECLARE
      m_paths text[];
      l_keys bigint[];
      l_paths text[];
    BEGIN
      ${applyToPaths(
        'coverage_member_counts',
        `SELECT org_path, ${GROUP_SUMS} FROM (${source}) x GROUP BY org_path`,
        '',
        'm',
      )}
      ${applyToPaths(
        'coverage_counts',
        `SELECT sp.campaign_id, x.org_path, ${GROUP_SUMS}
           FROM (${source}) x JOIN coverage_speakers sp ON sp.member_id = x.member_id AND sp.lectures > 0
          GROUP BY sp.campaign_id, x.org_path`,
        'campaign_id',
        'l',
      )}
      RETURN NULL;
    END`;
}

const memberRows = (table: string, sign: string) =>
  `SELECT id AS member_id, org_path, ${sign} AS s, coverage_leader_group(positions) AS g FROM ${table} WHERE active`;

/** The lecture_records trigger body: `source` yields (campaign_id, member_id, s) for counting rows. */
function lecturesBody(source: string): string {
  return `
    DECLARE
      d_campaigns bigint[];
      d_members bigint[];
      d_deltas int[];
      f_campaigns bigint[];
      f_members bigint[];
      f_flips int[];
      l_keys bigint[];
      l_paths text[];
    BEGIN
      SELECT array_agg(campaign_id ORDER BY campaign_id, member_id), array_agg(member_id ORDER BY campaign_id, member_id),
             array_agg(delta ORDER BY campaign_id, member_id)
        INTO d_campaigns, d_members, d_deltas
        FROM (SELECT campaign_id, member_id, sum(s)::int AS delta FROM (${source}) x
              GROUP BY campaign_id, member_id HAVING sum(s) <> 0) d;
      IF d_campaigns IS NULL THEN RETURN NULL; END IF;

      -- Hold the speakers' member rows still (see the migration's comment) before reading their org.
      PERFORM 1 FROM members WHERE id = ANY (d_members) ORDER BY id FOR SHARE;

      WITH d AS (SELECT * FROM unnest(d_campaigns, d_members, d_deltas) AS d(campaign_id, member_id, delta)),
      up AS (
        INSERT INTO coverage_speakers AS s (campaign_id, member_id, lectures)
        SELECT campaign_id, member_id, delta FROM d ORDER BY campaign_id, member_id
        ON CONFLICT (campaign_id, member_id) DO UPDATE SET lectures = s.lectures + EXCLUDED.lectures
        RETURNING s.campaign_id, s.member_id, s.lectures)
      SELECT array_agg(up.campaign_id), array_agg(up.member_id),
             array_agg(CASE WHEN up.lectures > 0 AND up.lectures - d.delta <= 0 THEN 1
                            WHEN up.lectures <= 0 AND up.lectures - d.delta > 0 THEN -1 ELSE 0 END)
        INTO f_campaigns, f_members, f_flips
        FROM up JOIN d ON d.campaign_id = up.campaign_id AND d.member_id = up.member_id;

      DELETE FROM coverage_speakers s USING unnest(f_campaigns, f_members) AS k(campaign_id, member_id)
       WHERE s.campaign_id = k.campaign_id AND s.member_id = k.member_id AND s.lectures <= 0;

      ${applyToPaths(
        'coverage_counts',
        `SELECT f.campaign_id, m.org_path, ${GROUP_SUMS} FROM (
           SELECT f.campaign_id, f.member_id, f.s FROM unnest(f_campaigns, f_members, f_flips) AS f(campaign_id, member_id, s)
            WHERE f.s <> 0) f
           JOIN (SELECT id, org_path, coverage_leader_group(positions) AS g FROM members WHERE active) m ON m.id = f.member_id
          GROUP BY f.campaign_id, m.org_path`,
        'campaign_id',
        'l',
      )}
      RETURN NULL;
    END`;
}

const lectureRows = (table: string, sign: string) =>
  `SELECT campaign_id, speaker_member_id AS member_id, ${sign} AS s FROM ${table} WHERE ${COUNTING}`;

const fn = (name: string, body: string) =>
  `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$${body}$fn$;`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
    CREATE FUNCTION coverage_leader_group(positions text[]) RETURNS smallint
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT (CASE WHEN '书记' = ANY (positions) THEN 1
                   WHEN '副书记' = ANY (positions) THEN 2
                   WHEN positions && ARRAY['组织委员', '宣传委员', '纪检委员'] THEN 3
                   ELSE 0 END)::smallint $$;

    CREATE TABLE coverage_speakers (
      campaign_id bigint NOT NULL,
      member_id bigint NOT NULL,
      lectures int NOT NULL,
      PRIMARY KEY (campaign_id, member_id)
    );
    CREATE INDEX coverage_speakers_member ON coverage_speakers (member_id);

    CREATE TABLE coverage_member_counts (
      org_path text COLLATE "C" PRIMARY KEY,
      members int NOT NULL DEFAULT 0,
      secretaries int NOT NULL DEFAULT 0,
      deputies int NOT NULL DEFAULT 0,
      committee int NOT NULL DEFAULT 0,
      own_members int NOT NULL DEFAULT 0,
      own_secretaries int NOT NULL DEFAULT 0,
      own_deputies int NOT NULL DEFAULT 0,
      own_committee int NOT NULL DEFAULT 0
    );

    CREATE TABLE coverage_counts (
      campaign_id bigint NOT NULL,
      org_path text COLLATE "C" NOT NULL,
      members int NOT NULL DEFAULT 0,
      secretaries int NOT NULL DEFAULT 0,
      deputies int NOT NULL DEFAULT 0,
      committee int NOT NULL DEFAULT 0,
      own_members int NOT NULL DEFAULT 0,
      own_secretaries int NOT NULL DEFAULT 0,
      own_deputies int NOT NULL DEFAULT 0,
      own_committee int NOT NULL DEFAULT 0,
      PRIMARY KEY (campaign_id, org_path)
    );

    ${fn('coverage_on_members_insert', membersBody(memberRows('new_rows', '1')))}
    ${fn(
      'coverage_on_members_update',
      membersBody(`${memberRows('new_rows', '1')} UNION ALL ${memberRows('old_rows', '-1')}`),
    )}
    ${fn('coverage_on_members_delete', membersBody(memberRows('old_rows', '-1')))}
    ${fn('coverage_on_lectures_insert', lecturesBody(lectureRows('new_rows', '1')))}
    ${fn(
      'coverage_on_lectures_update',
      lecturesBody(`${lectureRows('new_rows', '1')} UNION ALL ${lectureRows('old_rows', '-1')}`),
    )}
    ${fn('coverage_on_lectures_delete', lecturesBody(lectureRows('old_rows', '-1')))}

    -- Backfill from the rows as they are (the same expansion as the triggers'), before they take over.
    INSERT INTO coverage_speakers (campaign_id, member_id, lectures)
      SELECT campaign_id, speaker_member_id, count(*) FROM lecture_records WHERE ${COUNTING}
       GROUP BY campaign_id, speaker_member_id;
    DO $backfill$
    DECLARE
      m_paths text[];
      l_keys bigint[];
      l_paths text[];
    BEGIN
      ${applyToPaths(
        'coverage_member_counts',
        `SELECT org_path, ${GROUP_SUMS} FROM (${memberRows('members', '1')}) x GROUP BY org_path`,
        '',
        'm',
      )}
      ${applyToPaths(
        'coverage_counts',
        `SELECT sp.campaign_id, x.org_path, ${GROUP_SUMS}
           FROM (${memberRows('members', '1')}) x JOIN coverage_speakers sp ON sp.member_id = x.member_id
          GROUP BY sp.campaign_id, x.org_path`,
        'campaign_id',
        'l',
      )}
    END $backfill$;

    CREATE TRIGGER members_coverage_insert AFTER INSERT ON members
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION coverage_on_members_insert();
    CREATE TRIGGER members_coverage_update AFTER UPDATE ON members
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION coverage_on_members_update();
    CREATE TRIGGER members_coverage_delete AFTER DELETE ON members
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION coverage_on_members_delete();
    CREATE TRIGGER lecture_records_coverage_insert AFTER INSERT ON lecture_records
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION coverage_on_lectures_insert();
    CREATE TRIGGER lecture_records_coverage_update AFTER UPDATE ON lecture_records
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION coverage_on_lectures_update();
    CREATE TRIGGER lecture_records_coverage_delete AFTER DELETE ON lecture_records
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION coverage_on_lectures_delete();
  `,
    )
    .execute(db);
}
