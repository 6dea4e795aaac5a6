import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idSchema, phoneSchema, roleSchema, text } from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import { auditContext, requireActor } from '../../lib/request.ts';
import { accountService } from './service.ts';

const params = z.object({ id: idSchema });
const grantBody = z.object({ role: roleSchema, orgId: idSchema });

export function accountRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const accounts = accountService(deps);
  return async (app) => {
    app.get(
      '/api/accounts',
      {
        schema: {
          tags: ['accounts'],
          summary: '账号列表',
          querystring: z.object({
            q: text().max(50).optional(),
            role: roleSchema.optional(),
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(20),
          }),
        },
      },
      async (req) => accounts.list(requireActor(req), req.query),
    );

    app.post(
      '/api/accounts',
      {
        schema: {
          tags: ['accounts'],
          summary: '新建账号（返回一次性临时密码）',
          body: z.object({
            username: text().regex(
              /^[A-Za-z][A-Za-z0-9_.-]{2,31}$/,
              '用户名为 3–32 位字母、数字或 _.-，以字母开头',
            ),
            displayName: text().min(1, '请输入姓名').max(50),
            phone: phoneSchema.nullish(),
            memberId: idSchema.nullish(),
            grants: z.array(grantBody).min(1, '请至少授予一个角色').max(20),
          }),
        },
      },
      async (req, reply) => {
        reply.code(201);
        return accounts.create(requireActor(req), req.body, auditContext(req));
      },
    );

    app.get(
      '/api/accounts/:id',
      { schema: { tags: ['accounts'], summary: '账号详情', params } },
      async (req) => accounts.get(requireActor(req), req.params.id),
    );

    app.patch(
      '/api/accounts/:id',
      {
        schema: {
          tags: ['accounts'],
          summary: '修改账号（姓名、启用/停用）',
          params,
          body: z.object({
            displayName: text().min(1, '请输入姓名').max(50).optional(),
            active: z.boolean().optional(),
          }),
        },
      },
      async (req) => accounts.update(requireActor(req), req.params.id, req.body, auditContext(req)),
    );

    app.post(
      '/api/accounts/:id/grants',
      { schema: { tags: ['accounts'], summary: '授予角色', params, body: grantBody } },
      async (req) => accounts.addGrant(requireActor(req), req.params.id, req.body, auditContext(req)),
    );

    app.delete(
      '/api/accounts/:id/grants/:grantId',
      { schema: { tags: ['accounts'], summary: '撤销角色', params: params.extend({ grantId: idSchema }) } },
      async (req) =>
        accounts.removeGrant(requireActor(req), req.params.id, req.params.grantId, auditContext(req)),
    );

    app.post(
      '/api/accounts/:id/reset-password',
      { schema: { tags: ['accounts'], summary: '重置密码（返回一次性临时密码）', params } },
      async (req) => accounts.resetPassword(requireActor(req), req.params.id, auditContext(req)),
    );
  };
}
