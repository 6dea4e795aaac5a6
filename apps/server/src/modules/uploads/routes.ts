import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Server } from '@tus/server';
import { Metadata, type Upload } from '@tus/utils';
import { NodeRequest, sendNodeResponse } from 'srvx/node';
import type { UploadSession } from '../../db/types.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { AppError, forbidden, invalid } from '../../lib/errors.ts';
import { requireActor } from '../../lib/request.ts';
import { completedResponse, finishUpload } from './finish.ts';
import { PROBLEM_TYPE, formatBytes, problemBody, tusProblem } from './problem.ts';
import type { UploadPurpose } from './purpose.ts';
import * as repo from './repository.ts';
import { databaseLocker } from './locker.ts';
import { closeS3Client } from './s3.ts';
import { createUploadStore, type UploadStore } from './store.ts';
import { expiryMs, sweepExpiredUploads } from './sweep.ts';
import { webBody } from './web-body.ts';

export type { UploadPurpose } from './purpose.ts';

export const UPLOADS_PATH = '/api/uploads';

/** What the Fastify side has established about a request, for tus's hooks (keyed by the raw request). */
interface RequestContext {
  actor: Actor;
  purpose: UploadPurpose;
  meta: Record<string, string>;
  size: number;
  session?: UploadSession;
}

/** tus errors leave as problem+json too (see onResponseError below). */
class ProblemTusServer extends Server {
  override async write(...args: Parameters<Server['write']>) {
    const [, headers, , body] = args;
    if (body?.startsWith('{')) headers.set('Content-Type', PROBLEM_TYPE);
    return super.write(...args);
  }
}

/**
 * Resumable uploads (tus 1.0) at /api/uploads. Fastify authenticates every request (session cookie,
 * x-csrf-token on POST/PATCH/DELETE) and decides everything that needs the database — purpose,
 * size, permission, ownership, expiry — answering refusals as problem+json; then it hands the raw
 * request to @tus/server, which reads the body as a stream straight into the store.
 */
export function uploadRoutes(deps: AppDeps, purposes: UploadPurpose[]): FastifyPluginAsyncZod {
  const byName = new Map(purposes.map((p) => [p.name, p]));
  return async (app) => {
    const store = createUploadStore(deps);
    const contexts = new WeakMap<object, RequestContext>();
    /** Uploads whose final checks run in this process now. */
    const finishingHere = new Set<string>();
    const contextOf = (req: { runtime?: { node?: { req?: object } } }) => {
      const raw = req.runtime?.node?.req;
      const ctx = raw && contexts.get(raw);
      if (!ctx) throw new Error('tus request without its Fastify context');
      return ctx;
    };

    let tusServer: Server | undefined;
    const tus = () => (tusServer ??= createTus());
    const createTus = () =>
      new ProblemTusServer({
        path: UPLOADS_PATH,
        datastore: store.datastore,
        // Shared by all instances: a retry reaching another instance must not write alongside.
        locker: databaseLocker(deps.db),
        // Location "/api/uploads/<id>": right behind any proxy without trusting forwarded headers.
        relativeLocation: true,
        // Same-origin only (the web app is served by this server): no CORS headers at all.
        allowedOrigins: [],
        maxSize: deps.config.UPLOAD_MAX_BYTES,
        async onUploadCreate(req, upload: Upload) {
          const ctx = contextOf(req);
          await repo.insertSession(deps.db, {
            id: upload.id,
            userId: ctx.actor.userId,
            purpose: ctx.purpose.name,
            meta: ctx.meta,
            size: ctx.size,
            expiresAt: expiresAt(deps),
          });
          return {};
        },
        async onUploadFinish(req, upload: Upload) {
          const ctx = contextOf(req);
          if (!ctx.session) throw new Error('final upload request without a session');
          finishingHere.add(upload.id);
          try {
            return await finishUpload(deps, store, ctx.purpose, ctx.actor, ctx.session, upload);
          } finally {
            finishingHere.delete(upload.id);
          }
        },
        onResponseError(_req, error) {
          const status = 'status_code' in error ? error.status_code : 500;
          if (status >= 500) app.log.error({ err: error }, 'upload failed');
          return { status_code: status, body: problemBody(tusProblem(status), status) };
        },
      });

    // tus reads PATCH bodies itself, as a stream; Fastify must leave them alone.
    app.addContentTypeParser('application/offset+octet-stream', (_req, _payload, done) => done(null));

    const handOver = async (req: FastifyRequest, reply: FastifyReply, ctx: RequestContext) => {
      contexts.set(req.raw, ctx);
      reply.hijack();
      // What tus.handle() does, with a body stream that does not copy every chunk (web-body.ts).
      const request = new NodeRequest({ req: req.raw, res: reply.raw });
      if (req.method === 'PATCH') Object.defineProperty(request, 'body', { value: webBody(req.raw) });
      await sendNodeResponse(reply.raw, await tus().handleWeb(request));
    };

    app.route({
      method: ['POST', 'OPTIONS'],
      url: UPLOADS_PATH,
      schema: { hide: true },
      handler: async (req, reply) => {
        const actor = requireActor(req);
        if (req.method === 'OPTIONS') return capabilities(deps, reply);
        const { purpose, meta, size } = await checkCreation(deps, byName, actor, req);
        reply.raw.setHeader('Upload-Expires', expiresAt(deps).toUTCString());
        return handOver(req, reply, { actor, purpose, meta, size });
      },
    });

    app.route({
      method: ['HEAD', 'PATCH', 'DELETE', 'OPTIONS'],
      url: `${UPLOADS_PATH}/:id`,
      schema: { hide: true },
      handler: async (req, reply) => {
        const actor = requireActor(req);
        if (req.method === 'OPTIONS') return capabilities(deps, reply);
        const { id } = req.params as { id: string };
        const session = await ownSession(deps, store, actor, id);
        const purpose = byName.get(session.purpose);
        if (req.method === 'DELETE') {
          // A finished upload belongs to its feature now; only the session is forgotten.
          if (session.status !== 'complete') await store.discard(id);
          await repo.deleteSession(deps.db, id);
          return reply.code(204).header('Tus-Resumable', '1.0.0').send();
        }
        if (session.status === 'complete') return answerCompleted(reply, req.method, session);
        if (session.status === 'finishing' && req.method === 'PATCH') {
          // Being checked right now, here: wait. Otherwise the process that was checking it died
          // (crash, restart) and the client's retry of the final request starts the checks again.
          // Only for local storage: with S3, another instance may be the one checking it.
          if (finishingHere.has(id) || store.kind !== 'local')
            throw new AppError('CONFLICT', '文件已上传完毕，正在检查，请稍候刷新页面查看结果');
          await repo.setStatus(deps.db, id, 'uploading');
        }
        if (!purpose) throw new AppError('UPLOAD_GONE', '这个上传的用途已不再支持，请重新上传');
        // tus clients show this; the store itself keeps no expiry (the session row and sweep do).
        reply.raw.setHeader('Upload-Expires', session.expires_at.toUTCString());
        return handOver(req, reply, {
          actor,
          purpose,
          meta: session.meta,
          size: Number(session.size_bytes),
          session,
        });
      },
    });

    const every = Math.max(10_000, Math.min(3600_000, expiryMs(deps) / 4));
    const sweep = () =>
      sweepExpiredUploads(deps, store, purposes).catch((err: unknown) =>
        app.log.error({ err }, 'upload sweep failed'),
      );
    let timer: NodeJS.Timeout | undefined;
    app.addHook('onReady', async () => {
      void sweep();
      timer = setInterval(() => void sweep(), every);
      timer.unref();
    });
    app.addHook('onClose', async () => {
      clearInterval(timer);
      await store.close();
      closeS3Client(deps.config);
    });
  };
}

