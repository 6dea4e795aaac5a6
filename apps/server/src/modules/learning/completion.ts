import { activeMemberCounts } from '../coverage/repository.ts';
import type { Db } from './repository.ts';
import * as tasks from './task-repository.ts';

/**
 * Study-task completion numbers from the rollups (migration 042 for who completed, 031's
 * coverage_member_counts for active members): a row per org read, never a scan of members or
 * progress. Both keep a subtree row below the top level only, plus every org's own row.
 */

const isTopLevel = (path: string) => path.indexOf('.') === path.length - 1;
const idOf = (path: string) => path.slice(0, -1).split('.').pop()!;

/**
 * A task's completion for an org (its own members, `self`) and each of its children (their subtrees);
 * the totals are the sum of the rows, which holds at the top level too.
 */
export async function completionByChild(db: Db, taskId: string, org: { id: string; path: string }) {
  const orgs = await tasks.orgAndChildren(db, org.id);
  const [members, done] = await Promise.all([
    activeMemberCounts(
      db,
      orgs.map((o) => o.path),
    ),
    tasks.completedCounts(
      db,
      orgs.map((o) => ({ taskId, path: o.path })),
    ),
  ]);
  return orgs.map((o) => {
    const self = o.id === org.id;
    const m = members.get(o.path);
    const c = done.get(tasks.countKey(taskId, o.path));
    return {
      id: o.id,
      name: o.name,
      type: o.type,
      active: o.active,
      self,
      members: (self ? m?.own : m?.members) ?? 0,
      completed: (self ? c?.own : c?.members) ?? 0,
    };
  });
}

/**
 * For each (task, path): active members in the path's subtree and those of them who completed the
 * task. A top-level path has no subtree row: its own row plus its children's subtree rows.
 */
export async function subtreeNumbers(db: Db, pairs: readonly { taskId: string; path: string }[]) {
  const tops = [...new Set(pairs.map((p) => p.path).filter(isTopLevel))];
  const children = new Map<string, string[]>();
  for (const c of await tasks.childPaths(db, tops.map(idOf))) {
    const parent = tops.find((t) => idOf(t) === String(c.parent_id))!;
    children.set(parent, [...(children.get(parent) ?? []), c.path]);
  }
  /** The rows making up a path's subtree: [path, read its own column?]. */
  const parts = (path: string): [string, boolean][] =>
    isTopLevel(path)
      ? [[path, true], ...(children.get(path) ?? []).map((c): [string, boolean] => [c, false])]
      : [[path, false]];
  const all = pairs.flatMap((p) => parts(p.path).map(([path]) => ({ taskId: p.taskId, path })));
  const [members, done] = await Promise.all([
    activeMemberCounts(
      db,
      all.map((a) => a.path),
    ),
    tasks.completedCounts(db, all),
  ]);
  const out = new Map<string, { assigned: number; completed: number }>();
  for (const p of pairs) {
    let assigned = 0;
    let completed = 0;
    for (const [path, own] of parts(p.path)) {
      const m = members.get(path);
      const c = done.get(tasks.countKey(p.taskId, path));
      assigned += (own ? m?.own : m?.members) ?? 0;
      completed += (own ? c?.own : c?.members) ?? 0;
    }
    out.set(tasks.countKey(p.taskId, p.path), { assigned, completed });
  }
  return out;
}
