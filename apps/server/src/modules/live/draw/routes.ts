import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  drawCommitSchema,
  drawContributionSchema,
  drawRevealSchema,
  drawWithdrawSchema,
  idSchema,
  manualOrderSchema,
} from '@jiangtai/contracts';
import type { AppDeps } from '../../../lib/deps.ts';
import { auditContext, requireActor } from '../../../lib/request.ts';
import { drawService } from './service.ts';

const tags = ['live'];
const params = z.object({ roundId: idSchema });

/** The draw (抽签) of a live final's speaking order: the organiser's and supervisor's steps, and the public record. */
export function drawRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const draws = drawService(deps);
  return async (app) => {
    app.get(
      '/api/live/rounds/:roundId/draw',
      { schema: { tags, summary: '决赛抽签（组织者、监督员）', params } },
      async (req) => draws.view(requireActor(req), req.params.roundId),
    );

    app.post(
      '/api/live/rounds/:roundId/draw/commit',
      {
        schema: {
          tags,
          summary: '公布抽签承诺值（种子的 SHA-256；种子留在组织者的浏览器里）',
          params,
          body: drawCommitSchema,
        },
      },
      async (req, reply) => {
        const out = await draws.commit(
          requireActor(req),
          req.params.roundId,
          req.body.commitment,
          auditContext(req),
        );
        reply.code(201);
        return out;
      },
    );

    app.post(
      '/api/live/rounds/:roundId/draw/contributions',
      {
        schema: {
          tags,
          summary: '录入一份现场随机数（承诺值公布后、揭晓前；监督员、选手给出）',
          params,
          body: drawContributionSchema,
        },
      },
      async (req, reply) => {
        const out = await draws.contribute(
          requireActor(req),
          req.params.roundId,
          req.body,
          auditContext(req),
        );
        reply.code(201);
        return out;
      },
    );

    app.post(
      '/api/live/rounds/:roundId/draw/reveal',
      { schema: { tags, summary: '揭晓种子，按公开算法得出出场顺序', params, body: drawRevealSchema } },
      async (req) => draws.reveal(requireActor(req), req.params.roundId, req.body.seed, auditContext(req)),
    );

    app.post(
      '/api/live/rounds/:roundId/draw/manual',
      {
        schema: { tags, summary: '录入现场人工抽签的出场顺序', params, body: manualOrderSchema },
      },
      async (req) => draws.manual(requireActor(req), req.params.roundId, req.body, auditContext(req)),
    );

    app.post(
      '/api/live/rounds/:roundId/draw/withdraw',
      {
        schema: {
          tags,
          summary: '选手在抽签（公布承诺值）前退出决赛，写明原因',
          params,
          body: drawWithdrawSchema,
        },
      },
      async (req) => draws.withdraw(requireActor(req), req.params.roundId, req.body, auditContext(req)),
    );

    app.get(
      '/api/public/live-draws/:roundId',
      {
        schema: { tags, summary: '决赛抽签的公开记录（无需登录，可据此复核出场顺序）', params },
        config: { auth: 'public', rateLimit: { max: 600, timeWindow: '1 minute' } },
      },
      async (req) => draws.publicDraw(req.params.roundId),
    );
  };
}
