import { sql } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../lib/deps.ts';
import { APP_VERSION } from '../../lib/version.ts';

export function healthRoutes({ db }: AppDeps, dbKind: string): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/health',
      { schema: { tags: ['system'], summary: '健康检查' }, config: { auth: 'public' } },
      async (_req, reply) => {
        try {
          await sql`select 1`.execute(db);
          return { status: 'ok', database: dbKind, version: APP_VERSION };
        } catch {
          reply.code(503);
          return { status: 'error', database: dbKind, version: APP_VERSION, message: '数据库不可用' };
        }
      },
    );
  };
}
