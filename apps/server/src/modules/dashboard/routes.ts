import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { dashboardQuerySchema, dashboardReminderSchema, idSchema } from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import { auditContext, requireActor } from '../../lib/request.ts';
import { dashboardService } from './service.ts';

const tags = ['dashboard'];
const params = z.object({ id: idSchema });

/** 督查看板 of a campaign: the numbers of an org and its children, laggards, and reminders. */
export function dashboardRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const dashboard = dashboardService(deps);
  return async (app) => {
    app.get(
      '/api/campaigns/:id/dashboard',
      {
        schema: {
          tags,
          summary: '督查看板：组织及其下级的计划、宣讲、覆盖、作品、评审、师资、点单和学习进度',
          params,
          querystring: dashboardQuerySchema,
        },
      },
      async (req) => dashboard.view(requireActor(req), req.params.id, req.query.orgId),
    );

    app.post(
      '/api/campaigns/:id/dashboard/reminders',
      {
        schema: {
          tags,
          summary: '督查提醒：就落后事项站内通知该组织的管理员（支部为书记），每天每事项一次',
          params,
          body: dashboardReminderSchema,
        },
      },
      async (req) => dashboard.remind(requireActor(req), req.params.id, req.body, auditContext(req)),
    );
  };
}
