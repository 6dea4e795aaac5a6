import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  idSchema,
  menuItemInputSchema,
  menuItemUpdateSchema,
  menuQuerySchema,
  orderAnswerSchema,
  orderCancelSchema,
  orderCreateSchema,
  orderDeliverSchema,
  orderDispatchSchema,
  orderListQuerySchema,
  orderRateSchema,
} from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import { publicOrigin } from '../../lib/public-origin.ts';
import { auditContext, requireActor } from '../../lib/request.ts';
import { contentDisposition } from '../entries/file-names.ts';
import { menuWorkbook } from './menu-export.ts';
import { menuService } from './menu-service.ts';
import { orderQueries } from './order-queries.ts';
import { orderService } from './order-service.ts';
import { sendOrderPhoto } from './photos.ts';
import { orderStats } from './stats.ts';

const tags = ['orders'];
const idParams = z.object({ id: idSchema });
const poolParams = z.object({ poolId: idSchema });

/** 宣讲菜单 and 点单: HTTP only; rules in the services, who may in policy.ts, states in state.ts. */
export function orderRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const menu = menuService(deps);
  const orders = { ...orderQueries(deps), ...orderService(deps) };
  const stats = orderStats(deps);
  return async (app) => {
    app.get(
      '/api/orders/pools',
      { schema: { tags, summary: '我可以点单的师资库（宣讲菜单）' } },
      async (req) => menu.pools(requireActor(req)),
    );
    app.get(
      '/api/orders/pools/:poolId/menu',
      {
        schema: {
          tags,
          summary: '宣讲菜单（按题目、内容、宣讲人搜索，按听众、形式筛选）',
          params: poolParams,
          querystring: menuQuerySchema,
        },
      },
      async (req) => menu.list(requireActor(req), req.params.poolId, req.query),
    );
    app.get(
      '/api/orders/pools/:poolId/menu.xlsx',
      { schema: { tags, summary: '导出宣讲菜单（Excel，可打印）', params: poolParams } },
      async (req, reply) => {
        const { pool, items } = await menu.list(requireActor(req), req.params.poolId, {});
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', contentDisposition('attachment', `${pool.name}-宣讲菜单.xlsx`))
          .header('cache-control', 'private, no-store')
          .send(await menuWorkbook(pool.name, items, publicOrigin(deps.config, req)));
      },
    );
    app.get(
      '/api/orders/pools/:poolId/lecture-choices',
      {
        schema: {
          tags,
          summary: '菜单条目可关联的网上微课（本宣讲人的在前）',
          params: poolParams,
          querystring: z.object({
            speakerIds: z
              .string()
              .max(200)
              .optional()
              .transform((s) => (s ? s.split(',').filter(Boolean) : []))
              .pipe(z.array(idSchema, { message: '宣讲人编号无效' }).max(5, '最多 5 位宣讲人')),
            q: z.string().trim().max(30, '搜索词最多 30 个字').optional(),
          }),
        },
      },
      async (req) => ({ items: await menu.lectureChoices(requireActor(req), req.params.poolId, req.query) }),
    );
    app.get(
      '/api/orders/pools/:poolId/speakers',
      { schema: { tags, summary: '师资库在库宣讲人（维护菜单用）', params: poolParams } },
      async (req) => ({ items: await menu.speakers(requireActor(req), req.params.poolId) }),
    );
    app.post(
      '/api/orders/pools/:poolId/menu',
      { schema: { tags, summary: '新增宣讲菜单条目', params: poolParams, body: menuItemInputSchema } },
      async (req, reply) => {
        const actor = requireActor(req);
        const id = await menu.create(actor, req.params.poolId, req.body, auditContext(req));
        reply.code(201);
        return { id };
      },
    );
    app.patch(
      '/api/orders/menu/:id',
      { schema: { tags, summary: '修改或下架宣讲菜单条目', params: idParams, body: menuItemUpdateSchema } },
      async (req) => menu.update(requireActor(req), req.params.id, req.body, auditContext(req)),
    );
    app.get('/api/orders/branches', { schema: { tags, summary: '我可以为之点单的支部' } }, async (req) => ({
      items: await orders.branches(requireActor(req)),
    }));
    app.post(
      '/api/orders',
      { schema: { tags, summary: '点单', body: orderCreateSchema } },
      async (req, reply) => {
        const actor = requireActor(req);
        const id = await orders.create(actor, req.body, auditContext(req));
        reply.code(201);
        return orders.detail(actor, id);
      },
    );
    app.get(
      '/api/orders',
      {
        schema: {
          tags,
          summary: '点单列表：我的点单（branch）、派单（manage）、我的宣讲任务（tasks）',
          querystring: orderListQuerySchema,
        },
      },
      async (req) => orders.list(requireActor(req), req.query.view, req.query.state),
    );
    app.get(
      '/api/orders/stats',
      {
        schema: {
          tags,
          summary: '点单统计（按师资库，或按下级单位逐级查看）',
          querystring: z.object({ poolId: idSchema.optional(), orgId: idSchema.optional() }),
        },
      },
      async (req) => stats.rows(requireActor(req), req.query),
    );
    app.get(
      '/api/orders/:id',
      { schema: { tags, summary: '一条点单（含经过）', params: idParams } },
      async (req) => orders.detail(requireActor(req), req.params.id),
    );
    app.get(
      '/api/orders/:id/candidates',
      { schema: { tags, summary: '可派的宣讲人及其其他安排、评价', params: idParams } },
      async (req) => orders.candidates(requireActor(req), req.params.id),
    );
    app.post(
      '/api/orders/:id/dispatch',
      {
        schema: {
          tags,
          summary: '派单（谢绝或逾期未答复后可改派）',
          params: idParams,
          body: orderDispatchSchema,
        },
      },
      async (req) => orders.dispatch(requireActor(req), req.params.id, req.body.speakerId, auditContext(req)),
    );
    app.post(
      '/api/orders/:id/answer',
      {
        schema: {
          tags,
          summary: '接单或谢绝（无账号的宣讲人由管理员代为登记）',
          params: idParams,
          body: orderAnswerSchema,
        },
      },
      async (req) => orders.answer(requireActor(req), req.params.id, req.body, auditContext(req)),
    );
    app.post(
      '/api/orders/:id/deliver',
      { schema: { tags, summary: '登记宣讲情况', params: idParams, body: orderDeliverSchema } },
      async (req) => orders.deliver(requireActor(req), req.params.id, req.body, auditContext(req)),
    );
    app.get(
      '/api/order-photos/:id',
      {
        schema: {
          tags,
          summary: '点单宣讲照片（或缩略图）',
          params: idParams,
          querystring: z.object({
            variant: z.enum(['full', 'thumb'], { message: '照片规格无效' }).default('full'),
          }),
        },
      },
      async (req, reply) =>
        sendOrderPhoto(deps, requireActor(req), req.params.id, req.query.variant, reply, req.headers.range),
    );
    app.post(
      '/api/orders/:id/rate',
      { schema: { tags, summary: '评单', params: idParams, body: orderRateSchema } },
      async (req) => orders.rate(requireActor(req), req.params.id, req.body, auditContext(req)),
    );
    app.post(
      '/api/orders/:id/cancel',
      { schema: { tags, summary: '取消点单', params: idParams, body: orderCancelSchema } },
      async (req) => orders.cancel(requireActor(req), req.params.id, req.body.reason, auditContext(req)),
    );
  };
}
