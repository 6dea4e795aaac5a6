import { useEffect, useState } from 'react';
import { Typography } from 'antd';

/** mm:ss of a number of milliseconds (floored to the second). */
export function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * The speaking timer, ticking locally from the server's elapsed time at the moment the state was
 * received. Amber from `warnSeconds` before the limit, red past it (with the overtime shown).
 */
export function LiveTimer({
  running,
  elapsedMs,
  receivedAt,
  limitSeconds,
  warnSeconds,
  stopped = false,
}: {
  running: boolean;
  /** The MC stopped the timer: the spoken time is recorded. */
  stopped?: boolean;
  elapsedMs: number;
  /** Local clock (Date.now()) when elapsedMs was read from the server. */
  receivedAt: number;
  limitSeconds: number;
  warnSeconds: number;
}) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const t = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(t);
  }, [running]);
  const elapsed = elapsedMs + (running ? Math.max(0, now - receivedAt) : 0);
  const limit = limitSeconds * 1000;
  const over = elapsed > limit;
  const warn = !over && elapsed >= limit - warnSeconds * 1000;
  const color = over ? '#cf1322' : warn ? '#d46b08' : undefined;
  return (
    <div data-testid="live-timer" aria-live="polite">
      <div
        style={{ fontSize: 72, fontWeight: 700, lineHeight: 1.1, color, fontVariantNumeric: 'tabular-nums' }}
      >
        {clock(elapsed)}
      </div>
      <Typography.Text style={{ color }}>
        {stopped
          ? `已停止计时，用时 ${clock(elapsed)}${over ? `，超时 ${clock(elapsed - limit)}` : ''}`
          : over
            ? `已超时 ${clock(elapsed - limit)}`
            : warn
              ? `还剩 ${clock(limit - elapsed)}，请提醒选手`
              : `限时 ${clock(limit)}${running ? '' : elapsed > 0 ? ' · 已暂停' : ''}`}
      </Typography.Text>
    </div>
  );
}
