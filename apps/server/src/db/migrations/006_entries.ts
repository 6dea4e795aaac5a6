import { sql, type Kysely } from 'kysely';

/**
 * Entries (作品报送): a speaker's lecture for one campaign stage, its files (history kept: a
 * replaced file stays as current = false), every change of state with who and when, and the
 * organiser's per-unit deadline extensions. `unit_org_path` is the participating unit the entry
 * belongs to, so unit admins' lists are `unit_org_path LIKE '1.5.%'`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE entries (
      id bigserial PRIMARY KEY,
      campaign_id bigint NOT NULL REFERENCES campaigns(id),
      stage_key text NOT NULL,
      member_id bigint NOT NULL REFERENCES members(id),
      unit_org_id bigint NOT NULL REFERENCES orgs(id),
      unit_org_path text NOT NULL,
      title text NOT NULL,
      category_key text NOT NULL,
      outline text NOT NULL DEFAULT '',
      state text NOT NULL DEFAULT 'draft'
        CHECK (state IN ('draft','submitted','recommended','returned','withdrawn')),
      return_reason text,
      created_by bigint REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX entries_campaign ON entries (campaign_id, stage_key, unit_org_id);
    CREATE INDEX entries_unit_path ON entries (unit_org_path text_pattern_ops);
    CREATE INDEX entries_member ON entries (member_id);
    -- One live entry per speaker per stage; a withdrawn one does not count.
    CREATE UNIQUE INDEX entries_one_per_stage ON entries (campaign_id, stage_key, member_id)
      WHERE state <> 'withdrawn';

    CREATE TABLE entry_materials (
      id bigserial PRIMARY KEY,
      entry_id bigint NOT NULL REFERENCES entries(id),
      material text NOT NULL CHECK (material IN ('video','manuscript','courseware','recommendation_scan')),
      file_id bigint NOT NULL REFERENCES stored_files(id),
      findings jsonb NOT NULL DEFAULT '[]',
      current boolean NOT NULL DEFAULT true,
      created_by bigint REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX entry_materials_current ON entry_materials (entry_id, material) WHERE current;
    CREATE INDEX entry_materials_file ON entry_materials (file_id);

    CREATE TABLE entry_events (
      id bigserial PRIMARY KEY,
      entry_id bigint NOT NULL REFERENCES entries(id),
      from_state text,
      to_state text NOT NULL,
      actor_user_id bigint REFERENCES users(id),
      actor_name text,
      reason text,
      at timestamptz NOT NULL
    );
    CREATE INDEX entry_events_entry ON entry_events (entry_id, id);

    CREATE TABLE deadline_extensions (
      id bigserial PRIMARY KEY,
      campaign_id bigint NOT NULL REFERENCES campaigns(id),
      stage_key text NOT NULL,
      unit_org_id bigint NOT NULL REFERENCES orgs(id),
      until date NOT NULL,
      reason text NOT NULL,
      granted_by bigint REFERENCES users(id),
      at timestamptz NOT NULL
    );
    CREATE INDEX deadline_extensions_lookup ON deadline_extensions (campaign_id, stage_key, unit_org_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE deadline_extensions; DROP TABLE entry_events; DROP TABLE entry_materials; DROP TABLE entries`.execute(
    db,
  );
}
