import { AsyncLocalStorage } from 'node:async_hooks';
import type { PostgresPool, PostgresPoolClient } from 'kysely';

/**
 * The embedded database has one connection, so every query of every request waits for it. Handed
 * out first-come-first-served per query, a request that needs ten queries queues ten times behind
 * everyone who arrived meanwhile, and a long read (an export, a zip, a dashboard) competes with a
 * judge's score save on equal terms. The gate instead hands the connection to the waiting query
 * whose request started earliest, so a request that has begun is finished before newer ones are
 * started; long reads count as having started LONG_READ_HANDICAP_MS later, so short requests go
 * first unless the long one has waited that much longer. A transaction keeps the connection from
 * BEGIN to COMMIT as before, so atomicity is untouched.
 */

export interface RequestPriority {
  /** performance.now() when the request arrived. */
  startedAt: number;
  /** An export, zip or dashboard: yields to short requests. */
  long: boolean;
}

export const LONG_READ_HANDICAP_MS = 1500;

const context = new AsyncLocalStorage<RequestPriority>();

/** Runs `fn` (and every query it causes) with the given request's priority. */
export function withRequestPriority<T>(priority: RequestPriority, fn: () => T): T {
  return context.run(priority, fn);
}

/** The priority of the request being handled here, if any. */
export function currentRequestPriority(): RequestPriority | undefined {
  return context.getStore();
}

function currentKey(): number {
  const p = context.getStore();
  // Work outside a request (background jobs, start-up) queues by its arrival time.
  if (!p) return performance.now();
  return p.startedAt + (p.long ? LONG_READ_HANDICAP_MS : 0);
}

interface Waiter {
  key: number;
  seq: number;
  grant: () => void;
}

/** A one-holder lock whose waiters are served lowest key first (ties in arrival order). */
export class PriorityGate {
  private held = false;
  private waiters: Waiter[] = [];
  private seq = 0;

  get waiting(): number {
    return this.waiters.length;
  }

  get busy(): boolean {
    return this.held;
  }

  acquire(key: number = currentKey()): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push({ key, seq: this.seq++, grant: resolve }));
  }

  release(): void {
    if (this.waiters.length === 0) {
      this.held = false;
      return;
    }
    let best = 0;
    for (let i = 1; i < this.waiters.length; i++) {
      const w = this.waiters[i]!;
      const b = this.waiters[best]!;
      if (w.key < b.key || (w.key === b.key && w.seq < b.seq)) best = i;
    }
    const [next] = this.waiters.splice(best, 1);
    // Still held: ownership passes straight to the next waiter.
    next!.grant();
  }
}

/** What the metrics gauge reads from a pool. */
export interface PoolCounts {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
}

/**
 * Wraps a pool of one connection (the embedded database) so connections are handed out through a
 * PriorityGate. Kysely takes a connection per query, or per transaction, and releases it after.
 */
export function prioritisedPool(inner: PostgresPool & PoolCounts): PostgresPool & PoolCounts {
  const gate = new PriorityGate();
  return {
    async connect(): Promise<PostgresPoolClient> {
      await gate.acquire();
      let client: PostgresPoolClient;
      try {
        client = await inner.connect();
      } catch (err) {
        gate.release();
        throw err;
      }
      let released = false;
      // A thin wrapper: the same client, with release() passing the gate on exactly once.
      return {
        query: client.query.bind(client) as PostgresPoolClient['query'],
        release() {
          if (released) return;
          released = true;
          client.release();
          gate.release();
        },
      };
    },
    end: () => inner.end(),
    get totalCount() {
      return inner.totalCount;
    },
    get idleCount() {
      return gate.busy ? 0 : inner.idleCount;
    },
    get waitingCount() {
      return gate.waiting + inner.waitingCount;
    },
  };
}
