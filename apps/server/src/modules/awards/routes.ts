import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  awardObjectionSchema,
  awardListCreateSchema,
  awardListUpdateSchema,
  awardTieDecisionSchema,
  awardUnitAdjustmentSchema,
  idSchema,
  objectionAnswerSchema,
  reasonSchema,
  SEAL_MAX_BYTES,
} from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import { publicOrigin } from '../../lib/public-origin.ts';
import { AppError, invalid } from '../../lib/errors.ts';
import { auditContext, requireActor } from '../../lib/request.ts';
import { awardService } from './service.ts';

const tags = ['awards'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A certificate file (or the zip of all) as a private download that no cache keeps. */
const sendDownload = (reply: FastifyReply, type: string, disposition: string, body: unknown) =>
  reply
    .header('content-type', type)
    .header('content-disposition', disposition)
    .header('cache-control', 'private, no-store')
    .send(body);
const roundParams = z.object({ id: idSchema });
const codeParams = z.object({ code: z.string().regex(/^[A-Z0-9]{1,40}$/, '编号无效') });

/** Where this request was addressed to: the certificates' QR codes point back to this site. */

/** Awards of a final round (表彰名单, 组织奖, certificates) and their public pages (公示, 证书查验). */
export function awardRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const awards = awardService(deps);

  return async (app) => {
    app.get(
      '/api/rounds/:id/awards',
      { schema: { tags, summary: '本轮的奖项评定（草稿时为按排名计算的预览）', params: roundParams } },
      async (req) => awards.view(requireActor(req), req.params.id),
    );

    app.post(
      '/api/rounds/:id/awards',
      {
        schema: {
          tags,
          summary: '生成表彰名单（评分截止后）',
          params: roundParams,
          body: awardListCreateSchema,
        },
      },
      async (req, reply) => {
        const out = await awards.create(requireActor(req), req.params.id, req.body, auditContext(req));
        reply.code(201);
        return out;
      },
    );

    app.patch(
      '/api/rounds/:id/awards',
      {
        schema: {
          tags,
          summary: '修改表彰设置（颁发单位、证书日期、公示期、组织奖规则）',
          params: roundParams,
          body: awardListUpdateSchema,
        },
      },
      async (req) => awards.update(requireActor(req), req.params.id, req.body, auditContext(req)),
    );

    app.post(
      '/api/rounds/:id/awards/ties',
      {
        schema: {
          tags,
          summary: '裁定跨越奖项分界的同分（排定先后并写明理由）',
          params: roundParams,
          body: awardTieDecisionSchema,
        },
      },
      async (req) => awards.decideTie(requireActor(req), req.params.id, req.body, auditContext(req)),
    );

    app.post(
      '/api/rounds/:id/awards/unit-adjustments',
      {
        schema: {
          tags,
          summary: '调整单位的组织奖（增加、取消或恢复按规则评定，写明理由）',
          params: roundParams,
          body: awardUnitAdjustmentSchema,
        },
      },
      async (req) => awards.adjustUnit(requireActor(req), req.params.id, req.body, auditContext(req)),
    );

    app.post(
      '/api/rounds/:id/awards/publish',
      { schema: { tags, summary: '公示表彰名单（确定证书编号）', params: roundParams } },
      async (req) => awards.publish(requireActor(req), req.params.id, auditContext(req)),
    );

    app.post(
      '/api/rounds/:id/awards/withdraw',
      {
        schema: {
          tags,
          summary: '撤回表彰名单公示，回到草稿（写明原因）',
          params: roundParams,
          body: reasonSchema,
        },
      },
      async (req) => awards.withdraw(requireActor(req), req.params.id, req.body.reason, auditContext(req)),
    );

    app.get(
      '/api/rounds/:id/awards/objections',
      { schema: { tags, summary: '对表彰名单的异议', params: roundParams } },
      async (req) => awards.objections(requireActor(req), req.params.id),
    );

    app.post(
      '/api/rounds/:id/awards/objections/:objectionId/answer',
      {
        schema: {
          tags,
          summary: '答复对表彰名单的异议',
          params: z.object({ id: idSchema, objectionId: idSchema }),
          body: objectionAnswerSchema,
        },
      },
      async (req) =>
        awards.answer(requireActor(req), req.params.id, req.params.objectionId, req.body, auditContext(req)),
    );

    app.post(
      '/api/rounds/:id/awards/finalise',
      { schema: { tags, summary: '结束公示，表彰名单定稿', params: roundParams } },
      async (req) => awards.finalise(requireActor(req), req.params.id, auditContext(req)),
    );

    app.post(
      '/api/rounds/:id/awards/seal',
      {
        schema: {
          tags,
          summary: '上传证书印章图片（multipart 字段 file，PNG 或 JPG，不超过 2 MB）',
          params: roundParams,
          consumes: ['multipart/form-data'],
        },
      },
      async (req) => {
        const actor = requireActor(req);
        if (!req.isMultipart())
          throw new AppError(
            'UNSUPPORTED_FILE',
            '请以表单文件（multipart/form-data）方式上传，字段名为 file',
          );
        const file = await req.file({
          limits: { fileSize: SEAL_MAX_BYTES, files: 1 },
          throwFileSizeLimit: false,
        });
        if (!file || file.fieldname !== 'file')
          throw invalid('请选择印章图片', [{ path: 'file', message: '请选择 PNG 或 JPG 图片' }]);
        const image = await file.toBuffer();
        if (file.file.truncated)
          throw new AppError('PAYLOAD_TOO_LARGE', '印章图片不能超过 2 MB，请压缩后重新上传');
        return awards.uploadSeal(actor, req.params.id, image, auditContext(req));
      },
    );

    app.delete(
      '/api/rounds/:id/awards/seal',
      { schema: { tags, summary: '删除证书印章图片', params: roundParams } },
      async (req) => awards.removeSeal(requireActor(req), req.params.id, auditContext(req)),
    );

    app.get(
      '/api/rounds/:id/awards/seal',
      { schema: { tags, summary: '证书印章图片', params: roundParams } },
      async (req, reply) => {
        const seal = await awards.seal(requireActor(req), req.params.id);
        return reply
          .header('content-type', seal.mime)
          .header('cache-control', 'private, no-store')
          .send(seal.image);
      },
    );

    app.get(
      '/api/rounds/:id/awards/certificates/:itemId',
      {
        schema: {
          tags,
          summary: '下载一张证书（PDF，A4 横向）',
          params: z.object({ id: idSchema, itemId: idSchema }),
        },
      },
      async (req, reply) => {
        const out = await awards.certificate(
          requireActor(req),
          req.params.id,
          req.params.itemId,
          publicOrigin(deps.config, req),
          auditContext(req),
        );
        return sendDownload(reply, 'application/pdf', out.disposition, out.body);
      },
    );

    app.get(
      '/api/rounds/:id/awards/certificates/:itemId/docx',
      {
        schema: {
          tags,
          summary: '下载一张证书（Word，A4 横向，可修改后打印）',
          params: z.object({ id: idSchema, itemId: idSchema }),
        },
      },
      async (req, reply) => {
        const out = await awards.certificate(
          requireActor(req),
          req.params.id,
          req.params.itemId,
          publicOrigin(deps.config, req),
          auditContext(req),
          'docx',
        );
        return sendDownload(reply, DOCX, out.disposition, out.body);
      },
    );

    app.get(
      '/api/rounds/:id/awards/certificates.zip',
      { schema: { tags, summary: '下载全部证书（zip，每人或每个单位一个 PDF）', params: roundParams } },
      async (req, reply) => {
        const out = await awards.certificatesZip(
          requireActor(req),
          req.params.id,
          publicOrigin(deps.config, req),
          auditContext(req),
        );
        return sendDownload(reply, 'application/zip', out.disposition, out.stream);
      },
    );

    // Public: the 表彰名单's 公示 and the certificate check behind each QR code, without an account.
    app.get(
      '/api/awards/notice/:code',
      {
        schema: { tags, summary: '表彰名单公示（无需登录）', params: codeParams },
        config: { auth: 'public', rateLimit: { max: 600, timeWindow: '1 minute' } },
      },
      async (req) => awards.notice(req.params.code),
    );

    app.post(
      '/api/awards/notice/:code/objections',
      {
        schema: {
          tags,
          summary: '在公示期内对表彰名单提出异议（需登录）',
          params: codeParams,
          body: awardObjectionSchema,
        },
        // Ten an hour per account: an objection is a request to look into something, not a chat.
        config: {
          rateLimit: {
            max: 10,
            timeWindow: '1 hour',
            keyGenerator: (req) => (req.actor ? `user:${req.actor.userId}` : `ip:${req.ip}`),
          },
        },
      },
      async (req, reply) => {
        const out = await awards.lodge(requireActor(req), req.params.code, req.body, auditContext(req));
        reply.code(201);
        return out;
      },
    );

    app.get(
      '/api/awards/notice/:code/objections/mine',
      { schema: { tags, summary: '我对表彰名单提出的异议及答复', params: codeParams } },
      async (req) => awards.mine(requireActor(req), req.params.code),
    );

    app.get(
      '/api/certificates/:code',
      {
        schema: { tags, summary: '证书查验（扫描证书上的二维码，无需登录）', params: codeParams },
        config: { auth: 'public', rateLimit: { max: 300, timeWindow: '1 minute' } },
      },
      async (req) => awards.verify(req.params.code),
    );
  };
}
