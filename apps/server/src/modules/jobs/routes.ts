import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idSchema } from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import { auditContext, requireActor } from '../../lib/request.ts';
import { jobService } from './service.ts';

const params = z.object({ id: idSchema });

export function jobRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const jobs = jobService(deps);
  return async (app) => {
    app.get(
      '/api/jobs/:id',
      { schema: { tags: ['jobs'], summary: '后台任务状态（进度、尝试次数、失败原因）', params } },
      async (req) => jobs.get(requireActor(req), req.params.id),
    );

    app.post(
      '/api/jobs/:id/retry',
      { schema: { tags: ['jobs'], summary: '重试失败的后台任务（非失败状态时 409）', params } },
      async (req) => jobs.retry(requireActor(req), req.params.id, auditContext(req)),
    );
  };
}
