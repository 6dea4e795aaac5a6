import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idSchema } from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import { requireActor } from '../../lib/request.ts';
import { noticeService } from './service.ts';

const tags = ['notices'];
const page = z.object({
  page: z.coerce.number().int('页码应为整数').min(1, '页码从 1 开始').max(10000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100, '每页最多 100 条').default(20),
});

/** 站内通知: the signed-in account's own notices. */
export function noticeRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const notices = noticeService(deps);
  return async (app) => {
    app.get(
      '/api/notices',
      { schema: { tags, summary: '我的通知（最新在前）', querystring: page } },
      async (req) => notices.list(requireActor(req), req.query.page, req.query.pageSize),
    );
    app.get('/api/notices/unread-count', { schema: { tags, summary: '未读通知数' } }, async (req) =>
      notices.unreadCount(requireActor(req)),
    );
    app.post(
      '/api/notices/:id/read',
      { schema: { tags, summary: '标为已读', params: z.object({ id: idSchema }) } },
      async (req) => notices.markRead(requireActor(req), req.params.id),
    );
    app.post('/api/notices/read-all', { schema: { tags, summary: '全部标为已读' } }, async (req) =>
      notices.markAllRead(requireActor(req)),
    );
  };
}
