import fs from 'node:fs';
import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { conflictDeclareSchema, idSchema, scoreInputSchema, text } from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import { auditContext, requireActor } from '../../lib/request.ts';
import { sendFileWithRanges } from '../media/assets-files.ts';
import type { JudgeFile } from './judging-documents.ts';
import { judgingService } from './judging-service.ts';

const tags = ['judging'];
const roundParams = z.object({ id: idSchema });
const codeSchema = z.string().regex(/^[A-Z0-9]{6}$/, '作品编号不正确');
const itemParams = roundParams.extend({ code: codeSchema });

/** The judge's side: only rounds on whose panel they sit, only assigned entries, only by code. */
export function judgingRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const judging = judgingService(deps);
  return async (app) => {
    app.get('/api/judging/rounds', { schema: { tags, summary: '我参加的评审轮次' } }, async (req) =>
      judging.myRounds(requireActor(req)),
    );

    app.get(
      '/api/judging/rounds/:id',
      { schema: { tags, summary: '我的待评作品（盲评时只显示编号）', params: roundParams } },
      async (req) => judging.queue(requireActor(req), req.params.id),
    );

    app.get(
      '/api/judging/rounds/:id/items/:code',
      { schema: { tags, summary: '一件待评作品：材料、评分标准、我的评分', params: itemParams } },
      async (req) => judging.item(requireActor(req), req.params.id, req.params.code),
    );

    app.put(
      '/api/judging/rounds/:id/items/:code/score',
      {
        schema: { tags, summary: '暂存或提交评分（提交后锁定）', params: itemParams, body: scoreInputSchema },
      },
      async (req) =>
        judging.score(requireActor(req), req.params.id, req.params.code, req.body, auditContext(req)),
    );

    app.post(
      '/api/judging/rounds/:id/items/:code/conflict',
      {
        schema: {
          tags,
          summary: '声明回避（作品改由其他评委评审）',
          params: itemParams,
          body: conflictDeclareSchema,
        },
      },
      async (req) =>
        judging.declareConflict(
          requireActor(req),
          req.params.id,
          req.params.code,
          req.body.reason,
          auditContext(req),
        ),
    );

    app.get(
      '/api/judging/rounds/:id/items/:code/materials/:material',
      {
        schema: {
          tags,
          summary: '查看作品材料（盲评时只提供平台生成的 PDF，以编号命名）',
          params: itemParams.extend({ material: z.enum(['manuscript', 'courseware', 'video']) }),
        },
      },
      async (req, reply) => {
        const f = await judging.materialFile(
          requireActor(req),
          req.params.id,
          req.params.code,
          req.params.material,
        );
        return sendJudgeFile(reply, f);
      },
    );

    app.get(
      '/api/judging/rounds/:id/items/:code/materials/:material/preview',
      {
        schema: {
          tags,
          summary: '在线查看材料（平台生成的 PDF：逐页重新绘制，不含原文件的任何属性）',
          params: itemParams.extend({ material: z.enum(['manuscript', 'courseware']) }),
        },
      },
      async (req, reply) => {
        const f = await judging.previewFile(
          requireActor(req),
          req.params.id,
          req.params.code,
          req.params.material,
        );
        return sendJudgeFile(reply, f);
      },
    );

    app.get(
      '/api/judging/rounds/:id/items/:code/video/:name',
      {
        schema: {
          tags,
          summary: '作品视频（HLS 播放列表、分片和封面，按编号访问）',
          params: itemParams.extend({ name: text().max(64) }),
        },
      },
      async (req, reply) => {
        const f = await judging.videoFile(requireActor(req), req.params.id, req.params.code, req.params.name);
        return sendFileWithRanges(reply, f.file, f.type, {
          range: req.headers.range,
          cacheSeconds: f.playlist ? 60 : 3600,
          notFoundMessage: '视频文件不存在',
        });
      },
    );
  };
}

function sendJudgeFile(reply: FastifyReply, f: JudgeFile) {
  return reply
    .header('content-type', f.mime)
    .header('content-disposition', f.disposition)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(f.kind === 'path' ? fs.createReadStream(f.path) : f.stream);
}
