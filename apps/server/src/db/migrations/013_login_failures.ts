import { sql, type Kysely } from 'kysely';

/**
 * Failed sign-ins for login names that match no active account. They are counted and locked
 * exactly like an account's own failures (users.failed_logins / locked_until), so the answers to
 * an unknown name and to a real one are the same and cannot tell which names exist.
 * The name itself is not kept, only its SHA-256; rows are deleted a day after their last failure.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE login_failures (
      login_key text PRIMARY KEY,
      failures integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX login_failures_updated_at ON login_failures (updated_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE login_failures`.execute(db);
}
