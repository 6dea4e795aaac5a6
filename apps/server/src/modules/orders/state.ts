import type { OrderAction, OrderState } from '@jiangtai/contracts';

/**
 * The order state machine (点单 → 派单 → 接单 → 宣讲 → 评单), pure: who may act is policy.ts's business,
 * this says which transitions exist and when. Every allowed transition is in TRANSITIONS; anything else
 * is refused with a Chinese reason.
 *
 *   order    —         → ordered
 *   dispatch ordered    → dispatched      (派单)
 *   dispatch declined   → dispatched      (re-dispatch after a decline)
 *   dispatch dispatched → dispatched      (re-dispatch, only once the reply deadline has passed)
 *   accept   dispatched → accepted        (接单; also after the deadline while not re-dispatched)
 *   decline  dispatched → declined        (谢绝, with a reason)
 *   deliver  accepted   → delivered       (登记宣讲)
 *   rate     delivered  → rated           (评单)
 *   cancel   ordered | dispatched | declined | accepted → cancelled (by the ordering org, with a reason)
 */
export const TRANSITIONS: readonly { action: OrderAction; from: OrderState | null; to: OrderState }[] = [
  { action: 'order', from: null, to: 'ordered' },
  { action: 'dispatch', from: 'ordered', to: 'dispatched' },
  { action: 'dispatch', from: 'declined', to: 'dispatched' },
  { action: 'dispatch', from: 'dispatched', to: 'dispatched' },
  { action: 'accept', from: 'dispatched', to: 'accepted' },
  { action: 'decline', from: 'dispatched', to: 'declined' },
  { action: 'deliver', from: 'accepted', to: 'delivered' },
  { action: 'rate', from: 'delivered', to: 'rated' },
  { action: 'cancel', from: 'ordered', to: 'cancelled' },
  { action: 'cancel', from: 'dispatched', to: 'cancelled' },
  { action: 'cancel', from: 'declined', to: 'cancelled' },
  { action: 'cancel', from: 'accepted', to: 'cancelled' },
];

/** Days a speaker has to answer a dispatch unless the setting (ORDER_REPLY_DAYS) says otherwise. */
export const DEFAULT_REPLY_DAYS = 3;

export interface OrderClockFacts {
  state: OrderState | null;
  replyDueAt: Date | null;
}

/** A dispatched order whose speaker has not answered by the deadline (highlighted for the managers). */
export function isOverdue(o: OrderClockFacts, now: Date): boolean {
  return o.state === 'dispatched' && o.replyDueAt !== null && now.getTime() > o.replyDueAt.getTime();
}

export function replyDueAt(now: Date, replyDays: number): Date {
  return new Date(now.getTime() + replyDays * 86_400_000);
}

export type TransitionResult = { ok: true; to: OrderState } | { ok: false; reason: string };

const refusals: Record<OrderAction, string> = {
  order: '点单已存在',
  dispatch: '只有待派单、已谢绝或逾期未答复的点单可以派单',
  accept: '只有待接单的点单可以接单',
  decline: '只有待接单的点单可以谢绝',
  deliver: '只有已接单的点单可以登记宣讲情况',
  rate: '只有已宣讲的点单可以评价',
  cancel: '已宣讲、已评价或已取消的点单不能取消',
};

/** Whether `action` may happen to an order in its present state at `now`, and the state it leads to. */
export function transition(o: OrderClockFacts, action: OrderAction, now: Date): TransitionResult {
  const t = TRANSITIONS.find((x) => x.action === action && x.from === o.state);
  if (!t) return { ok: false, reason: refusals[action] };
  if (action === 'dispatch' && o.state === 'dispatched' && !isOverdue(o, now))
    return { ok: false, reason: '宣讲人答复期限未到，暂不能改派' };
  return { ok: true, to: t.to };
}
