import { EventEmitter } from 'node:events';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { DB } from '../../db/types.ts';

/**
 * Tells whoever shows a live round (big screen, audience view, MC console) that the round changed.
 * Services commit first, then call `changed(roundId)`; listeners re-read what they show. A change
 * carries no data, so a listener never sees state that was not committed.
 *
 * With the embedded database there is one instance, and a change is delivered within the process.
 * With PostgreSQL (several instances behind nginx) a change is sent as `NOTIFY jt_live, '<roundId>'`
 * and every instance, the sender included, hears it on a connection of its own that LISTENs; a
 * viewer connected to any instance is told. That connection comes back by itself after a database
 * restart or a terminated backend, and then reports every watched round as changed, since
 * notifications sent meanwhile were lost.
 */
export interface LiveBusLogger {
  warn(obj: object, msg: string): void;
}

export interface PostgresBusOptions {
  /** The server to LISTEN on (the app's DATABASE_URL). */
  connectionString: string;
  /** Where NOTIFY is sent (the app's pool, so a lost connection is retried there). */
  db: Kysely<DB>;
  /** Channel name; tests use their own so parallel runs do not hear each other. */
  channel?: string;
  log: LiveBusLogger;
  /** Waits before reconnecting, the last one repeated (default 250 ms doubling to 10 s). */
  retryDelaysMs?: number[];
  /** Shown in pg_stat_activity. */
  applicationName?: string;
}

export const LIVE_CHANNEL = 'jt_live';
const DEFAULT_RETRY_DELAYS = [250, 500, 1000, 2000, 5000, 10_000];

export class LiveBus {
  private readonly emitter = new EventEmitter();
  private readonly listener: PostgresListener | null;

  constructor(postgres?: PostgresBusOptions) {
    // One listener per connected screen group, not per viewer; still, no warning at 10.
    this.emitter.setMaxListeners(0);
    this.listener = postgres
      ? new PostgresListener(
          postgres,
          (roundId) => this.deliver(roundId),
          () => this.deliverAll(),
        )
      : null;
  }

  /** 'postgres' when changes travel through NOTIFY between instances, else 'process'. */
  get mode(): 'postgres' | 'process' {
    return this.listener ? 'postgres' : 'process';
  }

  /** Resolves once changes can be heard (at once within a process; after the first LISTEN on PostgreSQL). */
  ready(): Promise<void> {
    return this.listener ? this.listener.ready : Promise.resolve();
  }

  changed(roundId: string): void {
    if (!this.listener) {
      this.deliver(roundId);
      return;
    }
    // The sender hears its own notification like every other instance. Should NOTIFY fail (the
    // database is away), this instance's viewers are still told; the others catch up when their
    // LISTEN connection comes back.
    this.listener.notify(roundId).catch(() => this.deliver(roundId));
  }

  /** Calls `listener` after each change of the round; returns the unsubscribe function. */
  subscribe(roundId: string, listener: (roundId: string) => void): () => void {
    this.emitter.on(roundId, listener);
    return () => this.emitter.off(roundId, listener);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
    await this.listener?.close();
  }

  private deliver(roundId: string) {
    this.emitter.emit(roundId, roundId);
  }

  private deliverAll() {
    for (const name of this.emitter.eventNames()) if (typeof name === 'string') this.deliver(name);
  }
}

const describe = (err: unknown) => ({
  message: err instanceof Error ? err.message : String(err),
  code: (err as { code?: unknown } | null)?.code,
});

/** One dedicated connection doing LISTEN, reopened with backoff whenever it is lost. */
class PostgresListener {
  readonly ready: Promise<void>;
  private markReady!: () => void;
  private client: pg.Client | null = null;
  private closed = false;
  private failures = 0;
  private connectedOnce = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly channel: string;
  private readonly delays: number[];

  constructor(
    private readonly options: PostgresBusOptions,
    private readonly onNotify: (roundId: string) => void,
    private readonly onReconnect: () => void,
  ) {
    this.channel = options.channel ?? LIVE_CHANNEL;
    this.delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS;
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    void this.connect();
  }

  async notify(roundId: string): Promise<void> {
    await sql`SELECT pg_notify(${this.channel}, ${roundId})`.execute(this.options.db);
  }

  private async connect() {
    if (this.closed) return;
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      application_name: this.options.applicationName ?? 'jiangtai-live',
      // A half-open connection (a vanished server) is noticed instead of listening forever.
      keepAlive: true,
    });
    this.client = client;
    let lost = false;
    const onLost = (err?: unknown) => {
      if (lost) return;
      lost = true;
      client.removeAllListeners('notification');
      if (this.client === client) this.client = null;
      void client.end().catch(() => {});
      if (this.closed) return;
      this.options.log.warn(
        { err: err ? describe(err) : undefined, channel: this.channel },
        'live updates: LISTEN connection lost, reconnecting',
      );
      this.scheduleRetry();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (msg) => {
      if (msg.channel === this.channel && msg.payload) this.onNotify(msg.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel.replace(/"/g, '""')}"`);
    } catch (err) {
      onLost(err);
      return;
    }
    if (this.closed || lost) return;
    this.failures = 0;
    if (this.connectedOnce) this.onReconnect();
    this.connectedOnce = true;
    this.markReady();
  }

  private scheduleRetry() {
    if (this.closed || this.retryTimer) return;
    const delay = this.delays[Math.min(this.failures, this.delays.length - 1)] ?? 1000;
    this.failures++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delay);
    this.retryTimer.unref();
  }

  async close() {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    if (client) {
      client.removeAllListeners('notification');
      await client.end().catch(() => {});
    }
  }
}
