import { sql, type Kysely } from 'kysely';

/**
 * Resumable (tus) uploads in progress: who started each one, for what purpose, how big it will be
 * and when it expires. The bytes themselves sit in the tus store (DATA_DIR/uploads or the S3
 * bucket) until they are complete and checked; then they become a stored_files row and the session
 * records it, so a retried final request gets the same answer instead of a second file.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE upload_sessions (
      id text PRIMARY KEY,
      user_id bigint NOT NULL REFERENCES users(id),
      purpose text NOT NULL,
      meta jsonb NOT NULL DEFAULT '{}'::jsonb,
      size_bytes bigint NOT NULL CHECK (size_bytes > 0),
      status text NOT NULL DEFAULT 'uploading' CHECK (status IN ('uploading', 'finishing', 'complete')),
      file_id bigint REFERENCES stored_files(id) ON DELETE SET NULL,
      result jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX upload_sessions_expiry ON upload_sessions (expires_at) WHERE status <> 'complete';
    CREATE INDEX upload_sessions_user ON upload_sessions (user_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE upload_sessions`.execute(db);
}
