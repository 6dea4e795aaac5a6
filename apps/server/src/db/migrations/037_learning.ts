import { sql, type Kysely } from 'kysely';

/**
 * 网上微课堂 honest learning and study tasks (学习任务), owned by modules/learning.
 *
 * 1. learning_progress: per member and classroom lecture, the merged intervals actually watched (a
 *    sorted, disjoint jsonb list of [from, to) whole seconds), their unique seconds, when the member
 *    reached 90 % (never cleared) and where to resume. The partial index on completed rows is what
 *    a study task's completion counts read.
 * 2. learning_sessions: one watching page. Starting one supersedes the member's older ones (the partial
 *    unique index allows one active per member), so a second tab stops the first from counting;
 *    `last_report_at` is the time budget's start for the next report.
 * 3. learning_tasks (+ learning_task_lectures): an org assigns lectures to its subtree with a due
 *    date; `org_path` is a registered path copy. Cancelling keeps the row with the reason.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE learning_progress (
      member_id bigint NOT NULL REFERENCES members(id),
      lecture_id bigint NOT NULL REFERENCES classroom_lectures(id),
      intervals jsonb NOT NULL DEFAULT '[]',
      watched_seconds int NOT NULL DEFAULT 0 CHECK (watched_seconds >= 0),
      resume_seconds int NOT NULL DEFAULT 0 CHECK (resume_seconds >= 0),
      completed_at timestamptz,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (member_id, lecture_id)
    );
    CREATE INDEX learning_progress_completed ON learning_progress (lecture_id, member_id)
      WHERE completed_at IS NOT NULL;

    CREATE TABLE learning_sessions (
      id bigserial PRIMARY KEY,
      member_id bigint NOT NULL REFERENCES members(id),
      lecture_id bigint NOT NULL REFERENCES classroom_lectures(id),
      started_at timestamptz NOT NULL,
      last_report_at timestamptz NOT NULL,
      reports int NOT NULL DEFAULT 0,
      superseded_at timestamptz
    );
    CREATE UNIQUE INDEX learning_sessions_active ON learning_sessions (member_id) WHERE superseded_at IS NULL;

    CREATE TABLE learning_tasks (
      id bigserial PRIMARY KEY,
      org_id bigint NOT NULL REFERENCES orgs(id),
      org_path text NOT NULL,
      title text NOT NULL,
      note text NOT NULL DEFAULT '',
      due_on date NOT NULL,
      created_by bigint REFERENCES users(id),
      created_at timestamptz NOT NULL,
      cancelled_at timestamptz,
      cancelled_by bigint REFERENCES users(id),
      cancel_reason text
    );
    CREATE INDEX learning_tasks_org_path ON learning_tasks (org_path text_pattern_ops);

    CREATE TABLE learning_task_lectures (
      task_id bigint NOT NULL REFERENCES learning_tasks(id),
      lecture_id bigint NOT NULL REFERENCES classroom_lectures(id),
      position int NOT NULL,
      PRIMARY KEY (task_id, lecture_id)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE learning_task_lectures; DROP TABLE learning_tasks;
    DROP TABLE learning_sessions; DROP TABLE learning_progress;
  `.execute(db);
}
