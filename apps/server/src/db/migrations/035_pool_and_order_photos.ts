import { sql, type Kysely } from 'kysely';

/**
 * Photos for the speaker pool and delivered orders; the bytes are the platform's re-encoded JPEGs
 * (uploads/photos.ts), recorded in stored_files by the uploads module.
 * 1. pool_speakers.photo_thumb_file_id (owned by modules/pool): the avatar beside photo_file_id.
 * 2. lecture_order_files (owned by modules/orders): photos of a delivered order. A row is written when
 *    the photo is uploaded for an accepted order; the deliver step keeps those it names and marks the
 *    uploader's others removed (`removed_at`), so only attached photos are shown.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE pool_speakers ADD COLUMN photo_thumb_file_id bigint REFERENCES stored_files(id);

    CREATE TABLE lecture_order_files (
      id bigserial PRIMARY KEY,
      order_id bigint NOT NULL REFERENCES lecture_orders(id),
      file_id bigint NOT NULL REFERENCES stored_files(id),
      thumb_file_id bigint REFERENCES stored_files(id),
      width int,
      height int,
      uploaded_by bigint REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      attached_at timestamptz,
      removed_at timestamptz
    );
    CREATE INDEX lecture_order_files_order ON lecture_order_files (order_id, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE lecture_order_files; ALTER TABLE pool_speakers DROP COLUMN photo_thumb_file_id;`.execute(
    db,
  );
}
