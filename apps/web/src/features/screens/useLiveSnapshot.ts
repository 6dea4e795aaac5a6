import { useEffect, useState } from 'react';
import type { LiveSnapshot } from '@jiangtai/contracts';
import { ApiError, apiGet } from '../../lib/api.ts';

/**
 * A live round's snapshot for a screen: the JSON endpoint for the first paint (and after a reload),
 * then the server's push stream. EventSource reconnects by itself; while it does, `connection` is
 * 'reconnecting' and the screen keeps showing what it has. A snapshot older than the one shown is
 * ignored (a slow answer arriving after a pushed one).
 */
export interface ReceivedSnapshot {
  snapshot: LiveSnapshot;
  /** performance.now() at receipt: a running timer advances from here (see elapsedAt). */
  receivedAt: number;
}

export type Connection = 'connecting' | 'live' | 'reconnecting';

export interface LiveScreenState {
  current: ReceivedSnapshot | null;
  connection: Connection;
  /** Chinese, when the screen code is unknown or the server cannot be reached at first. */
  error: string | null;
}

const screenUrl = (code: string) => `/api/live/screens/${encodeURIComponent(code)}`;

export function useLiveSnapshot(code: string): LiveScreenState {
  const [state, setState] = useState<LiveScreenState>({
    current: null,
    connection: 'connecting',
    error: null,
  });

  useEffect(() => {
    let stopped = false;
    const accept = (snapshot: LiveSnapshot) => {
      if (stopped) return;
      const receivedAt = performance.now();
      setState((prev) =>
        prev.current && snapshot.version < prev.current.snapshot.version
          ? prev
          : { ...prev, current: { snapshot, receivedAt }, error: null },
      );
    };
    const controller = new AbortController();
    const load = () =>
      apiGet<LiveSnapshot>(screenUrl(code), controller.signal)
        .then(accept)
        .catch((err: unknown) => {
          if (stopped || controller.signal.aborted) return;
          const message = err instanceof ApiError ? err.detail : '无法连接服务器，正在重试…';
          setState((prev) => (prev.current ? prev : { ...prev, error: message }));
        });

    // One EventSource at a time. It reconnects by itself after a network error (the server asks for
    // 2 s); after an HTTP error (a proxy's 502 while the server restarts, 503 when full) it gives up,
    // so a new one is opened a little later and the state is read afresh.
    let source: EventSource | null = null;
    let reopen: number | undefined;
    const open = () => {
      reopen = undefined;
      const es = new EventSource(`${screenUrl(code)}/stream`);
      source = es;
      es.addEventListener('snapshot', (e) => {
        try {
          accept(JSON.parse((e as MessageEvent<string>).data) as LiveSnapshot);
        } catch {
          // A damaged event: the next one replaces it.
        }
      });
      es.onopen = () => !stopped && setState((prev) => ({ ...prev, connection: 'live' }));
      es.onerror = () => {
        if (stopped) return;
        setState((prev) => ({ ...prev, connection: 'reconnecting' }));
        if (es.readyState === EventSource.CLOSED && reopen === undefined) {
          es.close();
          reopen = window.setTimeout(() => {
            void load();
            open();
          }, 5000);
        }
      };
    };
    void load();
    open();

    return () => {
      stopped = true;
      controller.abort();
      source?.close();
      if (reopen !== undefined) window.clearTimeout(reopen);
    };
  }, [code]);

  return state;
}

/** Speaking time at performance.now() = `now`, from the snapshot's elapsedMs at its receipt. */
export function elapsedAt(received: ReceivedSnapshot, now: number): number {
  const { timer } = received.snapshot;
  return timer.running ? timer.elapsedMs + Math.max(0, now - received.receivedAt) : timer.elapsedMs;
}
