import { sql, type Kysely } from 'kysely';

/**
 * Grants looked up by org: the unit admins a reminder reaches (the dashboard asks for every laggard it
 * lists on each view; annex reminders too). role_grants holds a row per account, members' included, so
 * a city with member accounts has hundreds of thousands, and a scan of them on every dashboard view
 * would cost more than the rest of the view.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX role_grants_org ON role_grants (org_id, role)`.execute(db);
}
