import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AUDIT_AREAS, auditActionsOf, text, type AuditArea } from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import { requireActor } from '../../lib/request.ts';
import { auditScope } from './policy.ts';
import { listAudit } from './repository.ts';
import { auditNames, presentAudit } from './names.ts';

const areas = Object.keys(AUDIT_AREAS) as [AuditArea, ...AuditArea[]];

const querySchema = z.object({
  action: text().max(100).optional(),
  area: z.enum(areas, { error: `类别只能是${Object.values(AUDIT_AREAS).join('、')}之一` }).optional(),
  actorId: z
    .string()
    .regex(/^\d{1,18}$/, '操作人编号应为数字')
    .optional(),
  entityType: text().max(50).optional(),
  entityId: text().max(50).optional(),
  actor: text().max(50).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export function auditRoutes({ db }: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/audit',
      { schema: { tags: ['audit'], summary: '操作日志', querystring: querySchema } },
      async (req) => {
        const prefixes = auditScope(requireActor(req));
        const { area, ...q } = req.query;
        const actions = area ? auditActionsOf(area) : undefined;
        const { total, rows } = await listAudit(db, { ...q, actions, prefixes });
        const names = await auditNames(db, rows);
        return { total, items: rows.map((r) => presentAudit(r, names)) };
      },
    );
  };
}
