import type { LiveSlotStatus } from '@jiangtai/contracts';
import { conflict } from '../../lib/errors.ts';
import type { LiveUndo } from '../../db/types.ts';

/**
 * The MC's 撤销: which step can be taken back and what taking it back changes. Each undoable step
 * stores, on the live round, what is needed to return to the state before it; steps that leave the
 * state before them intact (opening scoring, an announcement) also keep the undo that was there, so
 * after taking them back the step before can be taken back too. Pure: the service applies the plan.
 */

export const undoLabels: Record<LiveUndo['kind'], string> = {
  call: '撤销「请选手上场」，回到上一位选手',
  stop: '撤销「停止计时」，继续计时',
  skip: '撤销「缺席」，恢复该选手',
  open: '撤销「开始评分」，回到停止计时后的状态，评委手机不再显示该选手的评分',
  announce: '撤销「公布成绩」，大屏和观众页不再显示该选手的成绩，之后可以重新公布',
};

export const OPEN_UNDO_REFUSED =
  '已有评委提交了该选手的评分，不能再撤销「开始评分」。如需更正评分，请组织者在评审轮次的结果页写明原因后重新打开评分';

/** What undoing needs to know of the speaker the step was about. */
export interface UndoFacts {
  slot: { status: LiveSlotStatus; announced_at: Date | null } | undefined;
  /** Judges who submitted (or were reopened after submitting) a score of this speaker. */
  scoredBy: number;
}

export interface UndoPlan {
  entryId: string;
  /** A no-show taken back: the speaker's judges get their pairs back. */
  present?: true;
  slot: Partial<{
    status: LiveSlotStatus;
    spoken_ms: number | null;
    skip_reason: string | null;
    scoring_opened_at: Date | null;
    announced_at: Date | null;
  }>;
  live: Partial<{
    current_entry_id: string | null;
    timer_running: boolean;
    timer_started_at: Date | null;
    timer_elapsed_ms: number;
    undo: LiveUndo | null;
  }>;
}

/** Why the step cannot be taken back now, or null. */
export function undoRefusal(u: LiveUndo, f: UndoFacts): string | null {
  if (u.kind === 'open') {
    if (f.scoredBy > 0) return OPEN_UNDO_REFUSED;
    if (f.slot?.status !== 'scoring') return '该选手已不在评分中，不能撤销「开始评分」';
  }
  if (u.kind === 'announce' && !f.slot?.announced_at) return '该选手的成绩已不在大屏上，无需撤销';
  return null;
}

/** What undoing `u` changes; a refusal is a 409 with its Chinese reason. */
export function planUndo(u: LiveUndo, f: UndoFacts): UndoPlan {
  const refusal = undoRefusal(u, f);
  if (refusal) throw conflict(refusal);
  switch (u.kind) {
    case 'call':
      return {
        entryId: u.entryId,
        slot: { status: 'waiting' },
        live: {
          current_entry_id: u.previousEntryId,
          timer_running: false,
          timer_started_at: null,
          timer_elapsed_ms: 0,
          undo: null,
        },
      };
    case 'stop':
      return {
        entryId: u.entryId,
        slot: { spoken_ms: null },
        live: { timer_running: false, timer_started_at: null, timer_elapsed_ms: u.elapsedMs, undo: null },
      };
    case 'skip':
      return {
        entryId: u.entryId,
        present: true,
        slot: { status: u.previousStatus, skip_reason: null },
        live: { current_entry_id: u.previousEntryId, undo: null },
      };
    case 'open':
      // Back to "time stopped": the spoken time stays recorded, scoring can be opened again.
      return {
        entryId: u.entryId,
        slot: { status: 'speaking', scoring_opened_at: null },
        live: { undo: u.previous },
      };
    case 'announce':
      // Off the screens until announced again (the snapshot shows announced results only).
      return { entryId: u.entryId, slot: { announced_at: null }, live: { undo: u.previous } };
  }
}
