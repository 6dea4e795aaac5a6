import type { ServerResponse } from 'node:http';
import type { LiveSnapshot } from '@jiangtai/contracts';
import client from 'prom-client';
import { withRequestPriority } from '../../db/priority-gate.ts';
import { registry } from '../../lib/metrics.ts';
import type { LiveBus } from './bus.ts';

/**
 * The screens' push channel within one instance: per round, ONE snapshot is built per change and the
 * same serialized event is written to every viewer of that round (big screens, ranking screens,
 * phones), whatever their number. A burst of changes while a snapshot is being built costs one more
 * build, not one per change. A viewer whose connection does not keep up is dropped rather than
 * buffered without bound: its EventSource reconnects and receives the current state.
 */
export interface ScreenHubOptions {
  bus: LiveBus;
  build: (roundId: string) => Promise<LiveSnapshot>;
  log: { warn(obj: object, msg: string): void };
  /** A comment line this often keeps proxies and phones from closing an idle stream. */
  heartbeatMs?: number;
  /** Bytes waiting in a viewer's send buffer beyond which it is dropped. */
  maxBufferedBytes?: number;
}

export const HEARTBEAT_MS = 15_000;
export const MAX_BUFFERED_BYTES = 512 * 1024;
const RETRY_DELAYS_MS = [1000, 2000, 5000, 10_000, 30_000];

interface Viewer {
  res: ServerResponse;
  /** Version of the last snapshot written to it (-1: none yet). */
  sent: number;
}

interface Current {
  version: number;
  json: string;
  event: string;
  /** performance.now() when built. */
  builtAt: number;
  /** The timer was running: `elapsedMs` at `serverNow` ages, see `fresh`. */
  timerRunning: boolean;
}

/**
 * A screen computes a running timer from `elapsedMs` at `serverNow`, taking `serverNow` as the time
 * it received the snapshot. A snapshot built a while ago is handed to a new viewer only while the
 * timer is stopped; otherwise one build (shared by everyone joining meanwhile) makes a fresh one.
 */
export const FRESH_MS = 250;
const fresh = (c: Current) => !c.timerRunning || performance.now() - c.builtAt < FRESH_MS;

/**
 * The JSON endpoint (phones polling, first paint) shares the round's snapshot the same way: a round
 * that is polled but not streamed keeps its group, listening on the bus, for this long after the
 * last request, so a thousand phones polling cost one build per change, not one per request.
 */
export const POLL_KEEP_MS = 30_000;
/** A polled snapshot is rebuilt at least this often, should a change ever go unheard. */
export const POLL_MAX_AGE_MS = 5_000;

interface Group {
  roundId: string;
  viewers: Set<Viewer>;
  current: Current | null;
  /** A change arrived since `current` was built (or nothing was built yet). */
  stale: boolean;
  building: Promise<void> | null;
  failures: number;
  retry: NodeJS.Timeout | null;
  unsubscribe: () => void;
  /** performance.now() of the last JSON request for the round (0: never polled). */
  polledAt: number;
}

/** Formats a snapshot as one server-sent event; JSON.stringify output holds no newline. */
export function snapshotEvent(version: number, json: string): string {
  return `event: snapshot\nid: ${version}\ndata: ${json}\n\n`;
}

const hubs = new Set<ScreenHub>();

new client.Gauge({
  name: 'jiangtai_live_viewers',
  help: 'Screens and audience phones connected to the live push stream',
  registers: [registry],
  collect() {
    let n = 0;
    for (const hub of hubs) n += hub.viewerCount;
    this.set(n);
  },
});

const dropped = new client.Counter({
  name: 'jiangtai_live_viewers_dropped_total',
  help: 'Push-stream viewers disconnected because their connection could not keep up',
  registers: [registry],
});

const builds = new client.Counter({
  name: 'jiangtai_live_snapshots_built_total',
  help: 'Live snapshots built for the push stream (one per round and change, shared by its viewers)',
  registers: [registry],
});

export class ScreenHub {
  private readonly groups = new Map<string, Group>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly maxBuffered: number;
  private count = 0;
  private closed = false;

  constructor(private readonly options: ScreenHubOptions) {
    this.maxBuffered = options.maxBufferedBytes ?? MAX_BUFFERED_BYTES;
    this.heartbeat = setInterval(() => this.ping(), options.heartbeatMs ?? HEARTBEAT_MS);
    this.heartbeat.unref();
    hubs.add(this);
  }

  get viewerCount(): number {
    return this.count;
  }

  /** Starts streaming the round to `res` (headers already written); ends when the client leaves. */
  join(roundId: string, res: ServerResponse): void {
    if (this.closed) {
      res.end();
      return;
    }
    // The client left while its screen code was being looked up: its 'close' has already been
    // emitted and would never remove it, so it is not counted (nor its round listened to) at all.
    if (res.destroyed) return;
    const group = this.groupOf(roundId);
    const viewer: Viewer = { res, sent: -1 };
    group.viewers.add(viewer);
    this.count++;
    const g = group;
    res.on('close', () => this.leave(g, viewer));
    if (g.current && !g.stale && fresh(g.current)) this.send(g, viewer, g.current);
    else this.refresh(g);
  }

