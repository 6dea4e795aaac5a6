import { sql, type Kysely } from 'kysely';

/**
 * 网上微课堂: lectures published for members to learn from, owned by modules/classroom.
 *
 * 1. classroom_lectures: a lecture made from a processed video (usually a contest entry's, `source_entry_id`),
 *    proposed by an organiser of `org_id` (whose subtree sees an internal lecture), consented to by the
 *    speaker (in the app, or recorded on their behalf by the organiser with a note when the speaker has no
 *    account), then approved and published. `visibility` 'public' adds a page without login (`share_code`).
 *    Unpublishing needs a reason; rows are never deleted, so study tasks that name a lecture still read.
 *    `search_text` / `search_tokens` are derived by classroom/search-index.ts from the title, speaker,
 *    unit, tags, summary and manuscript text (`manuscript_text`, extracted from the DOCX/PDF), so search
 *    needs no join; the same module rewrites them on every change.
 * 2. classroom_lecture_events: each step with who, when and why (history shown to organisers).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE classroom_lectures (
      id bigserial PRIMARY KEY,
      org_id bigint NOT NULL REFERENCES orgs(id),
      org_path text NOT NULL,
      source_entry_id bigint REFERENCES entries(id),
      video_file_id bigint NOT NULL REFERENCES stored_files(id),
      duration_seconds int NOT NULL CHECK (duration_seconds > 0),
      title text NOT NULL,
      speaker_name text NOT NULL,
      speaker_member_id bigint REFERENCES members(id),
      speaker_unit text NOT NULL DEFAULT '',
      category text NOT NULL DEFAULT '',
      tags text[] NOT NULL DEFAULT '{}',
      summary text NOT NULL DEFAULT '',
      manuscript_file_id bigint REFERENCES stored_files(id),
      courseware_file_id bigint REFERENCES stored_files(id),
      manuscript_text text NOT NULL DEFAULT '',
      visibility text NOT NULL CHECK (visibility IN ('internal','public')),
      share_code text UNIQUE,
      state text NOT NULL CHECK (state IN ('awaiting_consent','consent_declined','consented','published','unpublished')),
      consent_user_id bigint REFERENCES users(id),
      consent_on_behalf boolean NOT NULL DEFAULT false,
      consent_note text,
      consent_at timestamptz,
      proposed_by bigint REFERENCES users(id),
      proposed_at timestamptz NOT NULL,
      published_by bigint REFERENCES users(id),
      published_at timestamptz,
      unpublished_at timestamptz,
      unpublish_reason text,
      search_text text NOT NULL DEFAULT '',
      search_tokens text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX classroom_lectures_org_path ON classroom_lectures (org_path text_pattern_ops);
    CREATE INDEX classroom_lectures_published ON classroom_lectures (state, published_at DESC);
    CREATE INDEX classroom_lectures_entry ON classroom_lectures (source_entry_id) WHERE source_entry_id IS NOT NULL;
    CREATE INDEX classroom_lectures_speaker ON classroom_lectures (speaker_member_id) WHERE speaker_member_id IS NOT NULL;

    CREATE TABLE classroom_lecture_events (
      id bigserial PRIMARY KEY,
      lecture_id bigint NOT NULL REFERENCES classroom_lectures(id),
      action text NOT NULL,
      from_state text,
      to_state text NOT NULL,
      reason text,
      actor_user_id bigint REFERENCES users(id),
      actor_name text,
      at timestamptz NOT NULL
    );
    CREATE INDEX classroom_lecture_events_lecture ON classroom_lecture_events (lecture_id, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE classroom_lecture_events; DROP TABLE classroom_lectures;`.execute(db);
}
