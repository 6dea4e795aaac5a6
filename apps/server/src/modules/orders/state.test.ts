import { describe, expect, it } from 'vitest';
import { orderActions, orderStates, type OrderAction, type OrderState } from '@jiangtai/contracts';
import { fixedClock } from '../../lib/clock.ts';
import { DEFAULT_REPLY_DAYS, isOverdue, replyDueAt, transition, TRANSITIONS } from './state.ts';

const clock = fixedClock(new Date('2026-07-01T02:00:00Z'));
const due = replyDueAt(clock.now(), DEFAULT_REPLY_DAYS);
const allowed: Record<string, OrderState> = {
  'null:order': 'ordered',
  'ordered:dispatch': 'dispatched',
  'declined:dispatch': 'dispatched',
  'dispatched:accept': 'accepted',
  'dispatched:decline': 'declined',
  'accepted:deliver': 'delivered',
  'delivered:rate': 'rated',
  'ordered:cancel': 'cancelled',
  'dispatched:cancel': 'cancelled',
  'declined:cancel': 'cancelled',
  'accepted:cancel': 'cancelled',
};

describe('order state machine', () => {
  const states: (OrderState | null)[] = [null, ...orderStates];
  for (const from of states)
    for (const action of orderActions as readonly OrderAction[]) {
      const key = `${from}:${action}`;
      it(`${key} → ${allowed[key] ?? 'refused'}`, () => {
        const r = transition(
          { state: from, replyDueAt: from === 'dispatched' ? due : null },
          action,
          clock.now(),
        );
        if (allowed[key]) expect(r).toEqual({ ok: true, to: allowed[key] });
        else {
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.reason).toMatch(/[\u4e00-\u9fa5]/);
        }
      });
    }

  it('lists each allowed transition once, the re-dispatch of an overdue order included', () => {
    expect(TRANSITIONS).toHaveLength(Object.keys(allowed).length + 1);
    expect(TRANSITIONS).toContainEqual({ action: 'dispatch', from: 'dispatched', to: 'dispatched' });
  });

  it('re-dispatches an unanswered order only after its reply deadline', () => {
    const c = fixedClock(new Date('2026-07-01T02:00:00Z'));
    const order = { state: 'dispatched' as const, replyDueAt: replyDueAt(c.now(), 3) };
    expect(isOverdue(order, c.now())).toBe(false);
    c.advance(3 * 86_400_000);
    expect(isOverdue(order, c.now()), 'exactly at the deadline is still in time').toBe(false);
    expect(transition(order, 'dispatch', c.now())).toEqual({
      ok: false,
      reason: '宣讲人答复期限未到，暂不能改派',
    });
    c.advance(1000);
    expect(isOverdue(order, c.now())).toBe(true);
    expect(transition(order, 'dispatch', c.now())).toEqual({ ok: true, to: 'dispatched' });
    // A late answer is still taken while nobody else has been dispatched.
    expect(transition(order, 'accept', c.now())).toEqual({ ok: true, to: 'accepted' });
  });

  it('is never overdue outside 待接单', () => {
    const past = new Date('2026-01-01T00:00:00Z');
    for (const state of orderStates.filter((s) => s !== 'dispatched'))
      expect(isOverdue({ state, replyDueAt: past }, clock.now())).toBe(false);
  });
});
