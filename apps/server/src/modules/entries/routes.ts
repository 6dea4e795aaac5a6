import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  deadlineExtensionSchema,
  entryCreateSchema,
  entryReturnSchema,
  entryStateSchema,
  entryUpdateSchema,
  idSchema,
  settingsKeySchema,
  text,
} from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import { auditContext, requireActor } from '../../lib/request.ts';
import { entryService } from './service.ts';
import { entryFilesService } from './files-service.ts';
import { entryCandidates } from './candidates.ts';

const tags = ['entries'];
const entryParams = z.object({ id: idSchema });
const campaignParams = z.object({ id: idSchema });
const materialParams = z.object({ id: idSchema, materialId: idSchema });
const listQuery = z.object({
  stageKey: settingsKeySchema.optional(),
  unitId: idSchema.optional(),
  /** Entries of the units in an org's subtree (the dashboard's number opens this list). */
  orgId: idSchema.optional(),
  categoryKey: settingsKeySchema.optional(),
  state: entryStateSchema.optional(),
});

export function entryRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const entries = entryService(deps);
  const files = entryFilesService(deps, entries);
  const candidates = entryCandidates(deps, entries);
  return async (app) => {
    app.get(
      '/api/campaigns/:id/entry-candidates',
      {
        schema: {
          tags,
          summary: '代为报送时可选的宣讲人（按参赛条件和已有作品标注不能选的原因）',
          params: campaignParams,
          querystring: z.object({ stageKey: settingsKeySchema, q: text().max(50).optional() }),
        },
      },
      async (req) => candidates(requireActor(req), req.params.id, req.query),
    );

    app.get(
      '/api/campaigns/:id/entries',
      {
        schema: {
          tags,
          summary: '活动的作品列表（按单位、组织范围、类别、状态筛选；含材料齐全情况和名额）',
          params: campaignParams,
          querystring: listQuery,
        },
      },
      async (req) => entries.list(requireActor(req), req.params.id, req.query),
    );

    app.post(
      '/api/campaigns/:id/entries',
      {
        schema: {
          tags,
          summary: '新建作品（本人报送，或单位管理员代为报送）',
          params: campaignParams,
          body: entryCreateSchema,
        },
      },
      async (req, reply) => {
        const created = await entries.create(requireActor(req), req.params.id, req.body, auditContext(req));
        reply.code(201);
        return created;
      },
    );

    app.get(
      '/api/entries/mine',
      { schema: { tags, summary: '我的作品（本人作为宣讲人的作品）' } },
      async (req) => entries.mine(requireActor(req)),
    );

    app.get('/api/entries/:id', { schema: { tags, summary: '作品详情', params: entryParams } }, async (req) =>
      entries.get(requireActor(req), req.params.id),
    );

    app.patch(
      '/api/entries/:id',
      {
        schema: {
          tags,
          summary: '修改作品（草稿或已退回时）',
          params: entryParams,
          body: entryUpdateSchema,
        },
      },
      async (req) => entries.update(requireActor(req), req.params.id, req.body, auditContext(req)),
    );

    for (const [action, summary] of [
      ['submit', '提交作品'],
      ['withdraw', '撤回作品'],
      ['recommend', '推荐作品（检查本单位名额）'],
    ] as const) {
      app.post(
        `/api/entries/:id/${action}`,
        { schema: { tags, summary, params: entryParams } },
        async (req) => entries[action](requireActor(req), req.params.id, auditContext(req)),
      );
    }

    app.post(
      '/api/entries/:id/return',
      {
        schema: { tags, summary: '退回作品（须写明原因）', params: entryParams, body: entryReturnSchema },
      },
      async (req) => entries.return(requireActor(req), req.params.id, req.body.reason, auditContext(req)),
    );

    app.get(
      '/api/entries/:id/events',
      { schema: { tags, summary: '作品状态变化记录', params: entryParams } },
      async (req) => entries.events(requireActor(req), req.params.id),
    );

    app.get(
      '/api/entries/:id/materials',
      { schema: { tags, summary: '作品材料（含被替换的历史版本）', params: entryParams } },
      async (req) => files.materials(requireActor(req), req.params.id),
    );

    app.delete(
      '/api/entries/:id/materials/:materialId',
      { schema: { tags, summary: '删除作品材料（保留历史记录）', params: materialParams } },
      async (req) =>
        files.removeMaterial(requireActor(req), req.params.id, req.params.materialId, auditContext(req)),
    );

    app.get(
      '/api/entries/:id/materials/:materialId/file',
      {
        schema: {
          tags,
          summary: '查看或下载材料文件（PDF、图片可在浏览器中打开）',
          params: materialParams,
          querystring: z.object({ download: z.enum(['0', '1']).optional() }),
        },
      },
      async (req, reply) => {
        const f = await files.materialFile(
          requireActor(req),
          req.params.id,
          req.params.materialId,
          req.query.download === '1',
        );
        return reply
          .header('content-type', f.mime)
          .header('content-length', f.size)
          .header('content-disposition', f.disposition)
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          .send(f.stream);
      },
    );

    app.get(
      '/api/entries/:id/recommendation-form',
      { schema: { tags, summary: '下载推荐表（DOCX，按通知附件格式填好）', params: entryParams } },
      async (req, reply) => {
        const f = await files.recommendationForm(requireActor(req), req.params.id);
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
          .header('content-disposition', f.disposition)
          .header('cache-control', 'private, no-store')
          .send(f.buffer);
      },
    );

    app.get(
      '/api/campaigns/:id/entries/zip',
      {
        schema: {
          tags,
          summary: '打包下载一个阶段（或其中一个单位）的作品材料',
          params: campaignParams,
          querystring: z.object({ stageKey: settingsKeySchema, unitId: idSchema.optional() }),
        },
      },
      async (req, reply) => {
        const f = await files.zip(requireActor(req), req.params.id, req.query);
        return reply
          .header('content-type', 'application/zip')
          .header('content-disposition', f.disposition)
          .header('cache-control', 'private, no-store')
          .send(f.stream);
      },
    );

    app.get(
      '/api/campaigns/:id/deadline-extensions',
      { schema: { tags, summary: '截止时间延期记录', params: campaignParams } },
      async (req) => files.extensions(requireActor(req), req.params.id),
    );

    app.post(
      '/api/campaigns/:id/deadline-extensions',
      {
        schema: {
          tags,
          summary: '为一个单位延长本阶段截止时间（须写明原因）',
          params: campaignParams,
          body: deadlineExtensionSchema,
        },
      },
      async (req, reply) => {
        const result = await files.extend(requireActor(req), req.params.id, req.body, auditContext(req));
        reply.code(201);
        return result;
      },
    );
  };
}
