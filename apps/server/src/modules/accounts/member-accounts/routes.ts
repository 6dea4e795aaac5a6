import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idSchema } from '@jiangtai/contracts';
import type { AppDeps } from '../../../lib/deps.ts';
import { publicOrigin } from '../../../lib/public-origin.ts';
import { auditContext, requireActor } from '../../../lib/request.ts';
import { contentDisposition } from '../../org/excel/routes.ts';
import { XLSX_MIME } from '../../org/excel/layout.ts';
import { memberAccountService } from './service.ts';
import { slipsWorkbook } from './slips-xlsx.ts';

const tags = ['member-accounts'];
const selection = z.object({
  orgId: idSchema,
  memberIds: z
    .array(idSchema)
    .min(1, '请至少选择一名党员')
    .max(5000, '一次最多选择 5000 名党员；更多时请按组织开通')
    .optional(),
});
const orgParams = z.object({ orgId: idSchema });
const page = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export function memberAccountRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const service = memberAccountService(deps);
  return async (app) => {
    app.post(
      '/api/member-accounts/preview',
      { schema: { tags, summary: '开通党员账号前的统计（将开通、缺少手机号、已有账号…）', body: selection } },
      async (req) => service.preview(requireActor(req), req.body),
    );

    app.post(
      '/api/member-accounts/runs',
      { schema: { tags, summary: '为组织下全部（或所选）党员批量开通账号（后台任务）', body: selection } },
      async (req, reply) => {
        reply.code(202);
        return service.start(requireActor(req), req.body, auditContext(req));
      },
    );

    app.get(
      '/api/member-accounts/runs/:id',
      { schema: { tags, summary: '批量开通任务的进度与结果', params: z.object({ id: idSchema }) } },
      async (req) => service.getRun(requireActor(req), req.params.id),
    );

    app.get(
      '/api/member-accounts/orgs/:orgId/status',
      { schema: { tags, summary: '各支部账号开通与激活情况', params: orgParams } },
      async (req) => service.status(requireActor(req), req.params.orgId),
    );

    app.get(
      '/api/member-accounts/orgs/:orgId/members',
      {
        schema: { tags, summary: '支部党员的账号状态（手机号已脱敏）', params: orgParams, querystring: page },
      },
      async (req) =>
        service.orgMembers(requireActor(req), req.params.orgId, req.query.page, req.query.pageSize),
    );

    app.get(
      '/api/member-accounts/orgs/:orgId/slips',
      { schema: { tags, summary: '待激活账号的登录凭条（含初始密码，记入审计）', params: orgParams } },
      async (req) => service.slips(requireActor(req), req.params.orgId, auditContext(req)),
    );

    app.get(
      '/api/member-accounts/orgs/:orgId/slips.xlsx',
      {
        schema: {
          tags,
          summary: '待激活账号的登录凭条 .xlsx（每个支部一张表，记入审计）',
          params: orgParams,
        },
      },
      async (req, reply) => {
        const { orgName, items } = await service.slips(
          requireActor(req),
          req.params.orgId,
          auditContext(req),
        );
        const file = await slipsWorkbook(items, `${publicOrigin(deps.config, req)}/login`);
        return reply
          .type(XLSX_MIME)
          .header(
            'content-disposition',
            contentDisposition(`${orgName}-党员账号凭条.xlsx`, 'account-slips.xlsx'),
          )
          .send(file);
      },
    );

    app.post(
      '/api/member-accounts/users/:userId/reissue',
      {
        schema: {
          tags,
          summary: '重置初始密码：旧凭条作废，返回新的凭条',
          params: z.object({ userId: idSchema }),
        },
      },
      async (req) => service.reissue(requireActor(req), req.params.userId, auditContext(req)),
    );
  };
}
