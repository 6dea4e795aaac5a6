import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  chainHeadCheckSchema,
  idSchema,
  judgeInviteSchema,
  manualAssignmentSchema,
  objectionAnswerSchema,
  objectionCreateSchema,
  panelAddSchema,
  reasonSchema,
  roundCreateSchema,
  roundUpdateSchema,
  settingsKeySchema,
  signoffSchema,
  tieDecisionSchema,
} from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import { auditContext, requireActor } from '../../lib/request.ts';
import { roundService } from './round-service.ts';
import { resultsService } from './results-service.ts';
import { publicityService } from './publicity-service.ts';
import { exportService } from './export-service.ts';
import { chainCheckService } from './chain-check-service.ts';
import { judgingRoutes } from './judging-routes.ts';

const tags = ['reviews'];
const roundParams = z.object({ id: idSchema });
const campaignParams = z.object({ id: idSchema });
const pairSchema = z.object({ entryId: idSchema, judgeId: idSchema, reason: reasonSchema.shape.reason });

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Organisers', supervisors' and the public (公示) endpoints of review rounds; judges' are in judging-routes. */
export function reviewRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const rounds = roundService(deps);
  const results = resultsService(deps);
  const publicity = publicityService(deps, results);
  const exports = exportService(deps, results);
  const chain = chainCheckService(deps, results, publicity);

  return async (app) => {
    await app.register(judgingRoutes(deps));

    // ---------- setup ----------

    app.get(
      '/api/campaigns/:id/rounds',
      { schema: { tags, summary: '活动的评审轮次', params: campaignParams } },
      async (req) => rounds.listForCampaign(requireActor(req), req.params.id),
    );

    app.get(
      '/api/campaigns/:id/round-defaults',
      {
        schema: {
          tags,
          summary: '开启评审时的默认设置（取自活动的评分标准和评审规则）',
          params: campaignParams,
          querystring: z.object({ stageKey: settingsKeySchema, scopeOrgId: idSchema.optional() }),
        },
      },
      async (req) =>
        rounds.defaults(requireActor(req), req.params.id, req.query.stageKey, req.query.scopeOrgId),
    );

    app.post(
      '/api/campaigns/:id/rounds',
      { schema: { tags, summary: '开启评审轮次', params: campaignParams, body: roundCreateSchema } },
      async (req, reply) => {
        const created = await rounds.create(requireActor(req), req.params.id, req.body, auditContext(req));
        reply.code(201);
        return created;
      },
    );

    app.get(
      '/api/rounds/:id',
      { schema: { tags, summary: '评审轮次详情（作品、评委组、分配）', params: roundParams } },
      async (req) => rounds.get(requireActor(req), req.params.id),
    );

    app.patch(
      '/api/rounds/:id',
      {
        schema: {
          tags,
          summary: '修改评审设置（评分标准在首个评分前可改）',
          params: roundParams,
          body: roundUpdateSchema,
        },
      },
      async (req) => rounds.update(requireActor(req), req.params.id, req.body, auditContext(req)),
    );

    app.post(
      '/api/rounds/:id/entries/refresh',
      { schema: { tags, summary: '把新推荐进本阶段的作品加入本轮', params: roundParams } },
      async (req) => rounds.refreshEntries(requireActor(req), req.params.id, auditContext(req)),
    );

    // ---------- panel and assignment ----------

    app.get(
      '/api/rounds/:id/judge-accounts',
      { schema: { tags, summary: '可选的评委账号', params: roundParams } },
      async (req) => rounds.judgeAccounts(requireActor(req), req.params.id),
    );

    app.post(
      '/api/rounds/:id/judges',
      { schema: { tags, summary: '把已有评委加入评委组', params: roundParams, body: panelAddSchema } },
      async (req) => rounds.addJudges(requireActor(req), req.params.id, req.body.userIds, auditContext(req)),
    );

    app.post(
      '/api/rounds/:id/judges/invite',
      {
        schema: {
          tags,
          summary: '邀请新评委（创建账号，首次登录须改密码）',
          params: roundParams,
          body: judgeInviteSchema,
        },
      },
      async (req, reply) => {
        const out = await rounds.invite(requireActor(req), req.params.id, req.body, auditContext(req));
        reply.code(201);
        return out;
      },
    );

    app.post(
      '/api/rounds/:id/judges/:userId/remove',
      {
        schema: {
          tags,
          summary: '评委退出评委组（未提交的作品重新分配，须写明原因）',
          params: roundParams.extend({ userId: idSchema }),
          body: reasonSchema,
        },
      },
      async (req) =>
        rounds.removeJudge(
          requireActor(req),
          req.params.id,
          req.params.userId,
          req.body.reason,
          auditContext(req),
        ),
    );

    app.post(
      '/api/rounds/:id/assign',
      { schema: { tags, summary: '自动分配作品（回避、均衡、类别分散）', params: roundParams } },
      async (req) => rounds.assignAutomatically(requireActor(req), req.params.id, auditContext(req)),
    );

    app.put(
      '/api/rounds/:id/assignments',
      {
        schema: {
          tags,
          summary: '手动调整一件作品的评委（有回避或不均衡时先提示）',
          params: roundParams,
          body: manualAssignmentSchema,
        },
      },
      async (req) => rounds.setEntryJudges(requireActor(req), req.params.id, req.body, auditContext(req)),
    );

    // ---------- results ----------

    app.get(
      '/api/rounds/:id/results',
      { schema: { tags, summary: '评分结果与排名（含去掉的分数、评委打分分布）', params: roundParams } },
      async (req) => results.results(requireActor(req), req.params.id),
    );

    app.post(
      '/api/rounds/:id/scores/reopen',
      {
        schema: {
          tags,
          summary: '重新打开一份已提交的评分（须写明原因）',
          params: roundParams,
          body: pairSchema,
        },
      },
      async (req) => {
        const out = await results.reopenScore(requireActor(req), req.params.id, req.body, auditContext(req));
        // A live final's screens follow (the speaker is being scored again).
        req.server.liveBus.changed(req.params.id);
        return out;
      },
    );

    app.post(
      '/api/rounds/:id/scores/remove',
      {
        schema: {
          tags,
          summary: '把一位评委从一件作品移除（须写明原因）',
          params: roundParams,
          body: pairSchema,
        },
      },
      async (req) => {
        const out = await results.removeJudgeFromEntry(
          requireActor(req),
          req.params.id,
          req.body,
          auditContext(req),
        );
        req.server.liveBus.changed(req.params.id);
        return out;
      },
    );

    app.post(
      '/api/rounds/:id/close',
      { schema: { tags, summary: '截止评分', params: roundParams } },
      async (req) => results.close(requireActor(req), req.params.id, auditContext(req)),
    );

    app.post(
      '/api/rounds/:id/ties',
      {
        schema: {
          tags,
          summary: '裁定同分作品的名次（须写明理由）',
          params: roundParams,
          body: tieDecisionSchema,
        },
      },
      async (req) => results.decideTie(requireActor(req), req.params.id, req.body, auditContext(req)),
    );

    app.post(
      '/api/rounds/:id/confirm',
      { schema: { tags, summary: '确认晋级名单', params: roundParams } },
      async (req) => results.confirm(requireActor(req), req.params.id, auditContext(req)),
    );

    // ---------- supervision and exports ----------

    app.get(
      '/api/rounds/:id/score-log',
      { schema: { tags, summary: '评分记录（只增不改，哈希链）', params: roundParams } },
      async (req) => chain.scoreLog(requireActor(req), req.params.id),
    );

    app.post(
      '/api/rounds/:id/verify',
      {
        schema: {
          tags,
          summary: '校验评分记录哈希链，并与签字、封存和操作日志中另存的链头逐一比对',
          params: roundParams,
        },
      },
      async (req) => chain.verify(requireActor(req), req.params.id, auditContext(req)),
    );

    app.post(
      '/api/rounds/:id/verify/head',
      {
        schema: {
          tags,
          summary: '核对纸面或截图上的链头哈希：今天的评分记录是否延续了它，在第几条',
          params: roundParams,
          body: chainHeadCheckSchema,
        },
      },
      async (req) => chain.checkHead(requireActor(req), req.params.id, req.body.head, auditContext(req)),
    );

    app.get(
      '/api/rounds/:id/signoffs',
      { schema: { tags, summary: '监督员签字记录', params: roundParams } },
      async (req) => chain.signoffs(requireActor(req), req.params.id),
    );

    app.post(
      '/api/rounds/:id/signoffs',
      { schema: { tags, summary: '监督员签字确认', params: roundParams, body: signoffSchema } },
      async (req, reply) => {
        const out = await chain.signoff(requireActor(req), req.params.id, req.body, auditContext(req));
        reply.code(201);
        return out;
      },
    );

    app.get(
      '/api/rounds/:id/export',
      {
        schema: {
          tags,
          summary: '导出 Excel：full 评分总表、judges 评委评分表、summary 监督汇总',
          params: roundParams,
          querystring: z.object({ kind: z.enum(['full', 'judges', 'summary'], { message: '导出类型无效' }) }),
        },
      },
      async (req, reply) => {
        const f = await exports.workbook(requireActor(req), req.params.id, req.query.kind, auditContext(req));
        return reply
          .header('content-type', XLSX)
          .header('content-disposition', f.disposition)
          .header('cache-control', 'private, no-store')
          .send(f.buffer);
      },
    );

    // ---------- 公示 ----------

    app.post(
      '/api/rounds/:id/publish',
      { schema: { tags, summary: '发布公示', params: roundParams } },
      async (req) => publicity.publish(requireActor(req), req.params.id, auditContext(req)),
    );

    app.get(
      '/api/rounds/:id/objections',
      { schema: { tags, summary: '本轮公示收到的异议', params: roundParams } },
      async (req) => publicity.objections(requireActor(req), req.params.id),
    );

    app.post(
      '/api/rounds/:id/objections/:objectionId/answer',
      {
        schema: {
          tags,
          summary: '答复异议（成立或不成立，须写明理由）',
          params: roundParams.extend({ objectionId: idSchema }),
          body: objectionAnswerSchema,
        },
      },
      async (req) =>
        publicity.answer(
          requireActor(req),
          req.params.id,
          req.params.objectionId,
          req.body,
          auditContext(req),
        ),
    );

    app.post(
      '/api/rounds/:id/withdraw',
      {
        schema: {
          tags,
          summary: '撤回已确认或公示中的晋级名单（如异议成立；须写明原因），本轮恢复为评分已截止',
          params: roundParams,
          body: reasonSchema,
        },
      },
      async (req) => publicity.withdraw(requireActor(req), req.params.id, req.body.reason, auditContext(req)),
    );

    app.post(
      '/api/rounds/:id/seal',
      { schema: { tags, summary: '公示期满、异议答复完毕后封存结果', params: roundParams } },
      async (req) => publicity.seal(requireActor(req), req.params.id, auditContext(req)),
    );

    // 公示 is for the public (公众): read without an account; objections from anyone, rate-limited.
    const noticeParams = z.object({ code: z.string().regex(/^[A-Z0-9]{1,40}$/, '公示编号无效') });
    app.get(
      '/api/publicity',
      {
        schema: { tags, summary: '公示栏（所有已发布的公示，无需登录）' },
        config: { auth: 'public', rateLimit: { max: 600, timeWindow: '1 minute' } },
      },
      async () => publicity.board(),
    );

    app.get(
      '/api/publicity/:code',
      {
        schema: { tags, summary: '一轮评审的公示（无需登录）', params: noticeParams },
        config: { auth: 'public', rateLimit: { max: 600, timeWindow: '1 minute' } },
      },
      async (req) => publicity.notice(req.params.code),
    );

    app.get(
      '/api/publicity/:code/objections/mine',
      { schema: { tags, summary: '我提出的异议及答复', params: noticeParams } },
      async (req) => publicity.mine(requireActor(req), req.params.code),
    );

    app.post(
      '/api/publicity/:code/objections',
      {
        schema: {
          tags,
          summary: '在公示期内提出异议（登录或不登录均可）',
          params: noticeParams,
          body: objectionCreateSchema,
        },
        // Ten an hour from one address without an account (an office behind one address shares it);
        // a signed-in objector is counted on their own.
        config: {
          auth: 'public',
          rateLimit: {
            max: 10,
            timeWindow: '1 hour',
            keyGenerator: (req) => (req.actor ? `user:${req.actor.userId}` : `ip:${req.ip}`),
          },
        },
      },
      async (req, reply) => {
        // A signed-in objector is recorded under their account only when the request carries the
        // session's CSRF token (a cross-site form cannot object in someone's name).
        const signedIn = req.actor && req.headers['x-csrf-token'] === req.actor.csrfToken ? req.actor : null;
        const who = { ...auditContext(req), actor: signedIn };
        // Signed in at all (CSRF or not), the list's own organisers are refused: nothing is recorded.
        const out = await publicity.lodge(signedIn, req.params.code, req.body, who, req.actor ?? null);
        reply.code(201);
        return out;
      },
    );
  };
}
