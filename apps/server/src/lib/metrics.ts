import client from 'prom-client';
import type { PoolCounts } from '../db/priority-gate.ts';

/**
 * The process's Prometheus registry (one per process: several test apps in one process share it).
 * Request latencies are labelled by route pattern, never the raw URL, so the series stay few.
 */
export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry, prefix: 'jiangtai_' });

export const httpDuration = new client.Histogram({
  name: 'jiangtai_http_request_duration_seconds',
  help: 'HTTP request duration by method, route pattern and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const uploadBytes = new client.Counter({
  name: 'jiangtai_upload_bytes_total',
  help: 'Bytes of uploads completed and stored',
  registers: [registry],
});

const pools = new Map<PoolCounts, string>();

/** Database pools report total / idle / waiting connections on each scrape. */
export function trackPool(pool: PoolCounts, kind: string): () => void {
  pools.set(pool, kind);
  return () => pools.delete(pool);
}

new client.Gauge({
  name: 'jiangtai_db_pool_connections',
  help: 'Database pool connections by state (total, idle, waiting requests)',
  labelNames: ['db', 'state'] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const [pool, kind] of pools) {
      this.set({ db: kind, state: 'total' }, pool.totalCount);
      this.set({ db: kind, state: 'idle' }, pool.idleCount);
      this.set({ db: kind, state: 'waiting' }, pool.waitingCount);
    }
  },
});
