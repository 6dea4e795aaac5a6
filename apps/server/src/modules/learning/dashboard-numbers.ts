import { sql } from 'kysely';
import type { Db } from '../org/tables.ts';

/**
 * 学习任务 numbers for the supervision dashboard, per org path P: the tasks reaching P (not cancelled,
 * set by P, an ancestor of P, or an org inside P); assigned = Σ over those tasks of the active members
 * in both the task's subtree and P's; completed = of those pairs, the members who completed every
 * still-published lecture of the task (completion as in task-repository.ts completionByChild).
 * Counted from the raw rows, which is right at any size and fast enough while tasks are few.
 */
export async function learningNumbersByPath(
  db: Db,
  paths: string[],
): Promise<Map<string, { assigned: number; completed: number }>> {
  const out = new Map(paths.map((p) => [p, { assigned: 0, completed: 0 }]));
  // Tasks are few: only the paths a task reaches are counted (most of a city's branches have none).
  const tasks = await db
    .selectFrom('learning_tasks')
    .select('org_path')
    .where('cancelled_at', 'is', null)
    .execute();
  const reached = paths.filter((p) =>
    tasks.some((t) => p.startsWith(t.org_path) || t.org_path.startsWith(p)),
  );
  if (reached.length === 0) return out;
  const { rows } = await sql<{ path: string; assigned: number; completed: number }>`
    WITH p AS (SELECT DISTINCT unnest(${sql.val(reached)}::text[]) AS path),
    pt AS (
      SELECT p.path, t.id AS task_id,
             CASE WHEN length(t.org_path) > length(p.path) THEN t.org_path ELSE p.path END AS scope
        FROM p JOIN learning_tasks t
          ON t.cancelled_at IS NULL AND (p.path LIKE t.org_path || '%' OR t.org_path LIKE p.path || '%')),
    lec AS (
      SELECT tl.task_id, tl.lecture_id FROM learning_task_lectures tl
        JOIN classroom_lectures l ON l.id = tl.lecture_id
       WHERE l.state = 'published' AND tl.task_id IN (SELECT task_id FROM pt)),
    done AS (
      SELECT lec.task_id, pr.member_id FROM lec
        JOIN learning_progress pr ON pr.lecture_id = lec.lecture_id AND pr.completed_at IS NOT NULL
       GROUP BY lec.task_id, pr.member_id
      HAVING count(*) = (SELECT count(*) FROM lec l2 WHERE l2.task_id = lec.task_id))
    SELECT pt.path, count(*)::int AS assigned, count(done.member_id)::int AS completed
      FROM pt JOIN members m ON m.active AND m.org_path LIKE pt.scope || '%'
      LEFT JOIN done ON done.task_id = pt.task_id AND done.member_id = m.id
     GROUP BY pt.path`.execute(db);
  for (const r of rows) out.set(r.path, { assigned: Number(r.assigned), completed: Number(r.completed) });
  return out;
}
