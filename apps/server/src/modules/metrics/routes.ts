import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import client from 'prom-client';
import { sql } from 'kysely';
import type { AppDeps } from '../../lib/deps.ts';
import { isSystemAdmin } from '../../lib/actor.ts';
import { AppError, forbidden } from '../../lib/errors.ts';
import { httpDuration, registry } from '../../lib/metrics.ts';

interface QueueRow {
  type: string;
  status: string;
  n: number;
  oldest: number | null;
}

/** Queue depth and the age of the oldest waiting job, read when Prometheus scrapes. */
function queueGauges(deps: AppDeps) {
  let rows: QueueRow[] = [];
  const depth = new client.Gauge({
    name: 'jiangtai_jobs',
    help: 'Background jobs by type and status',
    labelNames: ['type', 'status'] as const,
    registers: [],
  });
  const age = new client.Gauge({
    name: 'jiangtai_jobs_oldest_queued_seconds',
    help: 'Age of the oldest queued job by type (seconds since it became runnable)',
    labelNames: ['type'] as const,
    registers: [],
  });
  return {
    async refresh() {
      const now = deps.clock.now();
      const r = await sql<QueueRow>`
        SELECT type, status, count(*)::int AS n,
               extract(epoch FROM (${now}::timestamptz - min(run_at)))::float8 AS oldest
        FROM jobs WHERE status IN ('queued', 'running') GROUP BY type, status`.execute(deps.db);
      rows = r.rows;
      depth.reset();
      age.reset();
      for (const x of rows) {
        depth.set({ type: x.type, status: x.status }, x.n);
        if (x.status === 'queued' && x.oldest !== null) age.set({ type: x.type }, Math.max(0, x.oldest));
      }
    },
    registry: (() => {
      const r = new client.Registry();
      r.registerMetric(depth);
      r.registerMetric(age);
      return r;
    })(),
  };
}

/** Every API request's latency by route pattern; installed on the root app so it sees every route. */
export function installRequestMetrics(app: FastifyInstance) {
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url;
    if (!route?.startsWith('/api/') || route === '/api/metrics' || req.routeOptions.config.stream) return;
    httpDuration.observe(
      { method: req.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
}

/**
 * GET /api/metrics (Prometheus text format): request rates and latencies per route, job queue
 * depth and ages, upload bytes, database pool use, process memory. For system administrators signed
 * in, or a scraper presenting METRICS_TOKEN as a bearer token.
 */
export function metricsRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app) => {
    const queue = queueGauges(deps);
    const token = deps.config.METRICS_TOKEN;
    app.get('/api/metrics', { config: { auth: 'public' }, schema: { hide: true } }, async (req, reply) => {
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const tokenOk =
        !!token &&
        !!bearer &&
        Buffer.byteLength(bearer) === Buffer.byteLength(token) &&
        timingSafeEqual(Buffer.from(bearer), Buffer.from(token));
      if (!tokenOk) {
        if (!req.actor) throw new AppError('UNAUTHENTICATED', '请先登录，或在请求中提供 METRICS_TOKEN');
        if (!isSystemAdmin(req.actor)) throw forbidden('只有系统管理员可以查看运行指标');
      }
      await queue.refresh();
      const merged = client.Registry.merge([registry, queue.registry]);
      reply.header('content-type', merged.contentType);
      return merged.metrics();
    });
  };
}
