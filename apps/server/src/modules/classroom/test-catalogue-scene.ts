import type { Kysely } from 'kysely';
import type { ClassroomLectureState, DB } from '../../db/types.ts';
import { searchDocument } from './search-index.ts';
import type { CorpusLecture } from './test-corpus.ts';

/** A stored video file to hang lectures on (tests and the bench; no bytes are read). */
export async function videoFile(db: Kysely<DB>): Promise<string> {
  const row = await db
    .insertInto('stored_files')
    .values({
      detected_type: 'mp4',
      mime: 'video/mp4',
      size_bytes: 1000,
      sha256: '0'.repeat(64),
      original_name: 'lecture.mp4',
      storage: 'local',
      storage_key: 'test/lecture.mp4',
      uploaded_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface LectureSetting {
  org: { id: string; path: string };
  videoFileId: string;
  state?: ClassroomLectureState;
  visibility?: 'internal' | 'public';
  publishedAt?: Date;
}

/** The row of a lecture as the publishing service leaves it, search columns included. */
export function lectureRow(l: Omit<CorpusLecture, 'key'>, s: LectureSetting) {
  const state = s.state ?? 'published';
  const at = s.publishedAt ?? new Date('2026-06-01T02:00:00Z');
  return {
    org_id: s.org.id,
    org_path: s.org.path,
    video_file_id: s.videoFileId,
    duration_seconds: 600,
    title: l.title,
    speaker_name: l.speaker_name,
    speaker_unit: l.speaker_unit,
    category: l.category,
    tags: l.tags,
    summary: l.summary,
    manuscript_text: l.manuscript_text,
    visibility: s.visibility ?? 'internal',
    state,
    proposed_at: at,
    published_at: state === 'published' || state === 'unpublished' ? at : null,
    ...searchDocument(l),
  };
}

/** Inserts one lecture; returns its id. */
export async function insertLecture(
  db: Kysely<DB>,
  l: Omit<CorpusLecture, 'key'>,
  s: LectureSetting,
): Promise<string> {
  const row = await db
    .insertInto('classroom_lectures')
    .values(lectureRow(l, s))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
