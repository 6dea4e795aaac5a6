import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  historyItemSchema,
  idSchema,
  orgCreateSchema,
  orgDetailSchema,
  orgNodeSchema,
  orgSearchItemSchema,
  orgUpdateSchema,
  text,
} from '@jiangtai/contracts';
import { auditContext, requireActor } from '../../lib/request.ts';
import type { OrgService } from './org-service.ts';

const params = z.object({ id: idSchema });
/** Query-string booleans: only true/false/1/0 (z.coerce.boolean would read "false" as true). */
export const queryBoolean = z
  .enum(['true', 'false', '1', '0'], { message: '应为 true 或 false' })
  .transform((v) => v === 'true' || v === '1')
  .default(false);
const tags = ['org'];
const history = { 200: z.object({ items: z.array(historyItemSchema) }) };

export function orgTreeRoutes(orgs: OrgService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/orgs/roots',
      {
        schema: {
          tags,
          summary: '组织树的起点（本人授权范围的最上级组织）',
          response: { 200: z.array(orgNodeSchema) },
        },
      },
      async (req) => orgs.roots(requireActor(req)),
    );

    app.get(
      '/api/orgs/search',
      {
        schema: {
          tags,
          summary: '按名称或编码搜索组织（最多 50 条，仅本人范围内）',
          querystring: z.object({
            q: text().min(1, '请输入搜索内容').max(50),
            includeInactive: queryBoolean,
          }),
          response: { 200: z.object({ items: z.array(orgSearchItemSchema) }) },
        },
      },
      async (req) => orgs.search(requireActor(req), req.query.q, req.query.includeInactive),
    );

    app.get(
      '/api/orgs/:id',
      { schema: { tags, summary: '组织详情', params, response: { 200: orgDetailSchema } } },
      async (req) => orgs.get(requireActor(req), req.params.id),
    );

    app.get(
      '/api/orgs/:id/children',
      {
        schema: {
          tags,
          summary: '下级组织（含下级数和党员数）',
          params,
          querystring: z.object({ includeInactive: queryBoolean }),
          response: { 200: z.array(orgNodeSchema) },
        },
      },
      async (req) => orgs.children(requireActor(req), req.params.id, req.query.includeInactive),
    );

    app.post(
      '/api/orgs',
      {
        schema: { tags, summary: '新建下级组织', body: orgCreateSchema, response: { 201: orgDetailSchema } },
      },
      async (req, reply) => {
        const created = await orgs.create(requireActor(req), req.body, auditContext(req));
        reply.code(201);
        return created;
      },
    );

    app.patch(
      '/api/orgs/:id',
      {
        schema: {
          tags,
          summary: '修改组织（名称、类型、编码、排序）',
          params,
          body: orgUpdateSchema,
          response: { 200: orgDetailSchema },
        },
      },
      async (req) => orgs.update(requireActor(req), req.params.id, req.body, auditContext(req)),
    );

    app.post(
      '/api/orgs/:id/move',
      {
        schema: {
          tags,
          summary: '移动组织（连同全部下级和党员）',
          params,
          body: z.object({ parentId: idSchema }),
          response: { 200: orgDetailSchema },
        },
      },
      async (req) => orgs.move(requireActor(req), req.params.id, req.body.parentId, auditContext(req)),
    );

    app.post(
      '/api/orgs/:id/deactivate',
      {
        schema: {
          tags,
          summary: '停用组织（须无在册党员和未停用的下级）',
          params,
          response: { 200: orgDetailSchema },
        },
      },
      async (req) => orgs.deactivate(requireActor(req), req.params.id, auditContext(req)),
    );

    app.post(
      '/api/orgs/:id/reactivate',
      { schema: { tags, summary: '启用组织', params, response: { 200: orgDetailSchema } } },
      async (req) => orgs.reactivate(requireActor(req), req.params.id, auditContext(req)),
    );

    app.get(
      '/api/orgs/:id/history',
      { schema: { tags, summary: '组织的修改记录', params, response: history } },
      async (req) => orgs.history(requireActor(req), req.params.id),
    );
  };
}
