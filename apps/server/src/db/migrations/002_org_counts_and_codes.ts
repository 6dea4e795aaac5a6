import { sql, type Kysely } from 'kysely';

/**
 * Org tree support at city scale (300,000 members in 7,000 orgs).
 *
 * 1. org_member_counts: members per org path (active and all), kept by statement-level triggers on
 *    `members`. A plain count(*) over a whole city's members takes tens of milliseconds on PGlite; the
 *    tree browser and the unfiltered member list instead sum at most one row per org over the subtree
 *    (`org_path LIKE '1.5.%'` on a "C"-collated key). Triggers rather than service code, so every writer
 *    (API, Excel import, seeds, test factories, bulk loaders) keeps the counts right; transition tables
 *    make a 5,000-row insert cost one grouped upsert, not 5,000. Keyed by path, so moving a subtree
 *    (which rewrites members.org_path) moves its counts in the same statement. Rows are upserted in
 *    path order so concurrent writers lock them in the same order.
 * 2. orgs.code: every org gets a code ("JT000123" when none is given), because the Excel import matches
 *    orgs and parents by 组织编码; without one an exported org could not be re-imported.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE org_member_counts (
      org_path text COLLATE "C" PRIMARY KEY,
      active_count int NOT NULL DEFAULT 0,
      total_count int NOT NULL DEFAULT 0
    );

    CREATE FUNCTION org_member_counts_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO org_member_counts AS c (org_path, active_count, total_count)
      SELECT org_path, count(*) FILTER (WHERE active), count(*) FROM new_rows GROUP BY org_path ORDER BY org_path
      ON CONFLICT (org_path) DO UPDATE
        SET active_count = c.active_count + EXCLUDED.active_count, total_count = c.total_count + EXCLUDED.total_count;
      RETURN NULL;
    END $$;

    CREATE FUNCTION org_member_counts_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO org_member_counts AS c (org_path, active_count, total_count)
      SELECT org_path, sum(a), sum(t) FROM (
        SELECT org_path, CASE WHEN active THEN 1 ELSE 0 END AS a, 1 AS t FROM new_rows
        UNION ALL
        SELECT org_path, CASE WHEN active THEN -1 ELSE 0 END, -1 FROM old_rows
      ) d
      GROUP BY org_path HAVING sum(a) <> 0 OR sum(t) <> 0 ORDER BY org_path
      ON CONFLICT (org_path) DO UPDATE
        SET active_count = c.active_count + EXCLUDED.active_count, total_count = c.total_count + EXCLUDED.total_count;
      DELETE FROM org_member_counts WHERE total_count = 0 AND org_path IN (SELECT org_path FROM old_rows);
      RETURN NULL;
    END $$;

    CREATE FUNCTION org_member_counts_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE org_member_counts c
        SET active_count = c.active_count - d.a, total_count = c.total_count - d.t
        FROM (SELECT org_path, count(*) FILTER (WHERE active) AS a, count(*) AS t FROM old_rows GROUP BY org_path) d
        WHERE c.org_path = d.org_path;
      DELETE FROM org_member_counts WHERE total_count = 0 AND org_path IN (SELECT org_path FROM old_rows);
      RETURN NULL;
    END $$;

    CREATE TRIGGER members_counts_insert AFTER INSERT ON members
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION org_member_counts_on_insert();
    CREATE TRIGGER members_counts_update AFTER UPDATE ON members
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION org_member_counts_on_update();
    CREATE TRIGGER members_counts_delete AFTER DELETE ON members
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION org_member_counts_on_delete();

    INSERT INTO org_member_counts (org_path, active_count, total_count)
      SELECT org_path, count(*) FILTER (WHERE active), count(*) FROM members GROUP BY org_path;

    CREATE FUNCTION orgs_default_code() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.code IS NULL OR btrim(NEW.code) = '' THEN
        NEW.code := 'JT' || lpad(NEW.id::text, 6, '0');
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER orgs_default_code BEFORE INSERT OR UPDATE OF code ON orgs
      FOR EACH ROW EXECUTE FUNCTION orgs_default_code();
    UPDATE orgs SET code = 'JT' || lpad(id::text, 6, '0') WHERE code IS NULL;
    ALTER TABLE orgs ALTER COLUMN code SET NOT NULL;
  `.execute(db);
}
