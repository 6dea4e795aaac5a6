import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import multipart from '@fastify/multipart';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppDeps } from './lib/deps.ts';
import type { Config } from './config.ts';
import { installErrorHandler } from './lib/error-handler.ts';
import { installDocsGuard, installSecurityHeaders } from './lib/http-security.ts';
import { APP_VERSION } from './lib/version.ts';
import { databaseRateLimitStore } from './lib/rate-limit-store.ts';
import { sessionService } from './modules/accounts/session-service.ts';
import { installSessionHook } from './modules/accounts/session-hook.ts';
import { authRoutes } from './modules/accounts/auth-routes.ts';
import { accountRoutes } from './modules/accounts/routes.ts';
import { memberAccountRoutes } from './modules/accounts/member-accounts/routes.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { installRequestMetrics, metricsRoutes } from './modules/metrics/routes.ts';
import { installRequestPriority } from './lib/request-priority.ts';
import { opsRoutes } from './ops/backup/ops-channel.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { featureModules, liveScreenSource, uploadPurposes } from './modules/index.ts';
import {
  liveScreenRoutes,
  type ScreenRoutesOptions,
  type ScreenSource,
} from './modules/live/screens-routes.ts';
import { uploadRoutes, type UploadPurpose } from './modules/uploads/routes.ts';
import { RequestLog } from './lib/request-log.ts';
import { LiveBus } from './modules/live/bus.ts';

export interface BuildAppOptions extends AppDeps {
  dbKind: 'pglite' | 'postgres';
  /** Serve the built web app from this folder (production start). */
  webDistDir?: string;
  logger?: boolean;
  /** Upload purposes besides the features' own (modules/index.ts), e.g. a test's. */
  extraUploadPurposes?: UploadPurpose[];
  /** The public screens' source and limits; the live evening's snapshot unless a test or bench gives its own. */
  liveScreens?: { source?: ScreenSource; options?: ScreenRoutesOptions };
}

export interface ApiRoute {
  method: string;
  url: string;
  auth: 'public' | 'user';
}

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { dbKind, webDistDir, logger, extraUploadPurposes, liveScreens, ...deps } = options;
  const app = Fastify({
    logger: logger ? { level: deps.config.LOG_LEVEL } : false,
    logController: new RequestLog(),
    trustProxy: trustedProxies(deps.config.TRUST_PROXY),
    bodyLimit: 2 * 1024 * 1024,
    ajv: undefined,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  // swagger-ui registers its own routes without our config; mark them public.
  // Every API route is also listed, so the authorisation-matrix test can demand an entry for each.
  const apiRoutes: ApiRoute[] = [];
  app.decorate('apiRoutes', apiRoutes);
  // On PostgreSQL a change reaches the viewers of every instance (NOTIFY / LISTEN); else in-process.
  const liveBus =
    dbKind === 'postgres' && deps.config.DATABASE_URL
      ? new LiveBus({ connectionString: deps.config.DATABASE_URL, db: deps.db, log: app.log })
      : new LiveBus();
  app.decorate('liveBus', liveBus);
  app.addHook('onClose', () => liveBus.close());
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) route.config = { ...(route.config ?? {}), auth: 'public' };
    // The web app's files (one @fastify/static route per file): the login page must load signed out.
    else if (!route.url.startsWith('/api/')) route.config = { ...(route.config ?? {}), auth: 'public' };
    else if (route.url.startsWith('/api/')) {
      for (const method of [route.method].flat()) {
        if (method !== 'HEAD') apiRoutes.push({ method, url: route.url, auth: route.config?.auth ?? 'user' });
      }
    }
  });

  // Before any hook that queries: the database connection is handed out by request age and kind.
  installRequestPriority(app);
  // Cookies are parsed in cookie's own onRequest hook, so it goes first; the session hook right after,
  // before any plugin adds routes.
  await app.register(cookie);
  const sessions = sessionService(deps);
  installSessionHook(app, sessions);
  installRequestMetrics(app);
  installDocsGuard(app, deps.config);
  installSecurityHeaders(app);
  // Counters in the database: the limits hold across all instances, not per process.
  await app.register(rateLimit, { global: false, store: databaseRateLimitStore(deps.db) });
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
  await app.register(swagger, {
    openapi: {
      info: {
        title: '讲台 Jiangtai API',
        version: APP_VERSION,
        description: '微宣讲 / 微型党课活动平台接口',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
  app.get('/api/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  await app.register(healthRoutes(deps, dbKind));
  await app.register(opsRoutes(deps, dbKind));
  await app.register(metricsRoutes(deps));
  await app.register(authRoutes(deps, sessions));
  await app.register(accountRoutes(deps));
  await app.register(memberAccountRoutes(deps));
  await app.register(auditRoutes(deps));
  for (const module of featureModules) await app.register(module(deps));
  await app.register(
    liveScreenRoutes(deps, liveScreens?.source ?? liveScreenSource, liveScreens?.options ?? {}),
  );
  await app.register(
    uploadRoutes(deps, [...uploadPurposes.map((make) => make(deps)), ...(extraUploadPurposes ?? [])]),
  );

  if (webDistDir && fs.existsSync(path.join(webDistDir, 'index.html'))) await serveWeb(app, webDistDir);
  return app;
}

/** TRUST_PROXY as Fastify takes it: a hop count becomes "the nearest n hops" (as proxy-addr counts them). */
function trustedProxies(setting: Config['TRUST_PROXY']) {
  return typeof setting === 'number' ? (_address: string, hop: number) => hop < setting : setting;
}

/** The SPA: static assets with long caching, index.html for every other non-API path. */
async function serveWeb(app: FastifyInstance, root: string) {
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    // @fastify/static 10 passes the Fastify reply here, not the raw response.
    setHeaders: (reply, filePath) => {
      if (filePath.includes(`${path.sep}assets${path.sep}`))
        reply.header('cache-control', 'public, max-age=31536000, immutable');
    },
  });
  app.get('/*', { config: { auth: 'public' }, schema: { hide: true } }, async (req, reply) => {
    if (req.url.startsWith('/api/')) {
      reply
        .code(404)
        .type('application/problem+json')
        .send({ code: 'NOT_FOUND', status: 404, detail: '接口不存在' });
      return;
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}

export const defaultWebDist = () =>
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');
