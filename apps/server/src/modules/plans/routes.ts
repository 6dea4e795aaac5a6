import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idSchema, remindBodySchema, returnPlanBodySchema, savePlanBodySchema } from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import { auditContext, requireActor } from '../../lib/request.ts';
import { planOverviewService } from './overview.ts';
import { planService } from './service.ts';

const tags = ['plans'];
const planParams = z.object({ campaignId: idSchema, orgId: idSchema });
const versionBody = z.object({ version: z.number({ error: '缺少计划版本' }).int().min(1) });

/** 宣讲计划: a branch's plan for a campaign, its review by the unit, and the unit's overview. */
export function planRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const plans = planService(deps);
  const overview = planOverviewService(deps);
  const base = '/api/campaigns/:campaignId/plans/:orgId';
  return async (app) => {
    app.get(
      '/api/plans/mine',
      { schema: { tags, summary: '我担任书记（副书记）的支部在各活动中的宣讲计划' } },
      async (req) => plans.mine(requireActor(req)),
    );

    app.get(
      base,
      { schema: { tags, summary: '支部的宣讲计划（含修改记录）', params: planParams } },
      async (req) => plans.get(requireActor(req), req.params.campaignId, req.params.orgId),
    );

    app.put(
      base,
      {
        schema: {
          tags,
          summary: '保存宣讲计划（整份计划；同一保存编号重试不会重复保存）',
          params: planParams,
          body: savePlanBodySchema,
        },
      },
      async (req) =>
        plans.save(requireActor(req), req.params.campaignId, req.params.orgId, req.body, auditContext(req)),
    );

    app.post(
      `${base}/submit`,
      { schema: { tags, summary: '提交宣讲计划给单位审核', params: planParams, body: versionBody } },
      async (req) =>
        plans.submit(
          requireActor(req),
          req.params.campaignId,
          req.params.orgId,
          req.body.version,
          auditContext(req),
        ),
    );

    app.post(
      `${base}/accept`,
      { schema: { tags, summary: '通过支部的宣讲计划（上级单位）', params: planParams, body: versionBody } },
      async (req) =>
        plans.decide(
          requireActor(req),
          req.params.campaignId,
          req.params.orgId,
          { accept: true, version: req.body.version },
          auditContext(req),
        ),
    );

    app.post(
      `${base}/return`,
      {
        schema: {
          tags,
          summary: '退回支部的宣讲计划并说明原因（上级单位）',
          params: planParams,
          body: versionBody.extend(returnPlanBodySchema.shape),
        },
      },
      async (req) =>
        plans.decide(
          requireActor(req),
          req.params.campaignId,
          req.params.orgId,
          { accept: false, version: req.body.version, reason: req.body.reason },
          auditContext(req),
        ),
    );

    app.get(
      '/api/campaigns/:campaignId/plan-overview',
      {
        schema: {
          tags,
          summary: '计划填报情况：组织下各支部的计划状态与逾期情况',
          params: z.object({ campaignId: idSchema }),
          querystring: z.object({
            orgId: idSchema,
            late: z.enum(['true', 'false']).optional(),
          }),
        },
      },
      async (req) =>
        overview.overview(
          requireActor(req),
          req.params.campaignId,
          req.query.orgId,
          req.query.late === 'true',
        ),
    );

    app.post(
      '/api/campaigns/:campaignId/plan-reminders',
      {
        schema: {
          tags,
          summary: '提醒支部填报宣讲计划（站内通知支部书记）',
          params: z.object({ campaignId: idSchema }),
          body: remindBodySchema,
        },
      },
      async (req) => overview.remind(requireActor(req), req.params.campaignId, req.body, auditContext(req)),
    );
  };
}
