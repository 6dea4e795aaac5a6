import type pg from 'pg';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import {
  isConnectionLost,
  isSafeToRetry,
  isTransientConnectError,
  noteLostConnection,
} from './connection-errors.ts';

export interface DbLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

const describe = (err: unknown) => ({
  message: err instanceof Error ? err.message : String(err),
  code: (err as { code?: unknown } | null)?.code,
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The PostgreSQL pool as Kysely sees it, made to survive dropped connections (a database restart,
 * pg_terminate_backend, a failover):
 * - an error on any client, idle or checked out, is logged instead of crashing the process
 *   (node-postgres emits 'error' with no listener on a checked-out client between statements);
 * - connecting is tried again for about two seconds while the server refuses or is starting up;
 * - a statement outside a transaction that the server certainly did not run (isSafeToRetry) is run
 *   once more on a fresh connection. Inside a transaction nothing is repeated: the error reaches the
 *   caller, the transaction is rolled back and the request answers 503 (lib/error-handler.ts).
 */
export function resilientPool(
  pool: pg.Pool,
  log: DbLogger,
  connectDelaysMs = [100, 400, 1500],
): PostgresPool {
  pool.on('error', (err) =>
    log.error({ err: describe(err) }, 'database connection lost while idle; the pool opens a new one'),
  );

  async function connect(): Promise<pg.PoolClient> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await pool.connect();
      } catch (err) {
        if (attempt >= connectDelaysMs.length || !isTransientConnectError(err)) {
          noteLostConnection(err);
          throw err;
        }
        log.warn({ err: describe(err), attempt: attempt + 1 }, 'database connection failed, trying again');
        await sleep(connectDelaysMs[attempt]!);
      }
    }
  }

  return {
    async connect(): Promise<PostgresPoolClient> {
      return new RetryingClient(await connect(), connect, log);
    },
    end: () => pool.end(),
  };
}

const BEGIN = /^\s*(begin|start\s+transaction)\b/i;
const END = /^\s*(commit|rollback|end|abort)\b(?!\s+to\b)/i;

class RetryingClient {
  #client: pg.PoolClient;
  #inTransaction = false;
  /** Saw its connection fail: it goes back to the pool to be destroyed, never reused. */
  #broken = false;
  readonly #onError = (err: Error) => {
    this.#broken = true;
    this.log.error({ err: describe(err) }, 'database connection lost while in use');
  };

  constructor(
    client: pg.PoolClient,
    private readonly reconnect: () => Promise<pg.PoolClient>,
    private readonly log: DbLogger,
  ) {
    this.#client = client;
    client.on('error', this.#onError);
  }

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(
    sqlOrCursor: string | PostgresCursor<R>,
    parameters?: ReadonlyArray<unknown>,
  ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    // Streaming through a cursor (none is configured today) is passed through untouched.
    if (typeof sqlOrCursor !== 'string') return this.#client.query(sqlOrCursor as never) as PostgresCursor<R>;
    return this.#statement<R>(sqlOrCursor, parameters ?? []);
  }

  async #statement<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
    try {
      return await this.#run<R>(sql, parameters);
    } catch (err) {
      if (isConnectionLost(err)) this.#broken = true;
      if (this.#inTransaction || !isSafeToRetry(err)) {
        noteLostConnection(err);
        throw err;
      }
      this.log.warn({ err: describe(err) }, 'statement not run on a lost connection; running it again');
      this.#swap(await this.reconnect(), err);
      try {
        return await this.#run<R>(sql, parameters);
      } catch (again) {
        noteLostConnection(again);
        throw again;
      }
    }
  }

  async #run<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
    const result = await this.#client.query(sql, parameters as unknown[]);
    if (BEGIN.test(sql)) this.#inTransaction = true;
    else if (END.test(sql)) this.#inTransaction = false;
    return result as unknown as PostgresQueryResult<R>;
  }

  /** Gives the broken client back (the pool destroys it) and continues on `next`. */
  #swap(next: pg.PoolClient, err: unknown) {
    this.#client.removeListener('error', this.#onError);
    this.#client.release(err instanceof Error ? err : true);
    this.#client = next;
    this.#broken = false;
    next.on('error', this.#onError);
  }

  release() {
    this.#client.removeListener('error', this.#onError);
    this.#client.release(this.#broken || undefined);
  }
}
