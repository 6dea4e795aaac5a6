import { sql, type Kysely } from 'kysely';

/**
 * 报表报送 (modules/annex): a unit's 活动统计表 for a campaign and period as submitted upwards, with the
 * numbers as they were (`snapshot`) and the generated .xlsx (`file_id`), by whom and when. A unit may
 * submit again (a corrected period, new numbers); every submission is kept, the newest is the current.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE annex_submissions (
      id bigserial PRIMARY KEY,
      org_id bigint NOT NULL REFERENCES orgs(id),
      org_path text NOT NULL,
      campaign_id bigint NOT NULL REFERENCES campaigns(id),
      kind text NOT NULL CHECK (kind IN ('activity')),
      period_from date NOT NULL,
      period_to date NOT NULL CHECK (period_to >= period_from),
      snapshot jsonb NOT NULL,
      file_id bigint NOT NULL REFERENCES stored_files(id),
      submitted_by bigint NOT NULL REFERENCES users(id),
      submitted_at timestamptz NOT NULL,
      note text NOT NULL DEFAULT ''
    )`.execute(db);
  await sql`CREATE INDEX annex_submissions_org ON annex_submissions (campaign_id, org_id, submitted_at DESC)`.execute(
    db,
  );
  await sql`CREATE INDEX annex_submissions_path ON annex_submissions (org_path text_pattern_ops)`.execute(db);
}
