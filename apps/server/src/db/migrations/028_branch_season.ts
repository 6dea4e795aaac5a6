import { sql, type Kysely } from 'kysely';

/**
 * The branch's season (支部宣讲季), the tables the features of this season share:
 *
 * 1. user_notices (站内通知, owned by modules/notices): a message to one account, e.g. a unit reminding
 *    a branch secretary that the lecture plan is late, or a record returned with a reason. Read state
 *    per notice; no SMS gateway.
 * 2. lecture_records (宣讲记录, owned by modules/lectures): a lecture given in a branch in the
 *    campaign's season (三会一课, 主题党日 …). The speaker is a member of the tree or a guest by name,
 *    never both. `org_path` copies the branch's path (rewritten on moves like every *_path copy).
 *    Coverage (人人上讲台) counts a member once per campaign over the records that are not returned
 *    and not deleted; deletion leaves the row (deleted_at, reason) as the trace.
 *    `plan_line_id` points at the plan line it fulfils; the plans migration adds its foreign key.
 *    `client_key` is made on the phone so a submit retried after a dropped connection saves once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE user_notices (
      id bigserial PRIMARY KEY,
      user_id bigint NOT NULL REFERENCES users(id),
      kind text NOT NULL,
      title text NOT NULL,
      body text NOT NULL DEFAULT '',
      link text,
      org_id bigint REFERENCES orgs(id),
      created_by bigint REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz
    );
    CREATE INDEX user_notices_user ON user_notices (user_id, created_at DESC, id DESC);
    CREATE INDEX user_notices_unread ON user_notices (user_id) WHERE read_at IS NULL;

    CREATE TABLE lecture_records (
      id bigserial PRIMARY KEY,
      campaign_id bigint NOT NULL REFERENCES campaigns(id),
      org_id bigint NOT NULL REFERENCES orgs(id),
      org_path text NOT NULL,
      held_on date NOT NULL,
      occasion text NOT NULL CHECK (occasion IN
        ('branch_assembly','branch_committee','party_group','party_lecture','theme_day')),
      topic text NOT NULL,
      category_key text NOT NULL,
      speaker_member_id bigint REFERENCES members(id),
      guest_speaker_name text,
      attendance int NOT NULL CHECK (attendance >= 0),
      summary text NOT NULL DEFAULT '',
      plan_line_id bigint,
      status text NOT NULL DEFAULT 'recorded' CHECK (status IN ('recorded','confirmed','returned')),
      return_reason text,
      client_key text UNIQUE,
      created_by bigint NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      decided_by bigint REFERENCES users(id),
      decided_at timestamptz,
      deleted_at timestamptz,
      deleted_by bigint REFERENCES users(id),
      delete_reason text,
      CHECK ((speaker_member_id IS NULL) <> (guest_speaker_name IS NULL))
    );
    CREATE INDEX lecture_records_campaign_path ON lecture_records (campaign_id, org_path text_pattern_ops);
    CREATE INDEX lecture_records_org_path ON lecture_records (org_path text_pattern_ops);
    CREATE INDEX lecture_records_speaker ON lecture_records (speaker_member_id, campaign_id)
      WHERE speaker_member_id IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE lecture_records; DROP TABLE user_notices;`.execute(db);
}
