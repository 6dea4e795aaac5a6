import { sql, type Kysely } from 'kysely';

/**
 * One account per member: an account linked to a member acts as that member (their entries), so a
 * second link would let another login read and withdraw someone else's work. The service refuses it
 * with a clear message; this index closes the race between two creations.
 *
 * round_judges.unit_org_path now holds only the unit an organiser stated when inviting an expert. A
 * judge's other units (their member's org, their non-judge grants) are read live at assignment time,
 * so the copies taken from member links when a judge joined a panel are cleared here: they could go
 * stale. Invited experts have no member link, so their stated unit is kept.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE UNIQUE INDEX users_member_once ON users (member_id) WHERE member_id IS NOT NULL;
    UPDATE round_judges SET unit_org_path = NULL
      WHERE user_id IN (SELECT id FROM users WHERE member_id IS NOT NULL);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX users_member_once`.execute(db);
}
