import { sql } from 'kysely';
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

/** An org and its children, inactive ones too (their members still count in the org's totals). */
export function orgAndChildren(db: Db, orgId: string) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'type', 'active', 'path'])
    .where((eb) => eb.or([eb('id', '=', orgId), eb('parent_id', '=', orgId)]))
    .orderBy(sql`id = ${orgId}`, 'desc')
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
}

/** Children's paths of the given orgs (to sum a top-level org's subtree, which is not kept as a row). */
export async function childPaths(db: Db, orgIds: string[]) {
  if (orgIds.length === 0) return [];
  return db.selectFrom('orgs').select(['parent_id', 'path']).where('parent_id', 'in', orgIds).execute();
}

export const countKey = (taskId: string, path: string) => `${taskId} ${path}`;

/**
 * Members who completed a task by (task, path) pair, from learning_task_counts (migration 042):
 * `members` the subtree (below the top level), `own` the org's own. Missing pairs are zero.
 */
export async function completedCounts(db: Db, pairs: readonly { taskId: string; path: string }[]) {
  const out = new Map<string, { members: number; own: number }>();
  if (pairs.length === 0) return out;
  const { rows } = await sql<{ task_id: string; org_path: string; members: number; own_members: number }>`
    SELECT c.task_id, c.org_path, c.members, c.own_members
      FROM unnest(${sql.val(pairs.map((p) => p.taskId))}::bigint[], ${sql.val(pairs.map((p) => p.path))}::text[])
           AS k(task_id, org_path)
      JOIN learning_task_counts c ON c.task_id = k.task_id AND c.org_path = k.org_path`.execute(db);
  for (const r of rows)
    out.set(countKey(String(r.task_id), r.org_path), { members: r.members, own: r.own_members });
  return out;
}

/** Tasks not cancelled whose org is one of `ancestors` or inside one of `prefixes` (the dashboard's). */
export function openTasksTouching(db: Db, ancestors: string[], prefixes: string[]) {
  if (ancestors.length === 0 && prefixes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('learning_tasks')
    .select(['id', 'org_path'])
    .where('cancelled_at', 'is', null)
    .where((eb) =>
      eb.or([
        ...(ancestors.length ? [eb('org_path', 'in', ancestors)] : []),
        ...prefixes.map((p) => eb('org_path', 'like', `${p}%`)),
      ]),
    )
    .execute();
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