const expiresAt = (deps: AppDeps) => new Date(deps.clock.now().getTime() + expiryMs(deps));

/** POST: which purpose, how big, allowed — all before a byte is stored. */
async function checkCreation(
  deps: AppDeps,
  purposes: Map<string, UploadPurpose>,
  actor: Actor,
  req: FastifyRequest,
) {
  const header = (name: string) => {
    const v = req.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  if (header('upload-concat') !== undefined) throw new AppError('BAD_REQUEST', '不支持分段合并上传');
  if (Number(header('content-length') ?? 0) > 0)
    throw new AppError('BAD_REQUEST', '请先创建上传，再分块发送文件内容');
  const length = header('upload-length');
  if (length === undefined || !/^\d+$/.test(length))
    throw invalid('请在创建上传时提供文件大小（Upload-Length）');
  const size = Number(length);
  if (size === 0) throw invalid('文件是空的，请选择正确的文件');
  let parsed: Record<string, string | null>;
  try {
    const raw = header('upload-metadata');
    parsed = raw ? Metadata.parse(raw) : {};
  } catch {
    throw invalid('上传信息（Upload-Metadata）格式不正确');
  }
  const meta = Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, v ?? '']));
  if (!meta.purpose) throw invalid('缺少上传用途（purpose）', [{ path: 'purpose', message: '必填' }]);
  const purpose = purposes.get(meta.purpose);
  if (!purpose) throw invalid(`不支持的上传用途：${meta.purpose}`, [{ path: 'purpose', message: '不支持' }]);
  const limit = Math.min(deps.config.UPLOAD_MAX_BYTES, purpose.maxBytes(meta));
  if (size > limit)
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `文件大小 ${formatBytes(size)}，超过上限 ${formatBytes(limit)}，请压缩或裁剪后再上传`,
      { limitBytes: limit },
    );
  await purpose.authorize(actor, meta, size);
  return { purpose, meta, size };
}

/** The caller's own, unexpired upload session; 404 / 403 / 410 otherwise. */
async function ownSession(deps: AppDeps, store: UploadStore, actor: Actor, id: string) {
  const session = await repo.findSession(deps.db, id);
  if (!session) throw new AppError('NOT_FOUND', '上传不存在或已过期，请重新上传');
  if (session.user_id !== actor.userId) throw forbidden('这是其他用户的上传，您不能继续或删除它');
  if (session.status !== 'complete' && session.expires_at < deps.clock.now()) {
    await store.discard(id);
    await repo.deleteSession(deps.db, id);
    throw new AppError('UPLOAD_GONE', '这次上传已过期（超过保留时间仍未完成），请重新上传');
  }
  return session;
}

/** OPTIONS: what this tus server supports (answered here, so asking creates no store). */
function capabilities(deps: AppDeps, reply: FastifyReply) {
  return reply
    .code(204)
    .header('Tus-Resumable', '1.0.0')
    .header('Tus-Version', '1.0.0')
    .header('Tus-Extension', 'creation,termination,expiration')
    .header('Tus-Max-Size', String(deps.config.UPLOAD_MAX_BYTES))
    .send();
}

/** A finished upload asked again (the answer was lost on the way): the same answer, no second file. */
function answerCompleted(reply: FastifyReply, method: string, session: UploadSession) {
  const size = String(session.size_bytes);
  reply.header('Tus-Resumable', '1.0.0').header('Upload-Offset', size).header('Cache-Control', 'no-store');
  if (method === 'HEAD') return reply.header('Upload-Length', size).code(200).send();
  const answer = completedResponse(session.result);
  return reply.code(answer.status_code).type(answer.headers['Content-Type']!).send(answer.body);
}
