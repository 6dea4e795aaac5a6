import { sql, type Kysely } from 'kysely';

/**
 * Review rounds (评审): a round of one campaign stage within a scope org (the campaign's organiser
 * org, or one unit for a unit-run 初赛); its judges' panel; its entries with random codes; who scores
 * what; declared conflicts; an append-only, hash-chained score log (a trigger refuses UPDATE and
 * DELETE, so rows change only by someone who can disable triggers — and then the chain check finds
 * it); the organiser's decisions on flagged ties; 公示 objections; supervisors' sign-offs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE review_rounds (
      id bigserial PRIMARY KEY,
      campaign_id bigint NOT NULL REFERENCES campaigns(id),
      stage_key text NOT NULL,
      scope_org_id bigint NOT NULL REFERENCES orgs(id),
      scope_org_path text NOT NULL,
      config jsonb NOT NULL,
      state text NOT NULL DEFAULT 'open'
        CHECK (state IN ('open','closed','confirmed','publicised','final')),
      chain_head text NOT NULL,
      score_count integer NOT NULL DEFAULT 0,
      closed_at timestamptz,
      confirmed_at timestamptz,
      published_at timestamptz,
      notice_ends_on text,
      sealed_at timestamptz,
      seal_hash text,
      created_by bigint REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX review_rounds_one_per_scope ON review_rounds (campaign_id, stage_key, scope_org_id);
    CREATE INDEX review_rounds_scope ON review_rounds (scope_org_path text_pattern_ops);

    CREATE TABLE round_judges (
      round_id bigint NOT NULL REFERENCES review_rounds(id),
      user_id bigint NOT NULL REFERENCES users(id),
      unit_org_path text,
      active boolean NOT NULL DEFAULT true,
      left_reason text,
      added_at timestamptz NOT NULL,
      PRIMARY KEY (round_id, user_id)
    );
    CREATE INDEX round_judges_user ON round_judges (user_id);

    CREATE TABLE round_entries (
      round_id bigint NOT NULL REFERENCES review_rounds(id),
      entry_id bigint NOT NULL REFERENCES entries(id),
      code text NOT NULL,
      advanced boolean NOT NULL DEFAULT false,
      PRIMARY KEY (round_id, entry_id)
    );
    CREATE UNIQUE INDEX round_entries_code ON round_entries (round_id, code);
    CREATE INDEX round_entries_entry ON round_entries (entry_id);

    CREATE TABLE round_assignments (
      round_id bigint NOT NULL REFERENCES review_rounds(id),
      entry_id bigint NOT NULL REFERENCES entries(id),
      judge_user_id bigint NOT NULL REFERENCES users(id),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','draft','submitted','removed')),
      removed_reason text,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (round_id, entry_id, judge_user_id)
    );
    CREATE INDEX round_assignments_judge ON round_assignments (judge_user_id, round_id);

    CREATE TABLE judge_conflicts (
      round_id bigint NOT NULL REFERENCES review_rounds(id),
      entry_id bigint NOT NULL REFERENCES entries(id),
      judge_user_id bigint NOT NULL REFERENCES users(id),
      reason text NOT NULL,
      at timestamptz NOT NULL,
      PRIMARY KEY (round_id, entry_id, judge_user_id)
    );

    CREATE TABLE score_log (
      id bigserial PRIMARY KEY,
      round_id bigint NOT NULL REFERENCES review_rounds(id),
      seq integer NOT NULL,
      entry_id bigint NOT NULL REFERENCES entries(id),
      judge_user_id bigint NOT NULL REFERENCES users(id),
      action text NOT NULL CHECK (action IN ('draft','submit','reopen')),
      scores jsonb NOT NULL,
      comment text,
      reason text,
      actor_user_id bigint NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL,
      prev_hash text NOT NULL,
      hash text NOT NULL,
      UNIQUE (round_id, seq)
    );
    CREATE INDEX score_log_pair ON score_log (round_id, entry_id, judge_user_id, seq);

    CREATE FUNCTION score_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'score_log is append-only';
    END $$;
    CREATE TRIGGER score_log_no_change BEFORE UPDATE OR DELETE ON score_log
      FOR EACH ROW EXECUTE FUNCTION score_log_append_only();

    CREATE TABLE tie_decisions (
      id bigserial PRIMARY KEY,
      round_id bigint NOT NULL REFERENCES review_rounds(id),
      entry_ids bigint[] NOT NULL,
      reason text NOT NULL,
      decided_by bigint REFERENCES users(id),
      at timestamptz NOT NULL
    );
    CREATE INDEX tie_decisions_round ON tie_decisions (round_id, id);

    CREATE TABLE round_objections (
      id bigserial PRIMARY KEY,
      round_id bigint NOT NULL REFERENCES review_rounds(id),
      entry_id bigint REFERENCES entries(id),
      content text NOT NULL,
      contact_name text NOT NULL,
      contact_phone text NOT NULL,
      lodged_by bigint NOT NULL REFERENCES users(id),
      lodged_at timestamptz NOT NULL,
      outcome text CHECK (outcome IN ('upheld','dismissed')),
      answer text,
      answered_by bigint REFERENCES users(id),
      answered_at timestamptz
    );
    CREATE INDEX round_objections_round ON round_objections (round_id, id);

    CREATE TABLE round_signoffs (
      id bigserial PRIMARY KEY,
      round_id bigint NOT NULL REFERENCES review_rounds(id),
      user_id bigint NOT NULL REFERENCES users(id),
      comment text NOT NULL DEFAULT '',
      chain_head text NOT NULL,
      at timestamptz NOT NULL
    );
    CREATE INDEX round_signoffs_round ON round_signoffs (round_id, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE round_signoffs; DROP TABLE round_objections; DROP TABLE tie_decisions;
    DROP TABLE score_log; DROP FUNCTION score_log_append_only();
    DROP TABLE judge_conflicts; DROP TABLE round_assignments; DROP TABLE round_entries;
    DROP TABLE round_judges; DROP TABLE review_rounds;
  `.execute(db);
}
