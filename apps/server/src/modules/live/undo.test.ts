import { describe, expect, it } from 'vitest';
import type { LiveUndo } from '../../db/types.ts';
import { OPEN_UNDO_REFUSED, planUndo, undoRefusal, type UndoFacts } from './undo.ts';

const stop: LiveUndo = { kind: 'stop', entryId: '7', elapsedMs: 300_000 };
const scoring: UndoFacts = { slot: { status: 'scoring', announced_at: null }, scoredBy: 0 };
const announced: UndoFacts = { slot: { status: 'confirmed', announced_at: new Date() }, scoredBy: 3 };

describe('undoing opening scoring', () => {
  const open: LiveUndo = { kind: 'open', entryId: '7', previous: stop };

  it('goes back to "time stopped" and restores the undo before it', () => {
    expect(planUndo(open, scoring)).toEqual({
      entryId: '7',
      slot: { status: 'speaking', scoring_opened_at: null },
      live: { undo: stop },
    });
    // The restored step is itself undone as before: the timer continues from where it stopped.
    expect(
      planUndo(stop, { slot: { status: 'speaking', announced_at: null }, scoredBy: 0 }).live,
    ).toMatchObject({ timer_elapsed_ms: 300_000, undo: null });
  });

  it('is refused once a judge has scored (the organiser reopens scores instead)', () => {
    expect(undoRefusal(open, { ...scoring, scoredBy: 1 })).toBe(OPEN_UNDO_REFUSED);
    expect(() => planUndo(open, { ...scoring, scoredBy: 1 })).toThrow(/不能再撤销「开始评分」/);
    expect(OPEN_UNDO_REFUSED).toContain('重新打开评分');
  });

  it('is refused when the speaker is no longer being scored (e.g. left the contest)', () => {
    expect(undoRefusal(open, { slot: { status: 'withdrawn', announced_at: null }, scoredBy: 0 })).toContain(
      '已不在评分中',
    );
  });
});

describe('undoing an announcement', () => {
  const call: LiveUndo = { kind: 'call', entryId: '8', previousEntryId: '7' };
  const announce: LiveUndo = { kind: 'announce', entryId: '7', previous: call };

  it('takes the result off the screens and restores the undo before it', () => {
    expect(planUndo(announce, announced)).toEqual({
      entryId: '7',
      slot: { announced_at: null },
      live: { undo: call },
    });
    expect(undoRefusal(announce, announced)).toBeNull();
  });

  it('is refused when the result is not on the screens', () => {
    expect(() =>
      planUndo(announce, { ...announced, slot: { status: 'confirmed', announced_at: null } }),
    ).toThrow(/已不在大屏上/);
  });
});

describe('the steps undone before', () => {
  it('a call, a stop and a no-show need no facts and are never refused', () => {
    const skip: LiveUndo = { kind: 'skip', entryId: '9', previousStatus: 'waiting', previousEntryId: '8' };
    const none: UndoFacts = { slot: undefined, scoredBy: 0 };
    for (const u of [stop, skip, { kind: 'call', entryId: '9', previousEntryId: null } as LiveUndo])
      expect(undoRefusal(u, none)).toBeNull();
    expect(planUndo(skip, none)).toMatchObject({
      present: true,
      slot: { status: 'waiting', skip_reason: null },
    });
  });
});
