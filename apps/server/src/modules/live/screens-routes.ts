import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { LiveSnapshot } from '@jiangtai/contracts';
import type { DB } from '../../db/types.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import { ScreenHub, type ScreenHubOptions } from './screens-hub.ts';

/**
 * Where the screens' state comes from: the live module's snapshot of a round and the round a
 * screen code shows. Passed in, so the push channel does not depend on how the evening is stored.
 */
export interface ScreenSource {
  snapshot(db: Kysely<DB>, roundId: string): Promise<LiveSnapshot>;
  /** The round a screen code shows, or null for an unknown code. */
  resolveScreen(db: Kysely<DB>, screenCode: string): Promise<string | null>;
}

export interface ScreenRoutesOptions extends Pick<ScreenHubOptions, 'heartbeatMs' | 'maxBufferedBytes'> {
  /** Streams this instance holds at most; more are answered 503 (another instance may take them). */
  maxViewers?: number;
}

export const MAX_VIEWERS = 5000;
/** Screen codes are looked up once per this long, not once per phone joining. */
const CODE_TTL_MS = 10_000;
const CODE_CACHE_MAX = 1000;

const params = z.object({
  screenCode: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '大屏地址无效，请核对链接（只含字母、数字、- 和 _）'),
});

const unknownScreen = () =>
  new AppError('NOT_FOUND', '没有找到这个大屏：地址可能输错了，或比赛已取消。请向组织者核对大屏链接。');

/**
 * The screens' public endpoints (no account: the big screen, the ranking screen and the audience's
 * phones are anonymous):
 * - GET /api/live/screens/:screenCode — the round's snapshot as JSON (first paint, reload, no SSE);
 * - GET /api/live/screens/:screenCode/stream — server-sent events: the snapshot at once, then after
 *   every change (`event: snapshot`, `id: <version>`), and a comment line every 15 s.
 */
export function liveScreenRoutes(
  deps: AppDeps,
  source: ScreenSource,
  options: ScreenRoutesOptions = {},
): FastifyPluginAsyncZod {
  return async (app) => {
    const hub = new ScreenHub({
      bus: app.liveBus,
      build: (roundId) => source.snapshot(deps.db, roundId),
      log: app.log,
      heartbeatMs: options.heartbeatMs,
      maxBufferedBytes: options.maxBufferedBytes,
    });
    const maxViewers = options.maxViewers ?? MAX_VIEWERS;
    // Open streams would keep the server from closing: end them first (clients reconnect elsewhere).
    app.addHook('preClose', async () => hub.close());

    const codes = new Map<string, { roundId: string; until: number }>();
    async function roundFor(screenCode: string): Promise<string> {
      const now = performance.now();
      const known = codes.get(screenCode);
      if (known && known.until > now) return known.roundId;
      const roundId = await source.resolveScreen(deps.db, screenCode);
      if (!roundId) throw unknownScreen();
      if (codes.size >= CODE_CACHE_MAX) codes.clear();
      codes.set(screenCode, { roundId, until: now + CODE_TTL_MS });
      return roundId;
    }

    app.get(
      '/api/live/screens/:screenCode',
      {
        config: { auth: 'public' },
        schema: { tags: ['live'], summary: '大屏 / 观众页：比赛当前状态', params },
      },
      async (req, reply) => {
        const json = await hub.currentJson(await roundFor(req.params.screenCode));
        return reply.header('cache-control', 'no-store').type('application/json; charset=utf-8').send(json);
      },
    );

    app.get(
      '/api/live/screens/:screenCode/stream',
      {
        // A viewing lasts hours: not a latency for the request metrics.
        config: { auth: 'public', stream: true },
        schema: { tags: ['live'], summary: '大屏 / 观众页：实时推送（text/event-stream）', params },
      },
      async (req, reply) => {
        const roundId = await roundFor(req.params.screenCode);
        if (hub.viewerCount >= maxViewers)
          throw new AppError('SERVICE_UNAVAILABLE', '观看人数已满，请稍后刷新页面再试');
        // From here the response is ours: Fastify neither serialises nor ends it.
        reply.hijack();
        const res = reply.raw;
        req.raw.socket.setTimeout(0);
        req.raw.socket.setNoDelay(true);
        res.writeHead(200, {
          ...(reply.getHeaders() as Record<string, string>),
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
          // nginx must pass each event on at once, not buffer the response.
          'x-accel-buffering': 'no',
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'same-origin',
        });
        // EventSource waits this long before reconnecting after the stream ends.
        res.write('retry: 2000\n\n');
        hub.join(roundId, res);
      },
    );
  };
}
