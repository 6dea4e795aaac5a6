import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  idSchema,
  lectureCorrectionSchema,
  lectureDeleteSchema,
  lectureListQuerySchema,
  lectureReasonSchema,
  lectureRecordCreateSchema,
  lectureRecordFieldsSchema,
} from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import { auditContext, requireActor } from '../../lib/request.ts';
import { contentDisposition } from '../entries/file-names.ts';
import { sendFileWithRanges } from '../media/assets-files.ts';
import { storedFileStream } from '../uploads/stored-files.ts';
import { lectureQueries } from './queries.ts';
import { lectureService } from './service.ts';

const tags = ['lectures'];
const idParams = z.object({ id: idSchema });

/** Lecture records (宣讲记录): HTTP only; rules in service.ts, who may in policy.ts. */
export function lectureRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const service = lectureService(deps);
  const queries = lectureQueries(deps);
  return async (app) => {
    app.get(
      '/api/lectures/branches',
      { schema: { tags, summary: '我担任书记、副书记的支部（可登记宣讲记录）' } },
      async (req) => queries.myBranches(requireActor(req)),
    );

    app.get(
      '/api/lectures/branches/:orgId/form',
      {
        schema: {
          tags,
          summary: '登记宣讲记录的可选项：参与的活动、在册党员、今天的日期',
          params: z.object({ orgId: idSchema }),
        },
      },
      async (req) => queries.formOptions(requireActor(req), req.params.orgId),
    );

    app.post(
      '/api/lectures/records',
      {
        schema: {
          tags,
          summary: '登记一次宣讲（同一提交标识重复提交只保存一次）',
          body: lectureRecordCreateSchema,
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        const saved = await service.create(actor, req.body, auditContext(req));
        reply.code(saved.replayed ? 200 : 201);
        return { ...(await queries.detail(actor, saved.id)), replayed: saved.replayed };
      },
    );

    app.get(
      '/api/lectures/records',
      {
        schema: {
          tags,
          summary: '宣讲记录列表（按支部、活动、状态筛选）',
          querystring: lectureListQuerySchema,
        },
      },
      async (req) => queries.list(requireActor(req), req.query),
    );

    app.get(
      '/api/lectures/mine',
      { schema: { tags, summary: '我的宣讲（我作为宣讲人的记录）' } },
      async (req) => queries.mine(requireActor(req)),
    );

    app.get(
      '/api/lectures/records/:id',
      { schema: { tags, summary: '一条宣讲记录（照片、参加人员、更正记录）', params: idParams } },
      async (req) => queries.detail(requireActor(req), req.params.id),
    );

    app.patch(
      '/api/lectures/records/:id',
      {
        schema: {
          tags,
          summary: '支部修改未确认的记录（已退回的修改后重新提交）',
          params: idParams,
          body: lectureRecordFieldsSchema,
        },
      },
      async (req) => {
        const actor = requireActor(req);
        await service.update(actor, req.params.id, req.body, auditContext(req));
        return queries.detail(actor, req.params.id);
      },
    );

    app.post(
      '/api/lectures/records/:id/confirm',
      { schema: { tags, summary: '单位确认宣讲记录（确认后锁定）', params: idParams } },
      async (req) => {
        const actor = requireActor(req);
        await service.confirm(actor, req.params.id, auditContext(req));
        return queries.detail(actor, req.params.id);
      },
    );

    app.post(
      '/api/lectures/records/:id/return',
      {
        schema: {
          tags,
          summary: '单位退回宣讲记录（须写明原因）',
          params: idParams,
          body: lectureReasonSchema,
        },
      },
      async (req) => {
        const actor = requireActor(req);
        await service.return(actor, req.params.id, req.body.reason, auditContext(req));
        return queries.detail(actor, req.params.id);
      },
    );

    app.post(
      '/api/lectures/records/:id/corrections',
      {
        schema: {
          tags,
          summary: '更正已确认的记录（记录原因与更正前后内容）',
          params: idParams,
          body: lectureCorrectionSchema,
        },
      },
      async (req) => {
        const actor = requireActor(req);
        await service.correct(actor, req.params.id, req.body, auditContext(req));
        return queries.detail(actor, req.params.id);
      },
    );

    app.post(
      '/api/lectures/records/:id/delete',
      {
        schema: {
          tags,
          summary: '删除宣讲记录（保留痕迹；管理员删除须写明原因）',
          params: idParams,
          body: lectureDeleteSchema,
        },
      },
      async (req) => service.remove(requireActor(req), req.params.id, req.body.reason, auditContext(req)),
    );

    app.get(
      '/api/lectures/files/:id',
      {
        schema: {
          tags,
          summary: '宣讲记录的照片（或缩略图）、视频、讲稿',
          params: idParams,
          querystring: z.object({
            variant: z.enum(['full', 'thumb']).default('full'),
            download: z.enum(['0', '1']).optional(),
          }),
        },
      },
      async (req, reply) => {
        const f = await queries.file(requireActor(req), req.params.id, req.query.variant);
        if (req.query.download === '1')
          reply.header('content-disposition', contentDisposition('attachment', f.row.original_name));
        return sendFileWithRanges(
          reply,
          {
            size: async () => Number(f.stored.size_bytes),
            stream: (range) => storedFileStream(deps, f.stored, range),
          },
          f.mime,
          { range: req.headers.range, cacheSeconds: 300, notFoundMessage: '文件不存在或已被删除' },
        );
      },
    );
  };
}
