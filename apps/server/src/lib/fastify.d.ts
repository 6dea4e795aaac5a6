import 'fastify';
import type { Actor } from './actor.ts';
import type { LiveBus } from '../modules/live/bus.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the session hook; null for anonymous requests to public routes. */
    actor: Actor | null;
  }
  interface FastifyInstance {
    /** Every /api route with its auth mode, collected at registration (see app.ts). */
    apiRoutes: { method: string; url: string; auth: 'public' | 'user' }[];
    /** Changes of live rounds, for the screens' push streams (modules/live/bus.ts). */
    liveBus: LiveBus;
  }
  interface FastifyContextConfig {
    /** 'public' routes need no session; every other route requires one (secure by default). */
    auth?: 'public' | 'user';
    /** Allowed while the account still has to change its first password. */
    allowBeforePasswordChange?: boolean;
    /** A long-lived stream (server-sent events): its duration is a viewing time, not a latency. */
    stream?: boolean;
  }
}
