import { sql, type Kysely } from 'kysely';

/**
 * Member accounts made in bulk (modules/accounts/member-accounts*).
 *
 * users.code_issue / code_issued_at: the one-time initial password is derived (HMAC of the account id
 * and this counter), never stored; bumping the counter invalidates every slip printed before.
 * users.activated_at: when the person set their own password; NULL = not yet activated. Accounts that
 * exist now and were not waiting for a forced change count as activated.
 *
 * account_runs: one bulk creation over an org's subtree (or chosen members of it), run as a job in
 * short batches; the counters and the cursor move with each batch, so a retried job resumes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE users ADD COLUMN code_issue integer NOT NULL DEFAULT 0;
    ALTER TABLE users ADD COLUMN code_issued_at timestamptz;
    ALTER TABLE users ADD COLUMN activated_at timestamptz;
    UPDATE users SET activated_at = updated_at WHERE NOT must_change_password;

    CREATE TABLE account_runs (
      id bigserial PRIMARY KEY,
      job_id bigint REFERENCES jobs(id),
      org_id bigint NOT NULL REFERENCES orgs(id),
      member_ids bigint[],
      requested_by bigint REFERENCES users(id),
      total integer NOT NULL DEFAULT 0,
      processed integer NOT NULL DEFAULT 0,
      created integer NOT NULL DEFAULT 0,
      skipped_no_phone integer NOT NULL DEFAULT 0,
      skipped_phone_taken integer NOT NULL DEFAULT 0,
      skipped_has_account integer NOT NULL DEFAULT 0,
      skipped_inactive integer NOT NULL DEFAULT 0,
      last_member_id bigint NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz
    );
    CREATE INDEX account_runs_org ON account_runs (org_id, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE account_runs;
    ALTER TABLE users DROP COLUMN activated_at;
    ALTER TABLE users DROP COLUMN code_issued_at;
    ALTER TABLE users DROP COLUMN code_issue;
  `.execute(db);
}
