import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  idSchema,
  poolCreateSchema,
  poolSpeakerListQuerySchema,
  poolUpdateSchema,
  speakerDecisionSchema,
  speakerDetailsSchema,
  speakerDirectSchema,
  speakerFromEntrySchema,
  speakerNominateSchema,
  speakerReasonSchema,
} from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import { auditContext, requireActor } from '../../lib/request.ts';
import { contentDisposition } from '../org/excel/routes.ts';
import { XLSX_MIME } from './export.ts';
import { mySpeakerRows } from './mine.ts';
import { speakerPhotos } from './photo.ts';
import { poolService } from './service.ts';
import { speakerService } from './speakers.ts';

const tags = ['pool'];
const params = z.object({ id: idSchema });
const overviewQuery = z.object({ orgId: idSchema.optional() });

/** 师资库: pools, their speakers (入库、推荐、审核、退出、退库), the overview and the 统计表. */
export function poolRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const pools = poolService(deps);
  const speakers = speakerService(deps);
  const photos = speakerPhotos(deps);
  return async (app) => {
    app.get('/api/pools', { schema: { tags, summary: '我可查看的师资库' } }, async (req) =>
      pools.list(requireActor(req)),
    );
    app.post(
      '/api/pools',
      { schema: { tags, summary: '为组织建立师资库（每个组织一个）', body: poolCreateSchema } },
      async (req, reply) => {
        const out = await pools.create(requireActor(req), req.body, auditContext(req));
        reply.code(201);
        return out;
      },
    );
    app.get(
      '/api/pools/overview',
      { schema: { tags, summary: '组织及各下级师资库人数与目标（滞后的在前）', querystring: overviewQuery } },
      async (req) => pools.overview(requireActor(req), req.query.orgId),
    );
    app.get(
      '/api/pools/overview/export',
      {
        schema: {
          tags,
          summary: '导出本级及各下级师资库统计表（.xlsx，每个师资库一页）',
          querystring: overviewQuery,
        },
      },
      async (req, reply) => {
        const out = await pools.exportOverview(requireActor(req), req.query.orgId, auditContext(req));
        return sendXlsx(reply, out);
      },
    );
    app.get(
      '/api/pools/:id',
      {
        schema: {
          tags,
          summary: '师资库：人数与目标、宣讲员（可筛选）',
          params,
          querystring: poolSpeakerListQuerySchema,
        },
      },
      async (req) => pools.view(requireActor(req), req.params.id, req.query),
    );
    app.patch(
      '/api/pools/:id',
      { schema: { tags, summary: '修改师资库名称或目标人数', params, body: poolUpdateSchema } },
      async (req) => pools.update(requireActor(req), req.params.id, req.body, auditContext(req)),
    );
    app.get(
      '/api/pools/:id/export',
      { schema: { tags, summary: '导出师资库统计表（.xlsx）', params } },
      async (req, reply) =>
        sendXlsx(reply, await pools.exportPool(requireActor(req), req.params.id, auditContext(req))),
    );
    app.post(
      '/api/pools/:id/speakers',
      { schema: { tags, summary: '直接入库（如外请专家）', params, body: speakerDirectSchema } },
      async (req, reply) => {
        const out = await speakers.addDirect(requireActor(req), req.params.id, req.body, auditContext(req));
        reply.code(201);
        return out;
      },
    );
    app.post(
      '/api/pools/:id/speakers/from-entry',
      {
        schema: {
          tags,
          summary: '比赛推选：把参赛作品的宣讲人加入师资库',
          params,
          body: speakerFromEntrySchema,
        },
      },
      async (req, reply) => {
        const out = await speakers.addFromEntry(
          requireActor(req),
          req.params.id,
          req.body.entryId,
          auditContext(req),
        );
        reply.code(201);
        return out;
      },
    );
    app.post(
      '/api/pools/:id/nominations',
      { schema: { tags, summary: '推荐本单位党员入库（待审核）', params, body: speakerNominateSchema } },
      async (req, reply) => {
        const out = await speakers.nominate(requireActor(req), req.params.id, req.body, auditContext(req));
        reply.code(201);
        return out;
      },
    );
    app.get(
      '/api/pool-speakers/mine',
      { schema: { tags, summary: '我的师资库：本人在库的师资库' } },
      async (req) => mySpeakerRows(deps.db, requireActor(req)),
    );
    app.get(
      '/api/pool-speakers/:id',
      { schema: { tags, summary: '宣讲员详情与入库记录', params } },
      async (req) => speakers.get(requireActor(req), req.params.id),
    );
    app.patch(
      '/api/pool-speakers/:id',
      {
        schema: {
          tags,
          summary: '修改宣讲员的专长、适合对象、简介、可宣讲时间',
          params,
          body: speakerDetailsSchema,
        },
      },
      async (req) => speakers.update(requireActor(req), req.params.id, req.body, auditContext(req)),
    );
    app.get(
      '/api/pool-speakers/:id/photo',
      {
        schema: {
          tags,
          summary: '宣讲员照片（或缩略图）',
          params,
          querystring: z.object({
            variant: z.enum(['full', 'thumb'], { message: '照片规格无效' }).default('full'),
            v: idSchema.optional(),
          }),
        },
      },
      async (req, reply) =>
        photos.send(requireActor(req), req.params.id, req.query.variant, reply, req.headers.range),
    );
    app.delete(
      '/api/pool-speakers/:id/photo',
      { schema: { tags, summary: '删除宣讲员照片（上传、更换照片用 speaker-photo 上传）', params } },
      async (req) => photos.remove(requireActor(req), req.params.id, auditContext(req)),
    );
    app.post(
      '/api/pool-speakers/:id/decision',
      { schema: { tags, summary: '审核入库推荐（不通过须写明原因）', params, body: speakerDecisionSchema } },
      async (req) => speakers.decide(requireActor(req), req.params.id, req.body, auditContext(req)),
    );
    app.post(
      '/api/pool-speakers/:id/leave',
      {
        schema: { tags, summary: '退出师资库（本人或管理者，写明原因）', params, body: speakerReasonSchema },
      },
      async (req) =>
        speakers.leave(requireActor(req), req.params.id, req.body.reason, auditContext(req), 'left'),
    );
    app.post(
      '/api/pool-speakers/:id/retire',
      { schema: { tags, summary: '退库（管理者，写明原因）', params, body: speakerReasonSchema } },
      async (req) =>
        speakers.leave(requireActor(req), req.params.id, req.body.reason, auditContext(req), 'retired'),
    );
  };
}

function sendXlsx(
  reply: import('fastify').FastifyReply,
  out: { buffer: Buffer; fileName: string; asciiName: string },
) {
  return reply
    .type(XLSX_MIME)
    .header('content-disposition', contentDisposition(out.fileName, out.asciiName))
    .header('cache-control', 'private, no-store')
    .send(out.buffer);
}
