import { sql, type Kysely } from 'kysely';

// Forward-only. Written in SQL so the schema reads the same on PGlite and on a real server.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE orgs (
      id bigserial PRIMARY KEY,
      parent_id bigint REFERENCES orgs(id),
      path text NOT NULL UNIQUE,
      depth int NOT NULL,
      name text NOT NULL,
      type text NOT NULL,
      code text UNIQUE,
      sort_order int NOT NULL DEFAULT 0,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX orgs_path_prefix ON orgs (path text_pattern_ops);
    CREATE INDEX orgs_parent ON orgs (parent_id, sort_order, id);

    CREATE TABLE members (
      id bigserial PRIMARY KEY,
      org_id bigint NOT NULL REFERENCES orgs(id),
      org_path text NOT NULL,
      name text NOT NULL,
      gender text NOT NULL CHECK (gender IN ('male','female')),
      phone text,
      party_status text NOT NULL CHECK (party_status IN ('full','probationary')),
      positions text[] NOT NULL DEFAULT '{}',
      joined_on date,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX members_phone_unique ON members (phone) WHERE phone IS NOT NULL;
    CREATE INDEX members_org_path ON members (org_path text_pattern_ops, id);
    CREATE INDEX members_org ON members (org_id);

    CREATE TABLE users (
      id bigserial PRIMARY KEY,
      username text NOT NULL UNIQUE,
      phone text UNIQUE,
      display_name text NOT NULL,
      member_id bigint REFERENCES members(id),
      password_hash text NOT NULL,
      must_change_password boolean NOT NULL DEFAULT true,
      is_demo boolean NOT NULL DEFAULT false,
      active boolean NOT NULL DEFAULT true,
      failed_logins int NOT NULL DEFAULT 0,
      locked_until timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE role_grants (
      id bigserial PRIMARY KEY,
      user_id bigint NOT NULL REFERENCES users(id),
      role text NOT NULL,
      org_id bigint NOT NULL REFERENCES orgs(id),
      org_path text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (user_id, role, org_id)
    );
    CREATE INDEX role_grants_user ON role_grants (user_id);

    CREATE TABLE sessions (
      id text PRIMARY KEY,
      user_id bigint NOT NULL REFERENCES users(id),
      csrf_token text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      ip text,
      user_agent text
    );
    CREATE INDEX sessions_user ON sessions (user_id);

    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor_user_id bigint REFERENCES users(id),
      actor_name text,
      action text NOT NULL,
      entity_type text NOT NULL,
      entity_id text,
      org_path text,
      before jsonb,
      after jsonb,
      ip text
    );
    CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);
    CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id);
    CREATE INDEX audit_log_org_path ON audit_log (org_path text_pattern_ops);

    CREATE TABLE campaigns (
      id bigserial PRIMARY KEY,
      title text NOT NULL,
      organiser_org_id bigint NOT NULL REFERENCES orgs(id),
      organiser_org_path text NOT NULL,
      status text NOT NULL DEFAULT 'draft',
      preset_key text,
      copied_from_id bigint REFERENCES campaigns(id),
      settings jsonb NOT NULL,
      created_by bigint REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX campaigns_org_path ON campaigns (organiser_org_path text_pattern_ops);
  `.execute(db);
}
