/**
 * Conflicts of interest between judges and entries (issue 5, "Judges and conflicts").
 *
 * Org units are materialised paths ("1.5.23."), so a unit's subtree is every path with that prefix.
 * A judge never scores an entry from a unit they belong to or any unit below it, nor one they
 * declared a conflict with. A judge may belong to several units (their member's org and every org
 * where they hold a role other than judge); judges with none (outside experts) only have declared
 * conflicts.
 * Pure functions: callers load judges, entries and declarations and pass them in.
 */

export interface DeclaredConflict {
  entryId: string;
  /** The judge's own words, shown to the organiser. */
  reason?: string | null;
}

export interface JudgeRef {
  id: string;
  /** Shown in messages to the organiser; the id is used when absent. */
  name?: string;
  /** Paths of the units the judge belongs to; empty for an expert from outside the org tree. */
  unitPaths: readonly string[];
  /** Entries the judge declared a conflict with, as ids or with a reason. */
  declared?: readonly (string | DeclaredConflict)[];
}

export interface EntryRef {
  id: string;
  /** Shown in messages (the entry code in blind rounds); the id is used when absent. */
  code?: string;
  unitPath: string | null;
  categoryKey: string;
}

export type ConflictKind = 'same_unit' | 'subordinate_unit' | 'declared';

export interface Conflict {
  kind: ConflictKind;
  message: string;
}

export const judgeLabel = (j: Pick<JudgeRef, 'id' | 'name'>) => j.name ?? j.id;
export const entryLabel = (e: Pick<EntryRef, 'id' | 'code'>) => e.code ?? e.id;

/** True when `path` is `ancestor` itself or lies in its subtree. */
export function isWithin(path: string, ancestor: string): boolean {
  // Paths end with "." so "1.5." is not mistaken for an ancestor of "1.52.".
  return path.startsWith(ancestor);
}

function declaredReason(judge: JudgeRef, entryId: string): { found: boolean; reason: string | null } {
  for (const d of judge.declared ?? []) {
    if (typeof d === 'string') {
      if (d === entryId) return { found: true, reason: null };
    } else if (d.entryId === entryId) {
      return { found: true, reason: d.reason?.trim() || null };
    }
  }
  return { found: false, reason: null };
}

/** Every reason `judge` must not score `entry`; empty when they may. */
export function conflictsOf(judge: JudgeRef, entry: EntryRef): Conflict[] {
  const out: Conflict[] = [];
  const entryUnit = entry.unitPath;
  if (entryUnit) {
    const units = judge.unitPaths.filter((u) => isWithin(entryUnit, u));
    if (units.includes(entryUnit)) out.push({ kind: 'same_unit', message: '评委所在单位与作品单位相同' });
    else if (units.length > 0)
      out.push({ kind: 'subordinate_unit', message: '作品单位是评委所在单位的下级单位' });
  }
  const declared = declaredReason(judge, entry.id);
  if (declared.found) {
    out.push({
      kind: 'declared',
      message: declared.reason ? `评委声明回避：${declared.reason}` : '评委声明回避',
    });
  }
  return out;
}

export const hasConflict = (judge: JudgeRef, entry: EntryRef) => conflictsOf(judge, entry).length > 0;
