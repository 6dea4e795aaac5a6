import type { FastifyInstance } from 'fastify';
import { AppError } from '../../lib/errors.ts';
import type { SessionService } from './session-service.ts';

export const SESSION_COOKIE = 'jt_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Secure by default: every route needs a valid session unless it says `config: { auth: 'public' }`.
 * State-changing requests must echo the session's CSRF token in `x-csrf-token`.
 * An account that must change its first password can reach only the routes that allow it.
 */
export function installSessionHook(app: FastifyInstance, sessions: SessionService) {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    const config = req.routeOptions.config;
    // Unmatched URLs go to the 404 handler; asking for a login there would only confuse.
    const isPublic = config?.auth === 'public' || req.routeOptions.url === undefined;
    const token = req.cookies[SESSION_COOKIE];
    if (!token) {
      if (isPublic) return;
      throw new AppError('UNAUTHENTICATED', '请先登录');
    }
    try {
      req.actor = await sessions.resolve(token);
    } catch (err) {
      if (isPublic) return;
      throw err;
    }
    if (isPublic) return;
    if (!SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== req.actor.csrfToken) {
      throw new AppError('CSRF_FAILED', '页面已过期，请刷新页面后重试');
    }
    if (req.actor.mustChangePassword && !config?.allowBeforePasswordChange) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', '首次登录请先修改密码');
    }
  });
}
