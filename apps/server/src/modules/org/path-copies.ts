import type { PathCopy, PathMove } from '../../db/path-copies.ts';
import { annexPathCopies } from '../annex/repository.ts';
import { grantPathCopies } from '../accounts/repository.ts';
import { campaignPathCopies } from '../campaigns/repository.ts';
import { classroomPathCopies } from '../classroom/repository.ts';
import { entryPathCopies } from '../entries/repository.ts';
import { jobPathCopies } from '../jobs/repository.ts';
import { learningPathCopies } from '../learning/repository.ts';
import { lecturePathCopies } from '../lectures/repository.ts';
import { poolPathCopies } from '../pool/repository.ts';
import { planPathCopies } from '../plans/repository.ts';
import { reviewPathCopies } from '../reviews/repository.ts';
import { memberPathCopies } from './member-repository.ts';
import type { Db } from './tables.ts';

/**
 * Every stored copy of an org path that must follow the org when the tree is restructured, each
 * declared by the module that owns its table (so the owner's repository writes its own rows). A copy
 * answers "where is this now": it decides who administers a row and whose subtree list shows it. A copy
 * left behind is a leak (the old parent's admins keep it) and a lock-out (the org's own admins lose it).
 *
 * `path-copies.test.ts` reads every `*_path` column from the database catalogue and fails when one is
 * neither here nor in the lists below, so a new copy cannot be forgotten.
 */
export const PATH_COPIES: readonly PathCopy[] = [
  ...memberPathCopies,
  ...grantPathCopies,
  ...campaignPathCopies,
  ...entryPathCopies,
  ...reviewPathCopies,
  ...jobPathCopies,
  ...lecturePathCopies,
  ...poolPathCopies,
  ...planPathCopies,
  ...classroomPathCopies,
  ...learningPathCopies,
  ...annexPathCopies,
];

export interface PathColumnNote {
  table: string;
  column: string;
  why: string;
}

/** Columns that keep the path they were written with, on purpose. */
export const HISTORICAL_PATH_COLUMNS: readonly PathColumnNote[] = [
  {
    table: 'audit_log',
    column: 'org_path',
    why:
      'The log records where a change was made and under whose responsibility at that time: the old ' +
      "parent's admins answer for what happened while the org was theirs, so they keep reading those rows, " +
      'and a log that is rewritten afterwards is no longer evidence. Rows written after the move carry the new path.',
  },
];

/** Columns kept in step by the database itself when a listed copy is rewritten. */
export const DERIVED_PATH_COLUMNS: readonly PathColumnNote[] = [
  {
    table: 'org_member_counts',
    column: 'org_path',
    why: 'Per-path member counts maintained by the triggers on members (migration 002): rewriting members.org_path moves them.',
  },
  {
    table: 'coverage_member_counts',
    column: 'org_path',
    why: "人人上讲台 denominators (active members of each path's subtree and its own, per leader group), kept by the triggers on members (migration 031) from members.org_path: rewriting it moves them.",
  },
  {
    table: 'coverage_counts',
    column: 'org_path',
    why: '人人上讲台 numerators (lectured members per campaign and path, subtree and own), kept by the triggers on members and lecture_records (migration 031): a member counts where they are now, so rewriting members.org_path moves them.',
  },
  {
    table: 'season_plan_counts',
    column: 'org_path',
    why: '督查看板 plans filed and accepted per campaign and path, kept by the triggers on lecture_plans (migration 041) from lecture_plans.org_path: rewriting it moves them.',
  },
  {
    table: 'season_lecture_counts',
    column: 'org_path',
    why: '督查看板 lecture records per campaign and path, kept by the triggers on lecture_records (migration 041) from lecture_records.org_path: rewriting it moves them.',
  },
  {
    table: 'season_week_counts',
    column: 'org_path',
    why: '督查看板 weekly series per campaign and path, kept by the triggers on lecture_plans and lecture_records (migration 041): rewriting their org_path moves them.',
  },
];

/**
 * Brings every copy in step after orgs were re-rooted, inside the caller's transaction. Used by the
 * org move and by the Excel import; `moves` are in the old tree's paths (see rewritePathColumn).
 * Returns the rows rewritten per `table.column` (for the move's audit row).
 */
export async function rewriteOrgPathCopies(
  tx: Db,
  moves: readonly PathMove[],
): Promise<Record<string, number>> {
  const live = moves.filter((m) => m.from !== m.to);
  const rewritten: Record<string, number> = {};
  if (live.length === 0) return rewritten;
  for (const copy of PATH_COPIES) {
    const n = await copy.rewrite(tx, live);
    if (n > 0) rewritten[`${copy.table}.${copy.column}`] = n;
  }
  return rewritten;
}
