import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../lib/deps.ts';

/** Feature modules' route plugins. Add a feature by appending its `routes` factory here. */
export const featureModules: ((deps: AppDeps) => FastifyPluginAsyncZod)[] = [];
