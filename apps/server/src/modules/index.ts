import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../lib/deps.ts';
import { campaignRoutes } from './campaigns/routes.ts';
import { orgRoutes } from './org/routes.ts';

/** Feature modules' route plugins. Add a feature by appending its `routes` factory here. */
export const featureModules: ((deps: AppDeps) => FastifyPluginAsyncZod)[] = [campaignRoutes, orgRoutes];
