import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idSchema, importResultSchema } from '@jiangtai/contracts';
import type { AppDeps } from '../../../lib/deps.ts';
import { AppError, invalid } from '../../../lib/errors.ts';
import { auditContext, requireActor } from '../../../lib/request.ts';
import * as policy from '../policy.ts';
import type { OrgService } from '../org-service.ts';
import { XLSX_MIME } from './layout.ts';
import { excelService } from './service.ts';

/** RFC 6266 / 5987: an ASCII fallback plus the UTF-8 (Chinese) name, percent-encoded. */
export function contentDisposition(fileName: string, asciiFallback: string) {
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encoded}`;
}

export function excelRoutes(deps: AppDeps, orgs: OrgService): FastifyPluginAsyncZod {
  const excel = excelService(deps, orgs);
  const tags = ['org-import'];
  return async (app) => {
    app.get(
      '/api/org-import/template',
      { schema: { tags, summary: '下载组织与党员导入模板（.xlsx）' } },
      async (req, reply) => {
        const file = await excel.template(requireActor(req));
        return reply
          .type(XLSX_MIME)
          .header(
            'content-disposition',
            contentDisposition('组织与党员导入模板.xlsx', 'org-import-template.xlsx'),
          )
          .send(file);
      },
    );

    app.post(
      '/api/org-import',
      {
        schema: {
          tags,
          summary: '导入组织与党员（multipart 字段 file，.xlsx；有一处错误则全部不导入）',
          consumes: ['multipart/form-data'],
          response: { 200: importResultSchema },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        policy.editScope(actor); // refuse before reading the upload
        if (!req.isMultipart())
          throw new AppError(
            'UNSUPPORTED_FILE',
            '请以表单文件（multipart/form-data）方式上传，字段名为 file',
          );
        const file = await req.file();
        if (!file || file.fieldname !== 'file')
          throw invalid('请选择要上传的 .xlsx 文件', [{ path: 'file', message: '请选择文件' }]);
        const buffer = await file.toBuffer();
        return excel.importFile(actor, buffer, file.filename, auditContext(req));
      },
    );

    app.get(
      '/api/orgs/:id/export',
      {
        schema: {
          tags,
          summary: '导出组织及其下级和党员（.xlsx，格式同导入模板）',
          params: z.object({ id: idSchema }),
        },
      },
      async (req, reply) => {
        const { stream, fileName, asciiName } = await excel.exportSubtree(
          requireActor(req),
          req.params.id,
          auditContext(req),
        );
        return reply
          .type(XLSX_MIME)
          .header('content-disposition', contentDisposition(fileName, asciiName))
          .send(stream);
      },
    );
  };
}
