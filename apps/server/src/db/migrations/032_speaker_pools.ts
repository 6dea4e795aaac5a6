import { sql, type Kysely } from 'kysely';

/**
 * Speaker pools (师资库), owned by modules/pool: one pool per org (the city's, a county's, a unit's),
 * holding speakers who are either members of the tree (member_id) or outside experts (name and
 * details only). A speaker enters from a contest result (source 'contest', the entry it came from)
 * or by a unit's nomination (status 'nominated' until approved or declined), or is added directly by
 * the pool's organiser; leaves ('left') or is retired ('retired'); rows are never deleted, so the
 * history stays. A member is active or nominated at most once per pool.
 * `target`: the pool's own size target (e.g. 20 for a county); null means the campaign's
 * `speakerPool.targetPerCounty` applies where one is set.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE speaker_pools (
      id bigserial PRIMARY KEY,
      org_id bigint NOT NULL UNIQUE REFERENCES orgs(id),
      org_path text NOT NULL,
      name text NOT NULL,
      target int CHECK (target IS NULL OR target > 0),
      created_by bigint REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX speaker_pools_org_path ON speaker_pools (org_path text_pattern_ops);

    CREATE TABLE pool_speakers (
      id bigserial PRIMARY KEY,
      pool_id bigint NOT NULL REFERENCES speaker_pools(id),
      member_id bigint REFERENCES members(id),
      name text NOT NULL,
      gender text CHECK (gender IS NULL OR gender IN ('male','female')),
      unit_title text NOT NULL DEFAULT '',
      phone text,
      specialties text[] NOT NULL DEFAULT '{}',
      audiences text[] NOT NULL DEFAULT '{}',
      bio text NOT NULL DEFAULT '',
      photo_file_id bigint REFERENCES stored_files(id),
      availability text NOT NULL DEFAULT '',
      source text NOT NULL CHECK (source IN ('contest','nomination','direct')),
      source_entry_id bigint REFERENCES entries(id),
      source_note text NOT NULL DEFAULT '',
      status text NOT NULL CHECK (status IN ('nominated','active','declined','left','retired')),
      status_reason text,
      nominated_by_org_id bigint REFERENCES orgs(id),
      created_by bigint REFERENCES users(id),
      decided_by bigint REFERENCES users(id),
      decided_at timestamptz,
      joined_at timestamptz,
      left_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX pool_speakers_pool ON pool_speakers (pool_id, status);
    CREATE INDEX pool_speakers_member ON pool_speakers (member_id) WHERE member_id IS NOT NULL;
    CREATE UNIQUE INDEX pool_speakers_member_once ON pool_speakers (pool_id, member_id)
      WHERE member_id IS NOT NULL AND status IN ('nominated','active');
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE pool_speakers; DROP TABLE speaker_pools;`.execute(db);
}
