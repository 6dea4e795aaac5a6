import type { RoleName } from '../../db/types.ts';
import { holdsRoleOver, scopePrefixes, type Actor } from '../../lib/actor.ts';
import { MANAGER_ROLES } from '../classroom/policy.ts';

/**
 * Who may do what with study tasks (学习任务), in one place:
 * * assign and cancel: an organiser, unit admin or platform admin on the task's org or above
 *   (the classroom's managers), for that org's subtree;
 * * completion percentages: those roles and supervisors, each for the part of the task's subtree
 *   inside their own (a county admin sees the city's task for their county), and a branch secretary
 *   (branchesLedBy) for their branch;
 * * names of members who have not finished: only the secretary of their branch. Nobody else sees an
 *   individual's record; a member sees their own progress.
 */
export const ASSIGNER_ROLES: readonly RoleName[] = MANAGER_ROLES;
export const READER_ROLES: readonly RoleName[] = ['platform_admin', 'organiser', 'unit_admin', 'supervisor'];

export const mayAssign = (actor: Actor, orgPath: string) => holdsRoleOver(actor, ASSIGNER_ROLES, orgPath);
export const mayCancel = mayAssign;

/** Keeps the outermost of a set of paths (a subtree inside another is covered by it). */
export function outermost(paths: readonly string[]): string[] {
  const sorted = [...new Set(paths)].sort((a, b) => a.length - b.length);
  const kept: string[] = [];
  for (const p of sorted) if (!kept.some((k) => p.startsWith(k))) kept.push(p);
  return kept;
}

/**
 * The subtrees of a task (org path `taskPath`) whose completion the actor may read: each reader grant
 * or led branch that overlaps the task's subtree, cut to it. Empty: the task is not theirs to read.
 */
export function completionRoots(actor: Actor, taskPath: string, ledBranchPaths: readonly string[]): string[] {
  const places = [...scopePrefixes(actor, READER_ROLES), ...ledBranchPaths];
  return outermost(
    places.flatMap((p) => (p.startsWith(taskPath) ? [p] : taskPath.startsWith(p) ? [taskPath] : [])),
  );
}

/** A secretary reads the names of a branch's unfinished members only for a branch they lead inside the task. */
export function mayListUnfinished(branchPath: string, taskPath: string, ledBranchPaths: readonly string[]) {
  return branchPath.startsWith(taskPath) && ledBranchPaths.includes(branchPath);
}
