import { sql, type Kysely } from 'kysely';

/**
 * A single-row counter of changes to the org tree (owned by modules/dashboard): every statement that
 * inserts, updates or deletes orgs bumps it, so facts derived from the tree alone (branches per child,
 * the parents of a subtree's branches) can be kept in memory keyed by (path, version) and are never
 * served stale, however many app instances share the database. The row is made by the first bump (no
 * row reads as version 0), so a restore, which loads the backup's rows into a migrated database, finds
 * the table empty.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
    CREATE TABLE org_tree_version (
      id int PRIMARY KEY CHECK (id = 1),
      version bigint NOT NULL
    );

    CREATE FUNCTION org_tree_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO org_tree_version AS v (id, version) VALUES (1, 1)
        ON CONFLICT (id) DO UPDATE SET version = v.version + 1;
      RETURN NULL;
    END $$;

    CREATE TRIGGER orgs_tree_version AFTER INSERT OR UPDATE OR DELETE ON orgs
      FOR EACH STATEMENT EXECUTE FUNCTION org_tree_version_bump();
    `,
    )
    .execute(db);
}
