import { sql, type Kysely } from 'kysely';

/**
 * A durable job queue (jobs survive a crash: a running job holds a lease that its runner renews; when
 * the runner dies the lease runs out and another runner claims the job again) and the HLS renditions
 * made from uploaded videos (media_assets, one row per stored file).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE jobs (
      id bigserial PRIMARY KEY,
      type text NOT NULL,
      payload jsonb NOT NULL DEFAULT '{}'::jsonb,
      org_path text,
      status text NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
      attempts int NOT NULL DEFAULT 0,
      max_attempts int NOT NULL DEFAULT 5 CHECK (max_attempts >= 1),
      run_at timestamptz NOT NULL DEFAULT now(),
      locked_by text,
      lease_until timestamptz,
      progress int NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
      last_error text,
      result jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz
    );
    CREATE INDEX jobs_queued ON jobs (run_at, id) WHERE status = 'queued';
    CREATE INDEX jobs_leases ON jobs (lease_until) WHERE status = 'running';
    CREATE INDEX jobs_org_path ON jobs (org_path text_pattern_ops);

    CREATE TABLE media_assets (
      id bigserial PRIMARY KEY,
      file_id bigint NOT NULL UNIQUE REFERENCES stored_files(id),
      status text NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'processing', 'ready', 'failed')),
      mode text CHECK (mode IN ('remux', 'ladder')),
      renditions jsonb NOT NULL DEFAULT '[]'::jsonb,
      poster text,
      duration_seconds double precision,
      job_id bigint REFERENCES jobs(id),
      error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX media_assets_job ON media_assets (job_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE media_assets; DROP TABLE jobs`.execute(db);
}
