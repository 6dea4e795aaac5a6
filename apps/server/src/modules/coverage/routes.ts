import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { coverageQuerySchema, idSchema } from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import { auditContext, requireActor } from '../../lib/request.ts';
import { contentDisposition } from '../org/excel/routes.ts';
import { XLSX_MIME } from './export.ts';
import { coverageService } from './service.ts';

const tags = ['coverage'];
const params = z.object({ id: idSchema });

/** 人人上讲台 coverage of a campaign: the page's numbers and the table as .xlsx. */
export function coverageRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const coverage = coverageService(deps);
  return async (app) => {
    app.get(
      '/api/campaigns/:id/coverage',
      {
        schema: {
          tags,
          summary: '人人上讲台覆盖情况：组织及其下级的已宣讲党员数、党员数和覆盖率，支部未宣讲名单',
          params,
          querystring: coverageQuerySchema,
        },
      },
      async (req) => coverage.view(requireActor(req), req.params.id, req.query.orgId),
    );

    app.get(
      '/api/campaigns/:id/coverage/export',
      {
        schema: {
          tags,
          summary: '导出组织及其下级的人人上讲台覆盖情况（.xlsx）',
          params,
          querystring: coverageQuerySchema,
        },
      },
      async (req, reply) => {
        const { buffer, fileName, asciiName } = await coverage.exportTable(
          requireActor(req),
          req.params.id,
          req.query.orgId,
          auditContext(req),
        );
        return reply
          .type(XLSX_MIME)
          .header('content-disposition', contentDisposition(fileName, asciiName))
          .header('cache-control', 'private, no-store')
          .send(buffer);
      },
    );
  };
}
