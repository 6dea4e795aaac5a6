import { sql, type Kysely } from 'kysely';

/**
 * What a lecture record (宣讲记录, migration 028) carries beside its own row, owned by modules/lectures:
 *
 * 1. lecture_record_files: its photos (re-encoded by the platform: shrunk, no EXIF), a short video
 *    and a manuscript. A file is uploaded before the record is saved, so it starts with no record
 *    (`record_id` NULL, held for the branch and the account that uploaded it) and is attached when
 *    the form is submitted. A photo keeps a small thumbnail beside it. A file taken off a record
 *    keeps its row with `removed_at` (the trace of an edit).
 * 2. lecture_record_attendees: the optional list of who was present (members of the branch).
 * 3. lecture_record_corrections: the logged corrections of a confirmed record (reason, the fields
 *    before and after, who and when), shown on the record.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE lecture_record_files (
      id bigserial PRIMARY KEY,
      record_id bigint REFERENCES lecture_records(id),
      org_id bigint NOT NULL REFERENCES orgs(id),
      kind text NOT NULL CHECK (kind IN ('photo','video','manuscript')),
      file_id bigint NOT NULL UNIQUE REFERENCES stored_files(id),
      thumb_file_id bigint UNIQUE REFERENCES stored_files(id),
      width int,
      height int,
      uploaded_by bigint NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      removed_at timestamptz,
      CHECK ((kind = 'photo') = (thumb_file_id IS NOT NULL))
    );
    CREATE INDEX lecture_record_files_record ON lecture_record_files (record_id, id) WHERE record_id IS NOT NULL;
    CREATE INDEX lecture_record_files_pending ON lecture_record_files (uploaded_by, org_id) WHERE record_id IS NULL;

    CREATE TABLE lecture_record_attendees (
      record_id bigint NOT NULL REFERENCES lecture_records(id),
      member_id bigint NOT NULL REFERENCES members(id),
      PRIMARY KEY (record_id, member_id)
    );
    CREATE INDEX lecture_record_attendees_member ON lecture_record_attendees (member_id);

    CREATE TABLE lecture_record_corrections (
      id bigserial PRIMARY KEY,
      record_id bigint NOT NULL REFERENCES lecture_records(id),
      reason text NOT NULL,
      before jsonb NOT NULL,
      after jsonb NOT NULL,
      corrected_by bigint NOT NULL REFERENCES users(id),
      corrected_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX lecture_record_corrections_record ON lecture_record_corrections (record_id, id);

    CREATE INDEX lecture_records_status_path ON lecture_records (status, org_path text_pattern_ops)
      WHERE deleted_at IS NULL;
    CREATE INDEX lecture_records_created_by ON lecture_records (created_by);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE lecture_record_corrections;
    DROP TABLE lecture_record_attendees;
    DROP TABLE lecture_record_files;
    DROP INDEX lecture_records_status_path;
    DROP INDEX lecture_records_created_by;
  `.execute(db);
}
