import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  idSchema,
  liveReasonSchema,
  liveScoreSchema,
  signoffSchema,
  timerActionSchema,
} from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import { auditContext, requireActor } from '../../lib/request.ts';
import { liveService, type OrderSource } from './service.ts';

const tags = ['live'];
const params = z.object({ id: idSchema });
const speakerSchema = z.object({ entryId: idSchema });
const skipSchema = liveReasonSchema.extend({ entryId: idSchema });

/**
 * The evening of a live final: the MC console (/api/live/rounds/:id/…), the judges' phones
 * (…/judge, …/score), the supervisor (…/supervision, …/confirm, …/signoff) and rehearsals. Every
 * change tells the screens through the live bus once it is committed. `orderSource` gives the
 * drawn order of speakers.
 */
export function liveRoutes(deps: AppDeps, orderSource: OrderSource): FastifyPluginAsyncZod {
  const live = liveService(deps, orderSource);

  return async (app) => {
    const base = '/api/live/rounds/:id';

    // ---------- MC console ----------

    app.get(base, { schema: { tags, summary: '主持人控制台：现场决赛的当前状态', params } }, async (req) =>
      live.consoleView(requireActor(req), req.params.id),
    );

    const mc = (
      path: string,
      summary: string,
      run: (
        actor: ReturnType<typeof requireActor>,
        id: string,
        who: ReturnType<typeof auditContext>,
      ) => Promise<unknown>,
    ) =>
      app.post(`${base}/${path}`, { schema: { tags, summary, params } }, async (req) => {
        const out = await run(requireActor(req), req.params.id, auditContext(req));
        req.server.liveBus.changed(req.params.id);
        return out;
      });

    mc('start', '开始比赛（按抽签确定的出场顺序）', (a, id, who) => live.start(a, id, who));
    mc('next', '请下一位选手上场', (a, id, who) => live.callNext(a, id, who));
    mc('open-scoring', '开始为当前选手评分', (a, id, who) => live.openScoring(a, id, who));

    app.post(
      `${base}/timer`,
      { schema: { tags, summary: '计时器：开始、暂停、继续、停止', params, body: timerActionSchema } },
      async (req) => {
        const out = await live.timer(requireActor(req), req.params.id, req.body.action, auditContext(req));
        req.server.liveBus.changed(req.params.id);
        return out;
      },
    );

    app.post(
      `${base}/skip`,
      { schema: { tags, summary: '登记选手缺席（写明原因）', params, body: skipSchema } },
      async (req) => {
        const out = await live.skip(requireActor(req), req.params.id, req.body, auditContext(req));
        req.server.liveBus.changed(req.params.id);
        return out;
      },
    );

    app.post(
      `${base}/undo`,
      { schema: { tags, summary: '撤销上一步操作（写明原因）', params, body: liveReasonSchema } },
      async (req) => {
        const out = await live.undo(requireActor(req), req.params.id, req.body.reason, auditContext(req));
        req.server.liveBus.changed(req.params.id);
        return out;
      },
    );

    app.post(
      `${base}/announce`,
      { schema: { tags, summary: '公布选手成绩', params, body: speakerSchema } },
      async (req) => {
        const out = await live.announce(
          requireActor(req),
          req.params.id,
          req.body.entryId,
          auditContext(req),
        );
        req.server.liveBus.changed(req.params.id);
        return out;
      },
    );

    // ---------- rehearsal ----------

    app.post(
      `${base}/rehearsal`,
      { schema: { tags, summary: '开始彩排（复制本场设置、评委和选手）', params } },
      async (req, reply) => {
        const out = await live.startRehearsal(requireActor(req), req.params.id, auditContext(req));
        req.server.liveBus.changed(out.rehearsalRoundId);
        return reply.code(201).send(out);
      },
    );

    app.post(
      `${base}/rehearsal/reset`,
      { schema: { tags, summary: '重置彩排（彩排数据不再显示，正式成绩不受影响）', params } },
      async (req) => {
        const out = await live.resetRehearsal(requireActor(req), req.params.id, auditContext(req));
        req.server.liveBus.changed(out.rehearsalRoundId);
        return out;
      },
    );

    // ---------- judges ----------

    app.get('/api/live/mine', { schema: { tags, summary: '我参加评分的现场决赛' } }, async (req) =>
      live.myLiveRounds(requireActor(req)),
    );

    app.get(
      `${base}/judge`,
      { schema: { tags, summary: '评委手机：当前选手、待评分选手和已提交的评分', params } },
      async (req) => live.judgeView(requireActor(req), req.params.id),
    );

    app.post(
      `${base}/score`,
      {
        schema: {
          tags,
          summary: '评委提交评分（带提交编号，重试不会重复计分）',
          params,
          body: liveScoreSchema,
        },
      },
      async (req) => {
        const out = await live.score(requireActor(req), req.params.id, req.body, auditContext(req));
        if (out.changed) req.server.liveBus.changed(req.params.id);
        return out.outcome;
      },
    );

    // ---------- supervisor ----------

    app.get(
      `${base}/supervision`,
      { schema: { tags, summary: '监督员：实时评分和确认情况', params } },
      async (req) => live.supervision(requireActor(req), req.params.id),
    );

    app.post(
      `${base}/confirm`,
      { schema: { tags, summary: '监督员确认一位选手的成绩', params, body: speakerSchema } },
      async (req) => {
        const out = await live.confirm(requireActor(req), req.params.id, req.body.entryId, auditContext(req));
        req.server.liveBus.changed(req.params.id);
        return out;
      },
    );

    app.post(
      `${base}/signoff`,
      { schema: { tags, summary: '监督员为现场决赛全部成绩签字确认', params, body: signoffSchema } },
      async (req) => {
        const out = await live.signOff(requireActor(req), req.params.id, req.body, auditContext(req));
        req.server.liveBus.changed(req.params.id);
        return out;
      },
    );
  };
}
