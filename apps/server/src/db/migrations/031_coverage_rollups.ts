import { sql, type Kysely } from 'kysely';

/**
 * 人人上讲台 coverage rollups (owned by modules/coverage), kept by the database like org_member_counts
 * (migration 002), so the coverage page at the root of a 300,000-member city sums at most one row per
 * org instead of counting lecture records.
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
 * 2. coverage_member_counts (org_path): active members per path, all and per leader group (denominators).
 * 3. coverage_counts (campaign, org_path): active members per path who have lectured in the campaign.
 *
 * Statement-level triggers with transition tables: a 5,000-row batch is one grouped upsert. Keyed by the
 * member's org_path, so moving a subtree (which rewrites members.org_path) moves the counts in the same
 * statement. Rows are upserted in key order so concurrent writers lock them in the same order; a lecture
 * write first takes FOR SHARE on its speakers' member rows, so a concurrent move or deactivation of that
 * member either waits for it and then sees its speaker row, or is seen by it (read committed takes a new
 * snapshot per statement inside the trigger).
 */
const COUNTING = `speaker_member_id IS NOT NULL AND status <> 'returned' AND deleted_at IS NULL`;

/** Sums of a delta source with columns (s: ±1, g: leader group) as the four count columns. */
const SUMS = `sum(s)::int, sum(CASE WHEN g = 1 THEN s ELSE 0 END)::int,
  sum(CASE WHEN g = 2 THEN s ELSE 0 END)::int, sum(CASE WHEN g = 3 THEN s ELSE 0 END)::int`;
const NONZERO = `sum(s) <> 0 OR sum(CASE WHEN g = 1 THEN s ELSE 0 END) <> 0
  OR sum(CASE WHEN g = 2 THEN s ELSE 0 END) <> 0 OR sum(CASE WHEN g = 3 THEN s ELSE 0 END) <> 0`;
const ADD = `members = c.members + EXCLUDED.members, secretaries = c.secretaries + EXCLUDED.secretaries,
  deputies = c.deputies + EXCLUDED.deputies, committee = c.committee + EXCLUDED.committee`;

/**
 * The members trigger body: `source` yields (member_id, org_path, s, g) for active rows, +1 for new
 * and −1 for old. Unchanged rows of an UPDATE cancel out in the grouping.
 */
function membersBody(source: string): string {
  return `
    DECLARE
      gone_paths text[];
      gone_campaigns bigint[];
      gone_campaign_paths text[];
    BEGIN
      WITH up AS (
        INSERT INTO coverage_member_counts AS c (org_path, members, secretaries, deputies, committee)
        SELECT org_path, ${SUMS} FROM (${source}) d
        GROUP BY org_path HAVING ${NONZERO} ORDER BY org_path
        ON CONFLICT (org_path) DO UPDATE SET ${ADD}
        RETURNING c.org_path, c.members)
      SELECT array_agg(org_path) FILTER (WHERE members = 0) INTO gone_paths FROM up;
      IF gone_paths IS NOT NULL THEN
        DELETE FROM coverage_member_counts WHERE org_path = ANY (gone_paths) AND members = 0;
      END IF;

      WITH up AS (
        INSERT INTO coverage_counts AS c (campaign_id, org_path, members, secretaries, deputies, committee)
        SELECT sp.campaign_id, d.org_path, ${SUMS}
          FROM (${source}) d JOIN coverage_speakers sp ON sp.member_id = d.member_id AND sp.lectures > 0
        GROUP BY sp.campaign_id, d.org_path HAVING ${NONZERO} ORDER BY sp.campaign_id, d.org_path
        ON CONFLICT (campaign_id, org_path) DO UPDATE SET ${ADD}
        RETURNING c.campaign_id, c.org_path, c.members)
      SELECT array_agg(campaign_id) FILTER (WHERE members = 0), array_agg(org_path) FILTER (WHERE members = 0)
        INTO gone_campaigns, gone_campaign_paths FROM up;
      IF gone_campaigns IS NOT NULL THEN
        DELETE FROM coverage_counts c USING unnest(gone_campaigns, gone_campaign_paths) AS e(campaign_id, org_path)
         WHERE c.campaign_id = e.campaign_id AND c.org_path = e.org_path AND c.members = 0;
      END IF;
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
      gone_campaigns bigint[];
      gone_paths text[];
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

      WITH up AS (
        INSERT INTO coverage_counts AS c (campaign_id, org_path, members, secretaries, deputies, committee)
        SELECT campaign_id, org_path, ${SUMS} FROM (
          SELECT f.campaign_id, m.org_path, f.s, coverage_leader_group(m.positions) AS g
            FROM unnest(f_campaigns, f_members, f_flips) AS f(campaign_id, member_id, s)
            JOIN members m ON m.id = f.member_id AND m.active
           WHERE f.s <> 0) x
        GROUP BY campaign_id, org_path ORDER BY campaign_id, org_path
        ON CONFLICT (campaign_id, org_path) DO UPDATE SET ${ADD}
        RETURNING c.campaign_id, c.org_path, c.members)
      SELECT array_agg(campaign_id) FILTER (WHERE members = 0), array_agg(org_path) FILTER (WHERE members = 0)
        INTO gone_campaigns, gone_paths FROM up;
      IF gone_campaigns IS NOT NULL THEN
        DELETE FROM coverage_counts c USING unnest(gone_campaigns, gone_paths) AS e(campaign_id, org_path)
         WHERE c.campaign_id = e.campaign_id AND c.org_path = e.org_path AND c.members = 0;
      END IF;
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
      committee int NOT NULL DEFAULT 0
    );

    CREATE TABLE coverage_counts (
      campaign_id bigint NOT NULL,
      org_path text COLLATE "C" NOT NULL,
      members int NOT NULL DEFAULT 0,
      secretaries int NOT NULL DEFAULT 0,
      deputies int NOT NULL DEFAULT 0,
      committee int NOT NULL DEFAULT 0,
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

    -- Backfill from the rows as they are, before the triggers start keeping the tables.
    INSERT INTO coverage_member_counts (org_path, members, secretaries, deputies, committee)
      SELECT org_path, count(*), count(*) FILTER (WHERE g = 1), count(*) FILTER (WHERE g = 2), count(*) FILTER (WHERE g = 3)
        FROM (SELECT org_path, coverage_leader_group(positions) AS g FROM members WHERE active) m
       GROUP BY org_path;
    INSERT INTO coverage_speakers (campaign_id, member_id, lectures)
      SELECT campaign_id, speaker_member_id, count(*) FROM lecture_records WHERE ${COUNTING}
       GROUP BY campaign_id, speaker_member_id;
    INSERT INTO coverage_counts (campaign_id, org_path, members, secretaries, deputies, committee)
      SELECT s.campaign_id, m.org_path, count(*), count(*) FILTER (WHERE m.g = 1),
             count(*) FILTER (WHERE m.g = 2), count(*) FILTER (WHERE m.g = 3)
        FROM coverage_speakers s
        JOIN (SELECT id, org_path, coverage_leader_group(positions) AS g FROM members WHERE active) m ON m.id = s.member_id
       GROUP BY s.campaign_id, m.org_path;

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
