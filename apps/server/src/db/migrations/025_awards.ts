import { sql, type Kysely } from 'kysely';

/**
 * Awards after a campaign's final (or 评选) round: one 表彰名单 per round, its 组织奖 rule, the
 * organiser's tie decisions and unit adjustments (each with a reason), the items frozen when the
 * list is published — each with a certificate number and a random public verify code — and the
 * objections lodged during its 公示.
 * The organiser's org is read through the campaign (no path copy).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE award_lists (
      id bigserial PRIMARY KEY,
      round_id bigint NOT NULL UNIQUE REFERENCES review_rounds(id),
      campaign_id bigint NOT NULL REFERENCES campaigns(id),
      state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'publicised', 'final')),
      org_rule jsonb NOT NULL,
      issuer text NOT NULL,
      issued_on text CHECK (issued_on ~ '^\d{4}-\d{2}-\d{2}$'),
      notice_working_days integer NOT NULL CHECK (notice_working_days BETWEEN 1 AND 30),
      notice_code text UNIQUE,
      notice_ends_on text,
      published_at timestamptz,
      finalised_at timestamptz,
      seal_image bytea,
      seal_mime text,
      created_by bigint REFERENCES users(id),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );

    CREATE TABLE award_tie_decisions (
      id bigserial PRIMARY KEY,
      list_id bigint NOT NULL REFERENCES award_lists(id),
      kind text NOT NULL CHECK (kind IN ('person', 'unit')),
      ids bigint[] NOT NULL,
      reason text NOT NULL,
      decided_by bigint REFERENCES users(id),
      at timestamptz NOT NULL
    );
    CREATE INDEX award_tie_decisions_list ON award_tie_decisions (list_id, id);

    CREATE TABLE award_unit_adjustments (
      list_id bigint NOT NULL REFERENCES award_lists(id),
      org_id bigint NOT NULL REFERENCES orgs(id),
      tier text,
      reason text NOT NULL,
      decided_by bigint REFERENCES users(id),
      at timestamptz NOT NULL,
      PRIMARY KEY (list_id, org_id)
    );

    CREATE TABLE award_items (
      id bigserial PRIMARY KEY,
      list_id bigint NOT NULL REFERENCES award_lists(id),
      kind text NOT NULL CHECK (kind IN ('person', 'unit')),
      entry_id bigint REFERENCES entries(id),
      org_id bigint NOT NULL REFERENCES orgs(id),
      tier text NOT NULL,
      position integer NOT NULL,
      rank integer,
      points numeric,
      adjusted_reason text,
      certificate_no text NOT NULL UNIQUE,
      verify_code text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL,
      CHECK ((kind = 'person') = (entry_id IS NOT NULL))
    );
    CREATE UNIQUE INDEX award_items_entry ON award_items (list_id, entry_id) WHERE kind = 'person';
    CREATE UNIQUE INDEX award_items_unit ON award_items (list_id, org_id) WHERE kind = 'unit';

    CREATE TABLE award_objections (
      id bigserial PRIMARY KEY,
      list_id bigint NOT NULL REFERENCES award_lists(id),
      content text NOT NULL,
      contact_name text NOT NULL,
      contact_phone text NOT NULL,
      lodged_by bigint NOT NULL REFERENCES users(id),
      lodged_at timestamptz NOT NULL,
      outcome text CHECK (outcome IN ('upheld', 'dismissed')),
      answer text,
      answered_by bigint REFERENCES users(id),
      answered_at timestamptz
    );
    CREATE INDEX award_objections_list ON award_objections (list_id, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE award_objections; DROP TABLE award_items; DROP TABLE award_unit_adjustments; DROP TABLE award_tie_decisions;
    DROP TABLE award_lists;
  `.execute(db);
}
