import type { TestContext } from '../../test/harness.ts';

type Db = TestContext['db'];
let n = 0;

/**
 * A classroom lecture row straight in classroom_lectures (the classroom module's own publishing API is
 * built separately): published by `org` unless told otherwise, 300 seconds long.
 */
export async function classroomLecture(
  db: Db,
  org: { id: string; path: string },
  o: {
    title?: string;
    duration?: number;
    state?: 'published' | 'unpublished' | 'awaiting_consent';
    visibility?: 'internal' | 'public';
    speakerMemberId?: string;
    unpublishReason?: string;
  } = {},
) {
  n++;
  const video = await db
    .insertInto('stored_files')
    .values({
      detected_type: 'mp4',
      mime: 'video/mp4',
      size_bytes: 1,
      sha256: '0'.repeat(64),
      original_name: 'lecture.mp4',
      storage: 'local',
      storage_key: `learning/${org.id}/${n}-${Math.random()}.mp4`,
      uploaded_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const row = await db
    .insertInto('classroom_lectures')
    .values({
      org_id: org.id,
      org_path: org.path,
      video_file_id: video.id,
      duration_seconds: o.duration ?? 300,
      title: o.title ?? `微党课${n}`,
      speaker_name: '张老师',
      visibility: o.visibility ?? 'internal',
      state: o.state ?? 'published',
      speaker_member_id: o.speakerMemberId ?? null,
      unpublish_reason: o.unpublishReason ?? null,
      proposed_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A study task row of `org` with the given lectures (for scenes; the API path is tested on its own). */
export async function learningTask(
  db: Db,
  org: { id: string; path: string },
  lectureIds: string[],
  createdBy: string | null = null,
) {
  const task = await db
    .insertInto('learning_tasks')
    .values({
      org_id: org.id,
      org_path: org.path,
      title: '学习任务',
      due_on: '2026-12-31',
      created_by: createdBy,
      created_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('learning_task_lectures')
    .values(lectureIds.map((lecture_id, position) => ({ task_id: task.id, lecture_id, position })))
    .execute();
  return task.id;
}

/** Links a member record to an account (a member account, as made in bulk by the accounts module). */
export async function linkMember(db: Db, userId: string, memberId: string) {
  await db.updateTable('users').set({ member_id: memberId }).where('id', '=', userId).execute();
}

/** A member's finished lecture, written straight into learning_progress (for completion scenes). */
export async function finished(db: Db, memberId: string, lectureId: string, duration = 300) {
  await db
    .insertInto('learning_progress')
    .values({
      member_id: memberId,
      lecture_id: lectureId,
      intervals: JSON.stringify([[0, duration]]),
      watched_seconds: duration,
      completed_at: new Date(),
      updated_at: new Date(),
    })
    .execute();
}
