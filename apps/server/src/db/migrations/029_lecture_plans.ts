import { sql, type Kysely } from 'kysely';

/**
 * 宣讲计划 (lecture plans, owned by modules/plans): a branch's plan of the season's lectures for one
 * campaign, one plan per (campaign, branch).
 *
 * * lecture_plans: status draft → submitted → returned | accepted; `org_path` copies the branch's path
 *   (a registered path copy). `last_save_key` is the key of the last save, so a save retried after a
 *   dropped connection is answered again instead of applied twice.
 * * lecture_plan_lines: the planned lectures. A line is never deleted (a trigger refuses DELETE):
 *   removing one from the plan marks it removed, so a lecture record linked to it keeps its meaning.
 *   `client_key` is made in the browser when the line is added (a retried save finds it again).
 * * lecture_plan_revisions: a snapshot of the lines at every submit, return, acceptance and change of a
 *   submitted or accepted plan, with who, when and why.
 * * The foreign key lecture_records.plan_line_id → lecture_plan_lines(id) that migration 028 left open.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE lecture_plans (
      id bigserial PRIMARY KEY,
      campaign_id bigint NOT NULL REFERENCES campaigns(id),
      org_id bigint NOT NULL REFERENCES orgs(id),
      org_path text NOT NULL,
      status text NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft','submitted','returned','accepted')),
      return_reason text,
      version int NOT NULL DEFAULT 1,
      last_save_key text,
      created_by bigint NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_by bigint REFERENCES users(id),
      updated_at timestamptz NOT NULL DEFAULT now(),
      submitted_by bigint REFERENCES users(id),
      submitted_at timestamptz,
      decided_by bigint REFERENCES users(id),
      decided_at timestamptz,
      UNIQUE (campaign_id, org_id)
    );
    CREATE INDEX lecture_plans_campaign_path ON lecture_plans (campaign_id, org_path text_pattern_ops);
    CREATE INDEX lecture_plans_org_path ON lecture_plans (org_path text_pattern_ops);

    CREATE TABLE lecture_plan_lines (
      id bigserial PRIMARY KEY,
      plan_id bigint NOT NULL REFERENCES lecture_plans(id),
      client_key text NOT NULL,
      month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      topic text NOT NULL,
      category_key text NOT NULL,
      speaker_member_id bigint REFERENCES members(id),
      guest_speaker_name text,
      occasion text NOT NULL CHECK (occasion IN
        ('branch_assembly','branch_committee','party_group','party_lecture','theme_day')),
      sort_order int NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      removed_at timestamptz,
      removed_by bigint REFERENCES users(id),
      UNIQUE (plan_id, client_key),
      CHECK ((speaker_member_id IS NULL) <> (guest_speaker_name IS NULL))
    );
    CREATE INDEX lecture_plan_lines_plan ON lecture_plan_lines (plan_id, sort_order);

    CREATE FUNCTION lecture_plan_lines_keep() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'lecture plan lines are never deleted; set removed_at';
    END $$;
    CREATE TRIGGER lecture_plan_lines_keep BEFORE DELETE ON lecture_plan_lines
      FOR EACH ROW EXECUTE FUNCTION lecture_plan_lines_keep();

    CREATE TABLE lecture_plan_revisions (
      id bigserial PRIMARY KEY,
      plan_id bigint NOT NULL REFERENCES lecture_plans(id),
      kind text NOT NULL CHECK (kind IN ('submitted','returned','accepted','changed')),
      status_before text NOT NULL,
      status_after text NOT NULL,
      reason text,
      lines jsonb NOT NULL,
      actor_user_id bigint REFERENCES users(id),
      actor_name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX lecture_plan_revisions_plan ON lecture_plan_revisions (plan_id, id);

    ALTER TABLE lecture_records ADD CONSTRAINT lecture_records_plan_line_fk
      FOREIGN KEY (plan_line_id) REFERENCES lecture_plan_lines(id);
    CREATE INDEX lecture_records_plan_line ON lecture_records (plan_line_id) WHERE plan_line_id IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE lecture_records DROP CONSTRAINT lecture_records_plan_line_fk;
    DROP INDEX lecture_records_plan_line;
    DROP TABLE lecture_plan_revisions;
    DROP TABLE lecture_plan_lines;
    DROP FUNCTION lecture_plan_lines_keep();
    DROP TABLE lecture_plans;
  `.execute(db);
}
