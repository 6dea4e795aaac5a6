import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { text } from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import { requireActor, auditContext } from '../../lib/request.ts';
import { servedOverHttps } from '../../lib/http-security.ts';
import type { Actor } from '../../lib/actor.ts';
import { SESSION_COOKIE } from './session-hook.ts';
import type { SessionService } from './session-service.ts';
import { branchesLedBy } from '../org/branch-leaders.ts';

const loginBody = z.object({
  login: text().min(1, '请输入用户名或手机号').max(100),
  password: z.string().min(1, '请输入密码').max(200),
});

/**
 * The signed-in person for the web app. `ledBranches` are the branches they lead as 书记/副书记
 * (read now, not granted), so the menu offers the branch's season only to those who run one.
 */
export async function presentMe(db: AppDeps['db'], actor: Actor) {
  const led = await branchesLedBy(db, actor);
  return {
    userId: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    memberId: actor.memberId,
    mustChangePassword: actor.mustChangePassword,
    isDemo: actor.isDemo,
    csrfToken: actor.csrfToken,
    grants: actor.grants.map((g) => ({ id: g.id, role: g.role, orgId: g.orgId, orgName: g.orgName })),
    ledBranches: led.map((b) => ({ orgId: b.orgId, orgName: b.orgName })),
  };
}

export function authRoutes({ config, db }: AppDeps, sessions: SessionService): FastifyPluginAsyncZod {
  // Secure whenever the browser reached us over HTTPS (directly, or through a trusted proxy), even
  // if COOKIE_SECURE was forgotten: a session cookie must never go back over plain HTTP.
  const cookieOptions = (req: FastifyRequest) => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.COOKIE_SECURE || servedOverHttps(req),
    maxAge: config.SESSION_TTL_HOURS * 3600,
  });
  return async (app) => {
    app.post(
      '/api/auth/login',
      {
        schema: { tags: ['auth'], summary: '登录', body: loginBody },
        config: { auth: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      },
      async (req, reply) => {
        const { token } = await sessions.login(req.body.login, req.body.password, {
          ip: req.ip,
          userAgent: req.headers['user-agent'] ?? null,
        });
        reply.setCookie(SESSION_COOKIE, token, cookieOptions(req));
        return presentMe(db, await sessions.resolve(token));
      },
    );

    app.get(
      '/api/auth/me',
      { schema: { tags: ['auth'], summary: '当前用户' }, config: { allowBeforePasswordChange: true } },
      async (req) => presentMe(db, requireActor(req)),
    );

    app.post(
      '/api/auth/logout',
      { schema: { tags: ['auth'], summary: '退出登录' }, config: { allowBeforePasswordChange: true } },
      async (req, reply) => {
        await sessions.logout(requireActor(req), auditContext(req), false);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true };
      },
    );

    app.post(
      '/api/auth/logout-all',
      {
        schema: { tags: ['auth'], summary: '在所有设备上退出' },
        config: { allowBeforePasswordChange: true },
      },
      async (req, reply) => {
        await sessions.logout(requireActor(req), auditContext(req), true);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true };
      },
    );

    app.post(
      '/api/auth/password',
      {
        schema: {
          tags: ['auth'],
          summary: '修改密码',
          body: z.object({
            currentPassword: z.string().min(1, '请输入当前密码'),
            newPassword: z.string().min(1, '请输入新密码'),
          }),
        },
        config: { allowBeforePasswordChange: true },
      },
      async (req) => {
        const actor = requireActor(req);
        await sessions.changePassword(
          actor,
          req.body.currentPassword,
          req.body.newPassword,
          auditContext(req),
        );
        return presentMe(db, { ...actor, mustChangePassword: false });
      },
    );
  };
}
