import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../lib/deps.ts';
import { excelRoutes } from './excel/routes.ts';
import { memberRoutes } from './member-routes.ts';
import { orgTreeRoutes } from './org-routes.ts';
import { orgService } from './org-service.ts';

/** The org tree, members, and their Excel import/export. */
export function orgRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const orgs = orgService(deps);
  return async (app) => {
    await app.register(orgTreeRoutes(orgs));
    await app.register(memberRoutes(deps));
    await app.register(excelRoutes(deps, orgs));
  };
}
