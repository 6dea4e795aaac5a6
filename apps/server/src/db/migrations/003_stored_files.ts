import { sql, type Kysely } from 'kysely';

/**
 * Files people upload (videos, manuscripts, courseware, stamped 推荐表 scans), once they are complete
 * and checked. The bytes live in storage (a folder under DATA_DIR, or S3-compatible object storage);
 * this row says where, what the content really is (detected from its bytes, not its name), its size
 * and SHA-256, and who uploaded it. Features point at these rows; a file is never deleted while a
 * row points at it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE stored_files (
      id bigserial PRIMARY KEY,
      detected_type text NOT NULL,
      mime text NOT NULL,
      size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
      sha256 text NOT NULL,
      original_name text NOT NULL,
      storage text NOT NULL CHECK (storage IN ('local', 's3')),
      storage_key text NOT NULL,
      uploaded_by bigint REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (storage, storage_key)
    );
    CREATE INDEX stored_files_uploaded_by ON stored_files (uploaded_by);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE stored_files`.execute(db);
}
