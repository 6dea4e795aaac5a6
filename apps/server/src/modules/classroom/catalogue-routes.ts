import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { classroomHomeSchema, classroomListQuerySchema, classroomListSchema } from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import { requireActor } from '../../lib/request.ts';
import { catalogueService } from './search.ts';

const tags = ['classroom'];

/** 网上微课堂 catalogue (signed-in users; lists only what the viewer's detail pages would show). */
export function classroomCatalogueRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const catalogue = catalogueService(deps);
  return async (app) => {
    app.get(
      '/api/classroom/home',
      {
        schema: {
          tags,
          summary: '微课堂首页：最新课程、分类、热门专题',
          response: { 200: classroomHomeSchema },
        },
      },
      async (req) => catalogue.home(requireActor(req)),
    );
    app.get(
      '/api/classroom/lectures',
      {
        schema: {
          tags,
          summary: '微课堂课程列表与搜索（标题、简介、主讲人、讲稿全文；按分类、专题筛选）',
          querystring: classroomListQuerySchema,
          response: { 200: classroomListSchema },
        },
      },
      async (req) => catalogue.list(requireActor(req), req.query),
    );
  };
}
