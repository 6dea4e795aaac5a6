import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.ts';

type Result = { current: number; ttl: number };
type Callback = (error: Error | null, result?: Result) => void;

/**
 * @fastify/rate-limit's counters in the database (table rate_limits) instead of its default
 * in-process memory: with several app instances behind nginx, in-memory counters would let a
 * client make the limit's worth of login attempts on every instance. One row per route and key
 * (client address), a fixed window; times are the database's, shared by every instance.
 * Register with `store: databaseRateLimitStore(db)`.
 */
export function databaseRateLimitStore(db: Kysely<DB>): FastifyRateLimitStoreCtor {
  const shared = { calls: 0 };
  // The plugin calls `new Store(globalOptions)`, then child(routeOptions) per limited route.
  return class extends DatabaseRateLimitStore {
    constructor() {
      super(db, '', shared);
    }
  };
}

/** "POST /api/auth/login|": the counters of each limited route are its own. */
function routePrefix(options: object): string {
  const route = (options as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo;
  return route?.url ? `${[route.method].flat().join(',')} ${route.url}|` : '';
}

class DatabaseRateLimitStore implements FastifyRateLimitStore {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly prefix: string,
    private readonly shared: { calls: number },
  ) {}

  incr(key: string, callback: Callback, timeWindow: number) {
    const window = `${timeWindow} milliseconds`;
    sql<Result>`
      INSERT INTO rate_limits AS r (key, count, window_until)
      VALUES (${this.prefix + key}, 1, now() + ${window}::interval)
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN r.window_until <= now() THEN 1 ELSE r.count + 1 END,
        window_until = CASE WHEN r.window_until <= now() THEN now() + ${window}::interval
                            ELSE r.window_until END
      RETURNING count AS current,
                greatest(0, ceil(extract(epoch FROM window_until - now()) * 1000))::int AS ttl
    `
      .execute(this.db)
      .then((res) => callback(null, res.rows[0]))
      .catch((error: Error) => callback(error));
    // Now and then, forget the counters of windows long over (one row per address and route).
    if (++this.shared.calls % 200 === 0)
      void this.db
        .deleteFrom('rate_limits')
        .where('window_until', '<', sql<Date>`now() - interval '1 day'`)
        .execute()
        .catch(() => undefined);
  }

  read(key: string, callback: Callback) {
    sql<Result>`
      SELECT count AS current,
             greatest(0, ceil(extract(epoch FROM window_until - now()) * 1000))::int AS ttl
        FROM rate_limits WHERE key = ${this.prefix + key} AND window_until > now()
    `
      .execute(this.db)
      .then((res) => callback(null, res.rows[0] ?? { current: 0, ttl: 0 }))
      .catch((error: Error) => callback(error));
  }

  child(routeOptions: object): FastifyRateLimitStore {
    return new DatabaseRateLimitStore(this.db, routePrefix(routeOptions), this.shared);
  }
}
