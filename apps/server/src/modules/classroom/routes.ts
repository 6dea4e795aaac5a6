import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  idSchema,
  lectureConsentSchema,
  lectureEditSchema,
  lectureManageQuerySchema,
  lectureOnBehalfSchema,
  lectureProposeSchema,
  lectureUnpublishSchema,
} from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import { auditContext, requireActor } from '../../lib/request.ts';
import { sendFileWithRanges } from '../media/assets-files.ts';
import { consentService } from './consent-service.ts';
import { publicClassroomRoutes } from './public-routes.ts';
import { publishingService } from './publishing-service.ts';
import { lectureQueries } from './queries.ts';

const tags = ['classroom'];
const idParams = z.object({ id: idSchema });
const fileParams = idParams.extend({
  kind: z.enum(['manuscript', 'courseware'], { message: '文件类型不正确' }),
});

/** 网上微课堂, publishing side: HTTP only; rules in the services, who may in policy.ts, states in state.ts. */
export function classroomRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const publishing = publishingService(deps);
  const consent = consentService(deps);
  const queries = lectureQueries(deps);
  return async (app) => {
    await publicClassroomRoutes(deps, queries)(app, {});

    app.get(
      '/api/classroom/entries/:id/proposal',
      { schema: { tags, summary: '推荐到微课堂：作品带出的默认信息和可选的发布单位', params: idParams } },
      async (req) => queries.proposalDefaults(requireActor(req), req.params.id),
    );
    app.post(
      '/api/classroom/lectures',
      { schema: { tags, summary: '推荐到微课堂（等待宣讲人同意）', body: lectureProposeSchema } },
      async (req, reply) => {
        const actor = requireActor(req);
        const id = await publishing.propose(actor, req.body, auditContext(req));
        reply.code(201);
        return queries.detail(actor, id);
      },
    );
    app.get(
      '/api/classroom/manage/lectures',
      {
        schema: {
          tags,
          summary: '微课堂管理：本单位及下级的全部微课（各种状态）',
          querystring: lectureManageQuerySchema,
        },
      },
      async (req) => queries.manageList(requireActor(req), req.query.state),
    );
    app.get(
      '/api/classroom/lectures/:id',
      { schema: { tags, summary: '一节微课（播放、讲稿、课件；管理员另见经过）', params: idParams } },
      async (req) => queries.detail(requireActor(req), req.params.id),
    );
    app.patch(
      '/api/classroom/lectures/:id',
      { schema: { tags, summary: '修改微课信息（记入经过）', params: idParams, body: lectureEditSchema } },
      async (req) => {
        const actor = requireActor(req);
        await publishing.edit(actor, req.params.id, req.body, auditContext(req));
        return queries.detail(actor, req.params.id);
      },
    );
    app.post(
      '/api/classroom/lectures/:id/consent',
      { schema: { tags, summary: '宣讲人答复是否同意发布', params: idParams, body: lectureConsentSchema } },
      async (req) => {
        const actor = requireActor(req);
        await consent.answer(actor, req.params.id, req.body, auditContext(req));
        return queries.detail(actor, req.params.id);
      },
    );
    app.post(
      '/api/classroom/lectures/:id/consent-on-behalf',
      {
        schema: {
          tags,
          summary: '代没有账号的宣讲人登记授权意见（附说明）',
          params: idParams,
          body: lectureOnBehalfSchema,
        },
      },
      async (req) => {
        const actor = requireActor(req);
        await consent.recordOnBehalf(actor, req.params.id, req.body, auditContext(req));
        return queries.detail(actor, req.params.id);
      },
    );
    app.post(
      '/api/classroom/lectures/:id/publish',
      { schema: { tags, summary: '发布微课（宣讲人同意后）', params: idParams } },
      async (req) => {
        const actor = requireActor(req);
        await publishing.publish(actor, req.params.id, auditContext(req));
        return queries.detail(actor, req.params.id);
      },
    );
    app.post(
      '/api/classroom/lectures/:id/unpublish',
      {
        schema: {
          tags,
          summary: '下架微课（填写原因，通知宣讲人）',
          params: idParams,
          body: lectureUnpublishSchema,
        },
      },
      async (req) => {
        const actor = requireActor(req);
        await publishing.unpublish(actor, req.params.id, req.body.reason, auditContext(req));
        return queries.detail(actor, req.params.id);
      },
    );
    app.post(
      '/api/classroom/lectures/:id/republish',
      { schema: { tags, summary: '重新发布已下架的微课', params: idParams } },
      async (req) => {
        const actor = requireActor(req);
        await publishing.republish(actor, req.params.id, auditContext(req));
        return queries.detail(actor, req.params.id);
      },
    );
    app.get(
      '/api/classroom/lectures/:id/files/:kind',
      { schema: { tags, summary: '下载微课的讲稿或课件原文件', params: fileParams } },
      async (req, reply) => {
        const f = await queries.documentFile(requireActor(req), req.params.id, req.params.kind);
        return reply
          .header('content-type', f.mime)
          .header('content-length', f.size)
          .header('content-disposition', f.disposition)
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          .send(f.stream);
      },
    );
    app.get(
      '/api/classroom/lectures/:id/files/:kind/preview',
      { schema: { tags, summary: '讲稿或课件的在线阅读版（平台生成的 PDF）', params: fileParams } },
      async (req, reply) => {
        const file = await queries.documentPreview(requireActor(req), req.params.id, req.params.kind);
        return sendFileWithRanges(reply, file, 'application/pdf', {
          range: req.headers.range,
          cacheSeconds: 300,
          notFoundMessage: '文档的在线阅读版不存在',
        });
      },
    );
  };
}
