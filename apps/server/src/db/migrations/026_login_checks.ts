import { sql, type Kysely } from 'kysely';

/**
 * Password checks under way per account, counted apart from failures. Before, every claimed check
 * counted as a failure until it ended, so six people signing in to one shared account at the same
 * moment (a slow server, a judges' panel on one demo account) locked it with the right password.
 * Now a check waits while failures plus checks under way reach the limit; only failures lock.
 * `login_checks_at` lets a count left by a process that died mid-check expire.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE users ADD COLUMN login_checks integer NOT NULL DEFAULT 0;
    ALTER TABLE users ADD COLUMN login_checks_at timestamptz;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE users DROP COLUMN login_checks;
    ALTER TABLE users DROP COLUMN login_checks_at;
  `.execute(db);
}
