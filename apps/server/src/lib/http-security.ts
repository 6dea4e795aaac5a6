import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { isSystemAdmin } from './actor.ts';
import { AppError } from './errors.ts';

/**
 * The web app's Content-Security-Policy. Scripts only from our own files (Vite emits no inline
 * script); inline styles because antd writes its CSS at run time; blob: for hls.js (its worker and
 * the MediaSource behind <video>); frames and objects from our own origin for the PDF previews.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "media-src 'self' blob:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'self'",
  "frame-ancestors 'self'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/**
 * The one page other sites may frame: a public classroom lecture's embed (`/embed/classroom/<code>`,
 * the iframe a unit puts on its own website). Everything else stays unframeable.
 */
export const EMBEDDABLE_PAGE = /^\/embed\/classroom\/[a-z0-9]{8,32}\/?(\?.*)?$/;
const EMBED_POLICY = CONTENT_SECURITY_POLICY.replace("frame-ancestors 'self'", 'frame-ancestors *');

/** HTTPS as the browser sees it: TLS here, or X-Forwarded-Proto from a trusted proxy (TRUST_PROXY). */
export const servedOverHttps = (req: FastifyRequest) => req.protocol === 'https';

/**
 * Security headers on every response. HTML pages get the full policy; other responses (JSON, files,
 * PDF previews, video) only may not be framed by another site, which keeps Chromium's PDF viewer
 * working inside our own preview frame.
 */
export function installSecurityHeaders(app: FastifyInstance) {
  app.addHook('onSend', async (req, reply, payload) => {
    const type = String(reply.getHeader('content-type') ?? '');
    const html = type.startsWith('text/html');
    const embed = html && EMBEDDABLE_PAGE.test(req.url);
    if (!reply.hasHeader('content-security-policy'))
      reply.header(
        'content-security-policy',
        embed ? EMBED_POLICY : html ? CONTENT_SECURITY_POLICY : "frame-ancestors 'self'",
      );
    reply.header('x-content-type-options', 'nosniff');
    if (!embed) reply.header('x-frame-options', 'SAMEORIGIN');
    reply.header('referrer-policy', 'same-origin');
    reply.header('cross-origin-opener-policy', 'same-origin');
    if (servedOverHttps(req)) reply.header('strict-transport-security', 'max-age=15552000');
    return payload;
  });
}

const isDocsUrl = (url: string | undefined) =>
  !!url && (url === '/api/openapi.json' || url === '/api/docs' || url.startsWith('/api/docs/'));

/**
 * The API description lists every route and field; in production only a system administrator who
 * is signed in may read it. The routes stay 'public' for the session hook, which still resolves the
 * session when a cookie is sent.
 */
export function installDocsGuard(app: FastifyInstance, config: Config) {
  if (config.NODE_ENV !== 'production') return;
  app.addHook('onRequest', async (req) => {
    if (!isDocsUrl(req.routeOptions.url)) return;
    if (!req.actor) throw new AppError('UNAUTHENTICATED', '请先登录');
    if (!isSystemAdmin(req.actor)) throw new AppError('FORBIDDEN', '接口文档仅对系统管理员开放');
  });
}
