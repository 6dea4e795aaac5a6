import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  assignableLecturesQuerySchema,
  idSchema,
  learningReportSchema,
  learningTaskCancelSchema,
  learningTaskCreateSchema,
  learningTaskDetailQuerySchema,
  learningTaskListQuerySchema,
} from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import { auditContext, requireActor } from '../../lib/request.ts';
import { learningService } from './service.ts';
import { learningTaskService } from './task-service.ts';

const tags = ['learning'];
const params = z.object({ id: idSchema });

/** 网上微课堂 honest learning (sessions, progress reports) and study tasks (学习任务). */
export function learningRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const learning = learningService(deps);
  const tasks = learningTaskService(deps);
  return async (app) => {
    app.post(
      '/api/learning/lectures/:id/sessions',
      { schema: { tags, summary: '开始学习一节微课（同一账号只有最新打开的页面记录进度）', params } },
      async (req, reply) => reply.code(201).send(await learning.start(requireActor(req), req.params.id)),
    );
    app.post(
      '/api/learning/sessions/:id/reports',
      {
        schema: {
          tags,
          summary: '报告实际播放的区间（前台、未静音、不超过1.5倍速才计入）',
          params,
          body: learningReportSchema,
        },
      },
      async (req) => learning.report(requireActor(req), req.params.id, req.body),
    );
    app.get(
      '/api/learning/lectures/:id/progress',
      { schema: { tags, summary: '我学习这节微课的进度', params } },
      async (req) => learning.progress(requireActor(req), req.params.id),
    );

    app.post(
      '/api/learning/tasks',
      {
        schema: {
          tags,
          summary: '下达学习任务（组织向下级全体党员布置微课）',
          body: learningTaskCreateSchema,
        },
      },
      async (req, reply) =>
        reply.code(201).send(await tasks.create(requireActor(req), req.body, auditContext(req))),
    );
    app.get(
      '/api/learning/tasks',
      {
        schema: {
          tags,
          summary: '我管辖范围内的学习任务（可按组织筛选，并给出该组织的完成人次）',
          querystring: learningTaskListQuerySchema,
        },
      },
      async (req) => tasks.list(requireActor(req), req.query.orgId),
    );
    app.get(
      '/api/learning/assignable-lectures',
      {
        schema: {
          tags,
          summary: '可布置给某组织的已发布微课（按标题搜索）',
          querystring: assignableLecturesQuerySchema,
        },
      },
      async (req) => tasks.assignable(requireActor(req), req.query.orgId, req.query.q),
    );
    app.get(
      '/api/learning/tasks/mine',
      { schema: { tags, summary: '我的学习任务及每节微课的学习情况' } },
      async (req) => tasks.mine(requireActor(req)),
    );
    app.get(
      '/api/learning/tasks/:id',
      {
        schema: {
          tags,
          summary: '学习任务完成情况：组织及其下级的完成率（只显示百分比）',
          params,
          querystring: learningTaskDetailQuerySchema,
        },
      },
      async (req) => tasks.detail(requireActor(req), req.params.id, req.query.orgId),
    );
    app.get(
      '/api/learning/tasks/:id/unfinished',
      {
        schema: {
          tags,
          summary: '本支部未学完名单（仅支部书记、副书记）',
          params,
          querystring: learningTaskDetailQuerySchema,
        },
      },
      async (req) => tasks.unfinished(requireActor(req), req.params.id, req.query.orgId),
    );
    app.post(
      '/api/learning/tasks/:id/cancel',
      { schema: { tags, summary: '撤销学习任务（须填写原因）', params, body: learningTaskCancelSchema } },
      async (req) => tasks.cancel(requireActor(req), req.params.id, req.body.reason, auditContext(req)),
    );
  };
}
