import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  annexQuerySchema,
  annexRemindSchema,
  annexSubmitSchema,
  idSchema,
  settingsKeySchema,
} from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import { auditContext, requireActor } from '../../lib/request.ts';
import { contentDisposition } from '../org/excel/routes.ts';
import { activityService } from './activity.ts';
import { annexService } from './service.ts';
import { XLSX_MIME } from './workbook.ts';

const tags = ['annex'];
const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** 统计报表: the notice's annex tables, generated from the platform's data, and their submission upwards. */
export function annexRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const activity = activityService(deps);
  const annex = annexService(deps);
  return async (app) => {
    const sendXlsx = (reply: FastifyReply, f: { buffer: Buffer; fileName: string; asciiName: string }) =>
      reply
        .type(XLSX_MIME)
        .header('content-disposition', contentDisposition(f.fileName, f.asciiName))
        .header('cache-control', 'private, no-store')
        .send(f.buffer);

    app.get(
      '/api/annex/activity',
      {
        schema: {
          tags,
          summary: '活动统计表：组织的各下级单位在统计期间的宣讲开展情况和合计',
          querystring: annexQuerySchema,
        },
      },
      async (req) => activity.view(requireActor(req), req.query),
    );

    app.get(
      '/api/annex/activity/export',
      { schema: { tags, summary: '导出活动统计表（.xlsx）', querystring: annexQuerySchema } },
      async (req, reply) =>
        sendXlsx(reply, await annex.exportActivity(requireActor(req), req.query, auditContext(req))),
    );

    app.get(
      '/api/annex/pool/export',
      { schema: { tags, summary: '导出组织及其下级的师资库统计表（.xlsx）', querystring: annexQuerySchema } },
      async (req, reply) =>
        sendXlsx(reply, await annex.exportPool(requireActor(req), req.query, auditContext(req))),
    );

    app.get(
      '/api/annex/rubric/export',
      {
        schema: {
          tags,
          summary: '导出活动的比赛评分标准（.xlsx，或 format=docx 为 Word 文档）',
          querystring: z.object({
            campaignId: idSchema,
            stageKey: settingsKeySchema.optional(),
            format: z.enum(['xlsx', 'docx'], { message: '格式只能是 xlsx 或 docx' }).default('xlsx'),
          }),
        },
      },
      async (req, reply) => {
        const { campaignId, stageKey, format } = req.query;
        const f = await annex.exportRubric(requireActor(req), campaignId, stageKey, format);
        if (f.format === 'xlsx') return sendXlsx(reply, f);
        return reply
          .type(DOCX_MIME)
          .header('content-disposition', contentDisposition(f.fileName, f.asciiName))
          .header('cache-control', 'private, no-store')
          .send(f.buffer);
      },
    );

    app.get(
      '/api/annex/submissions',
      {
        schema: {
          tags,
          summary: '报送情况：本单位的报送记录和各下级单位已报送/未报送',
          querystring: z.object({ campaignId: idSchema, orgId: idSchema }),
        },
      },
      async (req) => annex.submissions(requireActor(req), req.query.campaignId, req.query.orgId),
    );

    app.post(
      '/api/annex/submissions',
      { schema: { tags, summary: '报送本单位的活动统计表', body: annexSubmitSchema } },
      async (req, reply) => {
        const created = await annex.submit(requireActor(req), req.body, auditContext(req));
        return reply.status(201).send(created);
      },
    );

    app.get(
      '/api/annex/submissions/:id/file',
      {
        schema: { tags, summary: '下载报送时的活动统计表（.xlsx）', params: z.object({ id: idSchema }) },
      },
      async (req, reply) => {
        const f = await annex.download(requireActor(req), req.params.id);
        return sendXlsx(reply, { ...f, asciiName: `activity-submission-${f.id}.xlsx` });
      },
    );

    app.post(
      '/api/annex/reminders',
      { schema: { tags, summary: '提醒未报送的下级单位报送活动统计表', body: annexRemindSchema } },
      async (req) => annex.remind(requireActor(req), req.body.campaignId, req.body.orgId, auditContext(req)),
    );
  };
}
