import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { archiveScopeQuery, archiveTimelineQuery } from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import { publicOrigin } from '../../lib/public-origin.ts';
import { auditContext, requireActor } from '../../lib/request.ts';
import { archiveService } from './service.ts';

const tags = ['archive'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** 活动档案: an org's season as a timeline, one zip and a 活动总结 draft. */
export function archiveRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const archive = archiveService(deps);
  return async (app) => {
    app.get(
      '/api/archive/timeline',
      {
        schema: {
          tags,
          summary: '活动档案时间线（组织及下级的计划、记录、作品、结果、师资库、送课）',
          querystring: archiveTimelineQuery,
        },
      },
      async (req) => archive.timeline(requireActor(req), req.query),
    );

    app.get(
      '/api/archive/zip',
      {
        schema: { tags, summary: '下载活动档案（zip：单位/类别/日期-标题）', querystring: archiveScopeQuery },
      },
      async (req, reply) => {
        const out = await archive.zip(
          requireActor(req),
          req.query,
          auditContext(req),
          publicOrigin(deps.config, req),
        );
        return reply
          .header('content-type', 'application/zip')
          .header('content-disposition', out.disposition)
          .header('cache-control', 'private, no-store')
          .send(out.stream);
      },
    );

    app.get(
      '/api/archive/summary.docx',
      { schema: { tags, summary: '下载活动总结草稿（Word）', querystring: archiveScopeQuery } },
      async (req, reply) => {
        const out = await archive.summary(requireActor(req), req.query, auditContext(req));
        return reply
          .header('content-type', DOCX)
          .header('content-disposition', out.disposition)
          .header('cache-control', 'private, no-store')
          .send(out.buffer);
      },
    );
  };
}
