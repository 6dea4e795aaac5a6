import { sql } from 'kysely';
import type { OrgType } from '../../db/types.ts';
import type { Db } from './repository.ts';

// ---------- Study tasks' SQL only; rules live in task-service.ts and policy.ts ----------

const taskColumns = [
  't.id',
  't.org_id',
  't.org_path',
  't.title',
  't.note',
  't.due_on',
  't.created_at',
  't.cancelled_at',
  't.cancel_reason',
  'o.name as org_name',
  sql<number>`(SELECT count(*) FROM learning_task_lectures x WHERE x.task_id = t.id)::int`.as(
    'lecture_count',
  ),
] as const;

export async function insertTask(
  tx: Db,
  t: {
    orgId: string;
    orgPath: string;
    title: string;
    note: string;
    dueOn: string;
    lectureIds: string[];
    createdBy: string;
    now: Date;
  },
) {
  const { id } = await tx
    .insertInto('learning_tasks')
    .values({
      org_id: t.orgId,
      org_path: t.orgPath,
      title: t.title,
      note: t.note,
      due_on: t.dueOn,
      created_by: t.createdBy,
      created_at: t.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('learning_task_lectures')
    .values(t.lectureIds.map((lectureId, position) => ({ task_id: id, lecture_id: lectureId, position })))
    .execute();
  return id;
}

export function findTask(db: Db, id: string) {
  return db
    .selectFrom('learning_tasks as t')
    .innerJoin('orgs as o', 'o.id', 't.org_id')
    .select(taskColumns)
    .where('t.id', '=', id)
    .executeTakeFirst();
}
export type TaskRow = NonNullable<Awaited<ReturnType<typeof findTask>>>;

export function cancelTask(tx: Db, id: string, by: string, reason: string, now: Date) {
  return tx
    .updateTable('learning_tasks')
    .set({ cancelled_at: now, cancelled_by: by, cancel_reason: reason })
    .where('id', '=', id)
    .where('cancelled_at', 'is', null)
    .executeTakeFirst();
}

/** The tasks' lectures in the order they were assigned, unpublished ones included (listed as 已下架). */
export function taskLectures(db: Db, taskIds: string[]) {
  if (taskIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('learning_task_lectures as tl')
    .innerJoin('classroom_lectures as l', 'l.id', 'tl.lecture_id')
    .select(['tl.task_id', 'l.id', 'l.title', 'l.duration_seconds', 'l.state', 'l.unpublish_reason'])
    .where('tl.task_id', 'in', taskIds)
    .orderBy('tl.task_id')
    .orderBy('tl.position')
    .execute();
}

/**
 * Tasks an admin's scope touches: assigned inside one of `prefixes`, or by an org above one of them
 * (`ancestors`, whose subtree includes the admin's). Newest first.
 */
export function tasksInScope(db: Db, prefixes: string[], ancestors: string[], limit: number) {
  if (prefixes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('learning_tasks as t')
    .innerJoin('orgs as o', 'o.id', 't.org_id')
    .select(taskColumns)
    .where((eb) =>
      eb.or([...prefixes.map((p) => eb('t.org_path', 'like', `${p}%`)), eb('t.org_path', 'in', ancestors)]),
    )
    .orderBy('t.created_at', 'desc')
    .orderBy('t.id', 'desc')
    .limit(limit)
    .execute();
}

/** A member's tasks: not cancelled, assigned by their org or one above it. */
export function tasksForMemberPath(db: Db, ancestors: string[], limit: number) {
  return db
    .selectFrom('learning_tasks as t')
    .innerJoin('orgs as o', 'o.id', 't.org_id')
    .select(taskColumns)
    .where('t.org_path', 'in', ancestors)
    .where('t.cancelled_at', 'is', null)
    .orderBy('t.due_on')
    .orderBy('t.id')
    .limit(limit)
    .execute();
}

export function memberProgress(db: Db, memberId: string, lectureIds: string[]) {
  if (lectureIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('learning_progress')
    .select(['lecture_id', 'watched_seconds', 'completed_at'])
    .where('member_id', '=', memberId)
    .where('lecture_id', 'in', lectureIds)
    .execute();
}

/**
 * A task's completion for an org and each of its children, in one statement: the active members now in
 * each child's subtree (from the org_member_counts rollup, key '' for the org's own members) and, of
 * them, those who completed every one of the task's still-published lectures. Members are matched to a
 * child by the path segment after the org's path, so the subtree is read once, not once per child.
 */
export async function completionByChild(db: Db, taskId: string, org: { id: string; path: string }) {
  const prefix = `${org.path}%`;
  const from = org.path.length + 1;
  const { rows } = await sql<{
    id: string;
    name: string;
    type: OrgType;
    active: boolean;
    self: boolean;
    members: number;
    completed: number;
  }>`
    WITH lec AS (
      SELECT tl.lecture_id FROM learning_task_lectures tl
        JOIN classroom_lectures l ON l.id = tl.lecture_id
       WHERE tl.task_id = ${taskId} AND l.state = 'published'
    ), done AS (
      SELECT split_part(substr(m.org_path, ${from}), '.', 1) AS child
        FROM members m
        JOIN learning_progress p ON p.member_id = m.id
       WHERE m.active AND m.org_path LIKE ${prefix}
         AND p.completed_at IS NOT NULL AND p.lecture_id IN (SELECT lecture_id FROM lec)
       GROUP BY m.id, m.org_path
      HAVING count(*) = (SELECT count(*) FROM lec)
    ), done_by AS (
      SELECT child, count(*)::int AS completed FROM done GROUP BY child
    ), members_by AS (
      SELECT split_part(substr(c.org_path, ${from}), '.', 1) AS child, sum(c.active_count)::int AS members
        FROM org_member_counts c
       WHERE c.org_path LIKE ${prefix}
       GROUP BY 1
    )
    SELECT o.id, o.name, o.type, o.active, o.id = ${org.id} AS self,
           coalesce(mb.members, 0) AS members, coalesce(db.completed, 0) AS completed
      FROM orgs o
      LEFT JOIN members_by mb ON mb.child = CASE WHEN o.id = ${org.id} THEN '' ELSE o.id::text END
      LEFT JOIN done_by db ON db.child = CASE WHEN o.id = ${org.id} THEN '' ELSE o.id::text END
     WHERE o.id = ${org.id} OR o.parent_id = ${org.id}
     ORDER BY o.id = ${org.id} DESC, o.sort_order, o.id`.execute(db);
  return rows.map((r) => ({ ...r, members: Number(r.members), completed: Number(r.completed) }));
}

/**
 * Active members of a branch's subtree who have not completed every still-published lecture of the
 * task, with how many they have completed (the secretary's 未学完名单).
 */
export async function unfinishedMembers(db: Db, taskId: string, branchPath: string) {
  const { rows } = await sql<{ id: string; name: string; completed: number }>`
    WITH lec AS (
      SELECT tl.lecture_id FROM learning_task_lectures tl
        JOIN classroom_lectures l ON l.id = tl.lecture_id
       WHERE tl.task_id = ${taskId} AND l.state = 'published'
    )
    SELECT * FROM (
      SELECT m.id, m.name, m.org_path,
             (SELECT count(*) FROM learning_progress p
               WHERE p.member_id = m.id AND p.completed_at IS NOT NULL
                 AND p.lecture_id IN (SELECT lecture_id FROM lec))::int AS completed
        FROM members m
       WHERE m.active AND m.org_path LIKE ${`${branchPath}%`}
    ) x
     WHERE x.completed < (SELECT count(*) FROM lec)
     ORDER BY x.org_path, x.id`.execute(db);
  return rows;
}
