import { sql } from 'kysely';
import type { OrgType } from '../../db/types.ts';
import type { Db } from './repository.ts';

/**
 * Study-task completion counted from the raw rows (members × learning_progress), written apart from
 * migration 042's triggers: the oracle of the rollup tests and the bench's baseline. The rule: the
 * task has a still-published lecture and the active member completed every one of them.
 */
const DONE = sql`
  SELECT x.task_id, m.id, m.org_path
    FROM (SELECT tl.task_id, p.member_id
            FROM learning_task_lectures tl
            JOIN classroom_lectures l ON l.id = tl.lecture_id AND l.state = 'published'
            JOIN learning_progress p ON p.lecture_id = tl.lecture_id AND p.completed_at IS NOT NULL
           GROUP BY tl.task_id, p.member_id
          HAVING count(*) = (SELECT count(*) FROM learning_task_lectures t2
                               JOIN classroom_lectures l2 ON l2.id = t2.lecture_id AND l2.state = 'published'
                              WHERE t2.task_id = tl.task_id)) x
    JOIN members m ON m.id = x.member_id AND m.active`;

/** The task page's rows as they were computed before the rollups (the old completionByChild). */
export async function rawCompletionByChild(db: Db, taskId: string, org: { id: string; path: string }) {
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

/** learningNumbersByPath's meaning, counted from raw rows per path and task. */
export async function rawLearningNumbers(db: Db, paths: string[]) {
  const out = new Map<string, { assigned: number; completed: number }>();
  for (const p of new Set(paths)) {
    const { rows } = await sql<{ assigned: number; completed: number }>`
      WITH t AS (
        SELECT id, org_path FROM learning_tasks
         WHERE cancelled_at IS NULL AND (starts_with(${p}, org_path) OR starts_with(org_path, ${p})))
      SELECT coalesce(sum((SELECT count(*) FROM members m WHERE m.active AND starts_with(m.org_path, t.org_path)
                             AND starts_with(m.org_path, ${p}))), 0)::int AS assigned,
             coalesce(sum((SELECT count(*) FROM (${DONE}) d WHERE d.task_id = t.id AND starts_with(d.org_path, t.org_path)
                             AND starts_with(d.org_path, ${p}))), 0)::int AS completed
        FROM t`.execute(db);
    out.set(p, rows[0]!);
  }
  return out;
}

/**
 * Every row of migration 042's tables that differs from a recount over raw rows: an empty list means
 * sizes, per-member counters and per-path counts are exactly right.
 */
export async function learningRollupDrift(db: Db): Promise<string[]> {
  const diff = async (name: string, stored: ReturnType<typeof sql>, recount: ReturnType<typeof sql>) => {
    const { rows } = await sql<Record<string, unknown>>`
      (SELECT 'stored' AS side, * FROM (${stored} EXCEPT ${recount}) a)
      UNION ALL (SELECT 'recount', * FROM (${recount} EXCEPT ${stored}) b)`.execute(db);
    return rows.map((r) => `${name} ${JSON.stringify(r)}`);
  };
  const published = sql`learning_task_lectures tl JOIN classroom_lectures l ON l.id = tl.lecture_id AND l.state = 'published'`;
  return [
    ...(await diff(
      'sizes',
      sql`SELECT task_id, lectures FROM learning_task_sizes WHERE lectures > 0`,
      sql`SELECT tl.task_id, count(*)::int FROM ${published} GROUP BY tl.task_id`,
    )),
    ...(await diff(
      'members',
      sql`SELECT task_id, member_id, lectures FROM learning_task_members`,
      sql`SELECT tl.task_id, p.member_id, count(*)::int FROM ${published}
            JOIN learning_progress p ON p.lecture_id = tl.lecture_id AND p.completed_at IS NOT NULL
           GROUP BY tl.task_id, p.member_id`,
    )),
    ...(await diff(
      'counts',
      sql`SELECT task_id, org_path::text, members, own_members FROM learning_task_counts`,
      sql`SELECT t.id, left(d.org_path, i) AS prefix,
                 count(*) FILTER (WHERE strpos(left(d.org_path, i), '.') < i)::int,
                 count(*) FILTER (WHERE i = length(d.org_path))::int
            FROM learning_tasks t JOIN (${DONE}) d ON d.task_id = t.id
            CROSS JOIN LATERAL generate_series(1, length(d.org_path)) AS i
           WHERE substr(d.org_path, i, 1) = '.'
           GROUP BY t.id, left(d.org_path, i)
          HAVING count(*) FILTER (WHERE strpos(left(d.org_path, i), '.') < i OR i = length(d.org_path)) > 0`,
    )),
  ];
}
