import { useEffect, useState } from 'react';
import { elapsedAt, type ReceivedSnapshot } from './useLiveSnapshot.ts';

/** m:ss of a duration in milliseconds (whole seconds, rounded down). */
export function clock(ms: number): string {
  const total = Math.floor(Math.max(0, ms) / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

export type TimerPhase = 'normal' | 'warn' | 'over';

export interface TimerView {
  /** What the screen shows big: the time left, or 「已超时 0:23」. */
  text: string;
  phase: TimerPhase;
  elapsed: string;
  running: boolean;
}

export function timerView(received: ReceivedSnapshot, now: number): TimerView {
  const { timer } = received.snapshot;
  const elapsedMs = elapsedAt(received, now);
  const leftMs = timer.limitSeconds * 1000 - elapsedMs;
  const phase: TimerPhase = leftMs < 0 ? 'over' : leftMs <= timer.warnSeconds * 1000 ? 'warn' : 'normal';
  // Counting down shows the started second (4:59.4 → 5:00), so 0:00 is reached at the limit.
  const text = phase === 'over' ? `已超时 ${clock(-leftMs)}` : clock(leftMs + 999);
  return { text, phase, elapsed: clock(elapsedMs), running: timer.running };
}

/** Ticks four times a second while the timer runs; one interval, cleared on unmount. */
export function useTimer(received: ReceivedSnapshot | null): TimerView | null {
  const running = received?.snapshot.timer.running ?? false;
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (!running) return;
    const id = window.setInterval(() => setNow(performance.now()), 250);
    return () => window.clearInterval(id);
  }, [running]);
  // A snapshot received after the last tick counts from its receipt.
  return received ? timerView(received, Math.max(now, received.receivedAt)) : null;
}