  /**
   * The round's current snapshot as JSON: the one in hand while no change has been heard since it was
   * built (and it is fresh), else one build shared by every request meanwhile. A round nobody streams
   * keeps its group for POLL_KEEP_MS after the last request.
   */
  async currentJson(roundId: string): Promise<string> {
    if (this.closed) return JSON.stringify(await this.options.build(roundId));
    const group = this.groupOf(roundId);
    group.polledAt = performance.now();
    const c = group.current;
    const outdated = !c || !fresh(c) || performance.now() - c.builtAt >= POLL_MAX_AGE_MS;
    // A build under way is new enough (a change heard during it makes it build once more).
    if (outdated && !group.building) this.refresh(group);
    await this.rebuild(group);
    if (group.current && !group.stale) return group.current.json;
    // The build failed: nothing is kept for a round nobody streams, and this request reports why.
    if (group.viewers.size === 0) this.drop(group);
    return JSON.stringify(await this.options.build(roundId));
  }

  /** Rounds whose snapshot is kept (streamed or polled lately), for tests. */
  get roundsKept(): number {
    return this.groups.size;
  }

  /** The round's group, made (and listening on the bus) on first use. */
  private groupOf(roundId: string): Group {
    const known = this.groups.get(roundId);
    if (known) return known;
    const g: Group = {
      roundId,
      viewers: new Set(),
      current: null,
      stale: true,
      building: null,
      failures: 0,
      retry: null,
      unsubscribe: () => {},
      polledAt: 0,
    };
    g.unsubscribe = this.options.bus.subscribe(roundId, () => this.onChange(g));
    this.groups.set(roundId, g);
    return g;
  }

  /** Ends every stream (shutdown); viewers reconnect to another instance or after the restart. */
  close(): void {
    this.closed = true;
    clearInterval(this.heartbeat);
    hubs.delete(this);
    for (const group of this.groups.values()) {
      group.unsubscribe();
      if (group.retry) clearTimeout(group.retry);
      for (const viewer of group.viewers) viewer.res.end();
    }
    this.groups.clear();
    this.count = 0;
  }

  private leave(group: Group, viewer: Viewer) {
    if (!group.viewers.delete(viewer)) return;
    this.count--;
    if (group.viewers.size > 0 || this.groups.get(group.roundId) !== group) return;
    // Nobody watches (nor polled lately): stop listening; the next viewer starts from a fresh snapshot.
    if (!this.pollExpired(group)) return;
    this.drop(group);
  }

  private pollExpired(group: Group) {
    return performance.now() - group.polledAt >= POLL_KEEP_MS;
  }

  private drop(group: Group) {
    if (this.groups.get(group.roundId) !== group) return;
    group.unsubscribe();
    if (group.retry) clearTimeout(group.retry);
    group.retry = null;
    this.groups.delete(group.roundId);
  }

  private onChange(group: Group) {
    this.refresh(group);
  }

  private refresh(group: Group) {
    group.stale = true;
    void this.rebuild(group);
  }

  /** Builds until no change is pending; concurrent callers share the one running build. */
  private rebuild(group: Group): Promise<void> {
    group.building ??= this.buildLoop(group).finally(() => (group.building = null));
    return group.building;
  }

  private async buildLoop(group: Group) {
    while (group.stale && this.groups.get(group.roundId) === group) {
      group.stale = false;
      let snapshot: LiveSnapshot;
      try {
        // Outside any one viewer's request: on the embedded database it queues as a request starting now.
        snapshot = await withRequestPriority({ startedAt: performance.now(), long: false }, () =>
          this.options.build(group.roundId),
        );
      } catch (err) {
        group.stale = true;
        // Only a viewer waits for a retry; a poller's request reports the failure itself.
        if (group.viewers.size > 0) this.scheduleRetry(group, err);
        return;
      }
      builds.inc();
      group.failures = 0;
      if (group.current && snapshot.version < group.current.version) continue;
      const json = JSON.stringify(snapshot);
      group.current = {
        version: snapshot.version,
        json,
        event: snapshotEvent(snapshot.version, json),
        builtAt: performance.now(),
        timerRunning: snapshot.timer.running,
      };
      // Viewers that have this version already (a rebuild for a newcomer) are not sent it again.
      for (const viewer of group.viewers) this.send(group, viewer, group.current);
    }
  }

  /** A failed build (the database away) is tried again while someone watches. */
  private scheduleRetry(group: Group, err: unknown) {
    const delay = RETRY_DELAYS_MS[Math.min(group.failures, RETRY_DELAYS_MS.length - 1)]!;
    group.failures++;
    this.options.log.warn(
      { roundId: group.roundId, err: err instanceof Error ? err.message : String(err), retryInMs: delay },
      'live screens: snapshot could not be built',
    );
    if (group.retry) return;
    group.retry = setTimeout(() => {
      group.retry = null;
      if (this.groups.get(group.roundId) === group) void this.rebuild(group);
    }, delay);
    group.retry.unref();
  }

  private send(group: Group, viewer: Viewer, current: Current) {
    if (viewer.sent >= current.version) return;
    if (this.write(group, viewer, current.event)) viewer.sent = current.version;
  }

  private write(group: Group, viewer: Viewer, chunk: string): boolean {
    const { res } = viewer;
    if (res.destroyed || res.writableEnded) {
      // Gone without a 'close' we heard: not a viewer any more.
      this.leave(group, viewer);
      return false;
    }
    // Still holding this much that the client has not taken: it is too far behind to catch up.
    if (res.writableLength > this.maxBuffered) {
      dropped.inc();
      this.leave(group, viewer);
      res.destroy();
      return false;
    }
    res.write(chunk);
    return true;
  }

  private ping() {
    for (const group of this.groups.values()) {
      for (const viewer of group.viewers) this.write(group, viewer, ': ping\n\n');
      // A round only polled, and not lately: its snapshot is let go.
      if (group.viewers.size === 0 && this.pollExpired(group)) this.drop(group);
    }
  }
}
