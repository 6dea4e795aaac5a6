import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  historyItemSchema,
  idSchema,
  memberCreateSchema,
  memberDetailSchema,
  memberListItemSchema,
  memberUpdateSchema,
  partyStatusSchema,
  positionSchema,
  text,
} from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import { auditContext, requireActor } from '../../lib/request.ts';
import { memberService } from './member-service.ts';
import { queryBoolean } from './org-routes.ts';

const params = z.object({ id: idSchema });
const tags = ['members'];
const detail = { 200: memberDetailSchema };

export function memberRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const members = memberService(deps);
  return async (app) => {
    app.get(
      '/api/members',
      {
        schema: {
          tags,
          summary: '党员列表（默认本人管理范围；手机号脱敏）',
          querystring: z.object({
            orgId: idSchema.optional(),
            q: text().max(50).optional(),
            partyStatus: partyStatusSchema.optional(),
            position: positionSchema.optional(),
            includeInactive: queryBoolean,
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(20),
          }),
          response: { 200: z.object({ total: z.number().int(), items: z.array(memberListItemSchema) }) },
        },
      },
      async (req) => members.list(requireActor(req), req.query),
    );

    app.get(
      '/api/members/:id',
      { schema: { tags, summary: '党员详情', params, response: detail } },
      async (req) => members.get(requireActor(req), req.params.id),
    );

    app.post(
      '/api/members',
      {
        schema: {
          tags,
          summary: '登记党员',
          body: memberCreateSchema,
          response: { 201: memberDetailSchema },
        },
      },
      async (req, reply) => {
        const created = await members.create(requireActor(req), req.body, auditContext(req));
        reply.code(201);
        return created;
      },
    );

    app.patch(
      '/api/members/:id',
      { schema: { tags, summary: '修改党员信息', params, body: memberUpdateSchema, response: detail } },
      async (req) => members.update(requireActor(req), req.params.id, req.body, auditContext(req)),
    );

    app.post(
      '/api/members/:id/move',
      {
        schema: {
          tags,
          summary: '党员转到其他组织',
          params,
          body: z.object({ orgId: idSchema }),
          response: detail,
        },
      },
      async (req) => members.move(requireActor(req), req.params.id, req.body.orgId, auditContext(req)),
    );

    app.post(
      '/api/members/:id/deactivate',
      { schema: { tags, summary: '停用党员（不删除）', params, response: detail } },
      async (req) => members.deactivate(requireActor(req), req.params.id, auditContext(req)),
    );

    app.post(
      '/api/members/:id/reactivate',
      { schema: { tags, summary: '恢复党员为在册', params, response: detail } },
      async (req) => members.reactivate(requireActor(req), req.params.id, auditContext(req)),
    );

    app.get(
      '/api/members/:id/history',
      {
        schema: {
          tags,
          summary: '党员信息的修改记录',
          params,
          response: { 200: z.object({ items: z.array(historyItemSchema) }) },
        },
      },
      async (req) => members.history(requireActor(req), req.params.id),
    );
  };
}
