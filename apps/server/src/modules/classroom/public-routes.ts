import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { shareCodeSchema, text } from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import { sendFileWithRanges } from '../media/assets-files.ts';
import type { lectureQueries } from './queries.ts';

const tags = ['classroom'];
const codeParams = z.object({ code: shareCodeSchema });
/** Enough for a classroom of phones behind one address playing segments; far below a scraper's pace. */
const config = { auth: 'public' as const, rateLimit: { max: 1200, timeWindow: '1 minute' } };

/**
 * A published public lecture without signing in (/p/classroom/<code> and the embed): its facts, HLS
 * playlists and segments, poster and the documents' PDFs — only while it is published and public.
 */
export function publicClassroomRoutes(
  _deps: AppDeps,
  queries: ReturnType<typeof lectureQueries>,
): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/public/classroom/:code',
      { schema: { tags, summary: '公开的微课（无需登录）', params: codeParams }, config },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        return queries.publicDetail(req.params.code);
      },
    );
    app.get(
      '/api/public/classroom/:code/hls/:name',
      {
        schema: {
          tags,
          summary: '公开微课的 HLS 播放列表与分片（无需登录）',
          params: codeParams.extend({ name: text().max(64) }),
        },
        config,
      },
      async (req, reply) => {
        const f = await queries.publicVideoFile(req.params.code, req.params.name);
        const res = await sendFileWithRanges(reply, f.file, f.type, {
          range: req.headers.range,
          cacheSeconds: f.playlist ? 60 : 3600,
          notFoundMessage: '该视频分片不存在',
        });
        return res;
      },
    );
    app.get(
      '/api/public/classroom/:code/poster.jpg',
      { schema: { tags, summary: '公开微课的封面图（无需登录）', params: codeParams }, config },
      async (req, reply) =>
        sendFileWithRanges(reply, await queries.publicPoster(req.params.code), 'image/jpeg', {
          range: req.headers.range,
          cacheSeconds: 3600,
          notFoundMessage: '封面图不存在',
        }),
    );
    app.get(
      '/api/public/classroom/:code/files/:kind/preview',
      {
        schema: {
          tags,
          summary: '公开微课的讲稿、课件（平台生成的 PDF，无需登录）',
          params: codeParams.extend({
            kind: z.enum(['manuscript', 'courseware'], { message: '文件类型不正确' }),
          }),
        },
        config,
      },
      async (req, reply) =>
        sendFileWithRanges(
          reply,
          await queries.publicPreview(req.params.code, req.params.kind),
          'application/pdf',
          {
            range: req.headers.range,
            cacheSeconds: 300,
            notFoundMessage: '文档的在线阅读版不存在',
          },
        ),
    );
  };
}
