import type { AssignmentsInput } from './assignment.ts';
import { conflictsOf, entryLabel, judgeLabel, type EntryRef, type JudgeRef } from './conflicts.ts';

/**
 * Warnings for an organiser's hand edit of the assignment. The edit is allowed (the organiser decides),
 * but every conflict or imbalance it creates is named so it is a decision, not an accident.
 *
 * With `before`, only what the edit changed is reported: conflicting pairs it added, entries whose
 * panel size it changed to the wrong number, and a load spread it made worse. Without it, the whole
 * assignment is checked.
 */

export type ManualWarningKind = 'conflict' | 'panel_size' | 'unknown_judge' | 'unknown_entry' | 'imbalance';

export interface ManualWarning {
  kind: ManualWarningKind;
  entryId?: string;
  judgeId?: string;
  message: string;
}

export interface ManualCheckInput {
  entries: readonly EntryRef[];
  judges: readonly JudgeRef[];
  perEntry: number;
  after: AssignmentsInput;
  before?: AssignmentsInput;
}

function loadsOf(judges: readonly JudgeRef[], a: AssignmentsInput): Map<string, number> {
  const loads = new Map(judges.map((j) => [j.id, 0]));
  for (const judgeIds of Object.values(a)) {
    for (const j of new Set(judgeIds)) if (loads.has(j)) loads.set(j, loads.get(j)! + 1);
  }
  return loads;
}

const spreadOf = (loads: ReadonlyMap<string, number>) =>
  loads.size < 2 ? 0 : Math.max(...loads.values()) - Math.min(...loads.values());

export function checkManualAssignment(input: ManualCheckInput): ManualWarning[] {
  const { entries, judges, perEntry, after, before } = input;
  const warnings: ManualWarning[] = [];
  const entryById = new Map(entries.map((e) => [e.id, e]));
  const judgeById = new Map(judges.map((j) => [j.id, j]));

  for (const [entryId, judgeIds] of Object.entries(after)) {
    if (!entryById.has(entryId) && judgeIds.length > 0) {
      warnings.push({ kind: 'unknown_entry', entryId, message: `作品 ${entryId} 不在本轮评审中` });
    }
  }

  for (const entry of entries) {
    const now = [...new Set(after[entry.id] ?? [])];
    const was = new Set(before?.[entry.id] ?? []);
    for (const judgeId of now) {
      if (before && was.has(judgeId)) continue;
      const judge = judgeById.get(judgeId);
      if (!judge) {
        warnings.push({
          kind: 'unknown_judge',
          entryId: entry.id,
          judgeId,
          message: `作品 ${entryLabel(entry)} 分配给了不在本轮评委名单中的评委 ${judgeId}`,
        });
        continue;
      }
      const reasons = conflictsOf(judge, entry);
      if (reasons.length > 0) {
        warnings.push({
          kind: 'conflict',
          entryId: entry.id,
          judgeId,
          message: `评委 ${judgeLabel(judge)} 与作品 ${entryLabel(entry)} 有回避关系：${reasons.map((r) => r.message).join('；')}`,
        });
      }
    }
    const changed = !before || now.length !== was.size || now.some((j) => !was.has(j));
    if (changed && now.length !== perEntry) {
      warnings.push({
        kind: 'panel_size',
        entryId: entry.id,
        message: `作品 ${entryLabel(entry)} 有 ${now.length} 位评委，应为每件 ${perEntry} 位`,
      });
    }
  }

  const loads = loadsOf(judges, after);
  const spread = spreadOf(loads);
  if (spread > 1 && (!before || spread > spreadOf(loadsOf(judges, before)))) {
    const sorted = [...judges].sort((a, b) => loads.get(b.id)! - loads.get(a.id)!);
    const most = sorted[0]!;
    const least = sorted[sorted.length - 1]!;
    warnings.push({
      kind: 'imbalance',
      message: `评委工作量不均衡：${judgeLabel(most)} ${loads.get(most.id)} 件，${judgeLabel(least)} ${loads.get(least.id)} 件，相差 ${spread} 件（应不超过 1 件）`,
    });
  }
  return warnings;
}
