import { pathAndAncestors } from '../classroom/policy.ts';
import { subtreeNumbers } from './completion.ts';
import type { Db } from './repository.ts';
import * as tasks from './task-repository.ts';

/** A task at or above P covers P's whole subtree; one inside P covers its own subtree. */
function pairOf(t: { id: string; org_path: string }, p: string) {
  return p.startsWith(t.org_path)
    ? [{ taskId: t.id, path: p }]
    : t.org_path.startsWith(p)
      ? [{ taskId: t.id, path: t.org_path }]
      : [];
}

/**
 * 学习任务 numbers for the supervision dashboard, per org path P: the tasks not cancelled that reach
 * into P's subtree (assigned by P, an org above it, or an org inside it); `assigned` sums, over those
 * tasks, the active members in both the task's subtree and P's, and `completed` those of them who
 * completed the task. From the rollups (migration 042), so the city root costs a few row reads per
 * task and child, not a scan of members or progress.
 */
export async function learningNumbersByPath(
  db: Db,
  paths: string[],
): Promise<Map<string, { assigned: number; completed: number }>> {
  const unique = [...new Set(paths)];
  const open = await tasks.openTasksTouching(db, [...new Set(unique.flatMap(pathAndAncestors))], unique);
  const pairsByPath = new Map(unique.map((p) => [p, open.flatMap((t) => pairOf(t, p))]));
  const numbers = await subtreeNumbers(db, [...pairsByPath.values()].flat());
  const out = new Map<string, { assigned: number; completed: number }>();
  for (const [p, pairs] of pairsByPath) {
    const sum = { assigned: 0, completed: 0 };
    for (const pair of pairs) {
      const n = numbers.get(tasks.countKey(pair.taskId, pair.path))!;
      sum.assigned += n.assigned;
      sum.completed += n.completed;
    }
    out.set(p, sum);
  }
  return out;
}

/**
 * The same numbers per task for one path P (the task list narrowed to an org): for each of `openTasks`
 * (not cancelled) touching P's subtree, summing over them gives learningNumbersByPath's for P.
 */
export async function learningNumbersByTask(
  db: Db,
  path: string,
  openTasks: readonly { id: string; org_path: string }[],
): Promise<Map<string, { assigned: number; completed: number }>> {
  const pairs = openTasks.flatMap((t) => pairOf(t, path));
  const numbers = await subtreeNumbers(db, pairs);
  return new Map(
    pairs.map((pair) => {
      const n = numbers.get(tasks.countKey(pair.taskId, pair.path))!;
      return [pair.taskId, { assigned: n.assigned, completed: n.completed }];
    }),
  );
}
