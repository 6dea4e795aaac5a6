import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { text } from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import { requireActor } from '../../lib/request.ts';
import { auditScope } from './policy.ts';
import { listAudit } from './repository.ts';

const querySchema = z.object({
  action: text().max(100).optional(),
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
        const { total, rows } = await listAudit(db, { ...req.query, prefixes });
        return {
          total,
          items: rows.map((r) => ({
            id: r.id,
            at: r.at,
            actorName: r.actor_name,
            action: r.action,
            entityType: r.entity_type,
            entityId: r.entity_id,
            before: r.before,
            after: r.after,
            ip: r.ip,
          })),
        };
      },
    );
  };
}
