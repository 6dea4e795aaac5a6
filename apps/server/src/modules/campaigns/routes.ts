import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  beijingDateSchema,
  campaignPresetKeySchema,
  campaignStatusSchema,
  idSchema,
  SHIFT_DAYS_LIMIT,
  text,
} from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import { auditContext, requireActor } from '../../lib/request.ts';
import { campaignService } from './service.ts';

const params = z.object({ id: idSchema });
/** Settings are checked as a whole by the service, so a form gets every problem at once (422). */
const settingsObject = z.record(z.string(), z.unknown(), { message: '活动设置应为对象' });
const title = text().min(1, '请填写活动名称').max(100, '活动名称不能超过 100 个字');
const shiftYears = z
  .number()
  .int('平移年数应为整数')
  .min(-50, '平移年数不能小于 -50')
  .max(50, '平移年数不能大于 50');

const createBody = z
  .object({
    organiserOrgId: idSchema,
    presetKey: campaignPresetKeySchema.optional(),
    copyFromId: idSchema.optional(),
    settings: settingsObject.optional(),
    year: z
      .number()
      .int('年份应为整数')
      .min(2000, '年份不能早于 2000')
      .max(2100, '年份不能晚于 2100')
      .optional(),
    startsOn: beijingDateSchema.optional(),
    shiftYears: shiftYears.optional(),
    title: title.optional(),
  })
  .superRefine((b, ctx) => {
    const ways = [b.presetKey, b.copyFromId, b.settings].filter((v) => v !== undefined).length;
    if (ways !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message:
          '请从预设（presetKey）、复制已有活动（copyFromId）、完整设置（settings）中选择且只选择一种方式',
      });
    }
    if (b.year !== undefined && !b.presetKey)
      ctx.addIssue({ code: 'custom', path: ['year'], message: '年份只用于按预设新建' });
    if (b.startsOn !== undefined && !b.presetKey)
      ctx.addIssue({ code: 'custom', path: ['startsOn'], message: '开始日期只用于按预设新建' });
    if (b.startsOn !== undefined && b.year !== undefined)
      ctx.addIssue({ code: 'custom', path: ['startsOn'], message: '开始日期和年份只能填写一个' });
    if (b.shiftYears !== undefined && !b.copyFromId)
      ctx.addIssue({ code: 'custom', path: ['shiftYears'], message: '平移年数只用于复制已有活动' });
    if (b.title !== undefined && b.settings)
      ctx.addIssue({
        code: 'custom',
        path: ['title'],
        message: '按完整设置新建时，活动名称写在 settings.title 中',
      });
  });

export function campaignRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const campaigns = campaignService(deps);
  return async (app) => {
    app.get(
      '/api/campaign-presets',
      { schema: { tags: ['campaigns'], summary: '活动预设（岳阳、焦作）' } },
      async (req) => campaigns.presets(requireActor(req)),
    );

    app.get(
      '/api/campaigns',
      {
        schema: {
          tags: ['campaigns'],
          summary: '活动列表（只含本人可查看的活动）',
          querystring: z.object({ status: campaignStatusSchema.optional() }),
        },
      },
      async (req) => campaigns.list(requireActor(req), req.query),
    );

    app.post(
      '/api/campaigns',
      {
        schema: {
          tags: ['campaigns'],
          summary: '新建活动（按预设、复制已有活动或完整设置）',
          body: createBody,
        },
      },
      async (req, reply) => {
        const created = await campaigns.create(requireActor(req), req.body, auditContext(req));
        reply.code(201);
        return created;
      },
    );

    app.get(
      '/api/campaigns/:id',
      { schema: { tags: ['campaigns'], summary: '活动详情', params } },
      async (req) => campaigns.get(requireActor(req), req.params.id),
    );

    app.put(
      '/api/campaigns/:id',
      {
        schema: {
          tags: ['campaigns'],
          summary: '保存活动设置（设置有误时 422 INVALID_SETTINGS，issues 逐项指出）',
          params,
          body: z.object({
            settings: settingsObject,
            updatedAt: z.iso.datetime({ message: '更新时间格式不正确' }).optional(),
          }),
        },
      },
      async (req) => campaigns.update(requireActor(req), req.params.id, req.body, auditContext(req)),
    );

    app.post(
      '/api/campaigns/:id/publish',
      {
        schema: {
          tags: ['campaigns'],
          summary: '发布活动（有比赛阶段已结束时 409 STAGE_PAST，确认后带 confirmPastStages: true 重发）',
          params,
          body: z
            .object({ confirmPastStages: z.boolean({ message: '确认标记应为 true 或 false' }).optional() })
            // A bodiless POST (no content) arrives as null.
            .nullish(),
        },
      },
      async (req) => campaigns.publish(requireActor(req), req.params.id, auditContext(req), req.body ?? {}),
    );

    app.post(
      '/api/campaigns/:id/shift-dates',
      {
        schema: {
          tags: ['campaigns'],
          summary: '整体顺延 / 提前 N 天（全部阶段日期和报送截止一起移动）',
          params,
          body: z.object({
            days: z
              .number({ message: '请填写移动的天数' })
              .int('天数应为整数')
              .min(-SHIFT_DAYS_LIMIT, `最多提前 ${SHIFT_DAYS_LIMIT} 天`)
              .max(SHIFT_DAYS_LIMIT, `最多顺延 ${SHIFT_DAYS_LIMIT} 天`)
              .refine((d) => d !== 0, '移动天数不能为 0'),
            updatedAt: z.iso.datetime({ message: '更新时间格式不正确' }).optional(),
          }),
        },
      },
      async (req) => campaigns.shiftDates(requireActor(req), req.params.id, req.body, auditContext(req)),
    );

    app.post(
      '/api/campaigns/:id/close',
      { schema: { tags: ['campaigns'], summary: '结束活动', params } },
      async (req) => campaigns.close(requireActor(req), req.params.id, auditContext(req)),
    );

    app.post(
      '/api/campaigns/:id/copy',
      {
        schema: {
          tags: ['campaigns'],
          summary: '复制为新活动（草稿；可按整年平移日期）',
          params,
          body: z.object({ title: title.optional(), shiftYears: shiftYears.optional() }).optional(),
        },
      },
      async (req, reply) => {
        const created = await campaigns.copy(
          requireActor(req),
          req.params.id,
          req.body ?? {},
          auditContext(req),
        );
        reply.code(201);
        return created;
      },
    );
  };
}
