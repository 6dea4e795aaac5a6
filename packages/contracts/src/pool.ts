import { z } from 'zod';
import { idSchema, phoneSchema } from './org.ts';
import { multilineText, text } from './text.ts';
import { audienceTypeSchema, type AudienceType } from './pool-audiences.ts';
import { reasonSchema } from './review.ts';

/** 师资库 (speaker pools): the forms and views shared by server and web. */

const poolName = text({ message: '请填写师资库名称' })
  .trim()
  .min(2, '名称至少 2 个字')
  .max(60, '名称不能超过 60 个字');
const target = z
  .number({ message: '目标人数应为整数' })
  .int('目标人数应为整数')
  .min(1, '目标人数至少为 1')
  .max(10000, '目标人数不能超过 10000');

export const poolCreateSchema = z.object({
  orgId: idSchema,
  name: poolName,
  /** The pool's own size target; omitted/null: the campaigns' 每个县市区目标 applies where one is set. */
  target: target.nullish(),
});
export type PoolCreate = z.infer<typeof poolCreateSchema>;
export const poolUpdateSchema = z.object({ name: poolName.optional(), target: target.nullish() });
export type PoolUpdate = z.infer<typeof poolUpdateSchema>;

const specialty = text({ message: '专长无效' })
  .trim()
  .min(1, '专长不能为空')
  .max(30, '每项专长不超过 30 个字');
export const speakerDetailsSchema = z.object({
  specialties: z.array(specialty).max(10, '专长最多 10 项').optional(),
  audiences: z.array(audienceTypeSchema).max(5).optional(),
  bio: multilineText({ message: '简介无效' }).max(1000, '简介不能超过 1000 个字').optional(),
  availability: text({ message: '可宣讲时间无效' }).max(200, '可宣讲时间不能超过 200 个字').optional(),
});
export type SpeakerDetails = z.infer<typeof speakerDetailsSchema>;

export const politicalStatuses = ['中共党员', '中共预备党员', '共青团员', '民主党派', '群众'] as const;

/** 直接入库: an outside expert (or anyone) added by the pool's managers. */
export const speakerDirectSchema = speakerDetailsSchema.extend({
  name: text({ message: '请填写姓名' }).trim().min(2, '姓名至少 2 个字').max(30, '姓名不能超过 30 个字'),
  gender: z.enum(['male', 'female'], { message: '性别无效' }).nullish(),
  unitTitle: text({ message: '单位及职务无效' }).trim().max(80, '单位及职务不能超过 80 个字').default(''),
  politicalStatus: z.enum(politicalStatuses, { message: '政治面貌无效' }).nullish(),
  phone: phoneSchema.nullish(),
});
export type SpeakerDirect = z.infer<typeof speakerDirectSchema>;

/** 比赛推选: an entry of a campaign (a finalist, an award winner) with its member. */
export const speakerFromEntrySchema = z.object({ entryId: idSchema });

/** 推荐入库 by a unit admin: one of the unit's members, with why. */
export const speakerNominateSchema = speakerDetailsSchema.extend({
  memberId: idSchema,
  reason: multilineText({ message: '请填写推荐理由' })
    .trim()
    .min(5, '推荐理由至少 5 个字')
    .max(500, '推荐理由不能超过 500 个字'),
  unitTitle: text({ message: '单位及职务无效' }).trim().max(80, '单位及职务不能超过 80 个字').optional(),
});
export type SpeakerNominate = z.infer<typeof speakerNominateSchema>;

export const speakerDecisionSchema = z.object({
  approve: z.boolean({ message: '请选择通过或不通过' }),
  reason: multilineText({ message: '原因无效' }).trim().max(500, '原因不能超过 500 个字').optional(),
});
export type SpeakerDecision = z.infer<typeof speakerDecisionSchema>;
export const speakerReasonSchema = reasonSchema;

export const poolSpeakerListQuerySchema = z.object({
  status: z.enum(['nominated', 'active', 'declined', 'left', 'retired']).optional(),
  audience: audienceTypeSchema.optional(),
  specialty: text().max(30, '专长不超过 30 个字').optional(),
  q: text().max(30, '搜索词不超过 30 个字').optional(),
});
export type PoolSpeakerListQuery = z.infer<typeof poolSpeakerListQuerySchema>;

export type PoolSpeakerStatus = 'nominated' | 'active' | 'declined' | 'left' | 'retired';
export type PoolSpeakerSource = 'contest' | 'nomination' | 'direct';

export interface PoolSummary {
  id: string;
  name: string;
  org: { id: string; name: string; path: string };
  /** The pool's own target, else the inherited one (targetSource says which). */
  target: number | null;
  targetSource: 'pool' | 'campaign' | null;
  ownTarget: number | null;
  active: number;
  nominated: number;
  /** May add, approve, retire, edit (the pool's managers). */
  manages: boolean;
}

export interface PoolSpeakerRow {
  id: string;
  name: string;
  gender: 'male' | 'female' | null;
  unitTitle: string;
  /** Masked unless the viewer manages the pool. */
  phone: string | null;
  specialties: string[];
  audiences: AudienceType[];
  source: PoolSpeakerSource;
  status: PoolSpeakerStatus;
  memberId: string | null;
  nominatedBy: string | null;
  sourceNote: string;
  joinedAt: string | null;
  /** The photo (full size and 480 px thumbnail), null without one. */
  photo: { url: string; thumbUrl: string } | null;
}

export interface PoolSpeakerEvent {
  id: string;
  action: 'added' | 'nominated' | 'approved' | 'declined' | 'left' | 'retired' | 'edited' | 'rejoined';
  reason: string | null;
  actorName: string | null;
  at: string;
}

/** A speaker's 点单 record on their pool page (managers only): delivered lectures and ratings. */
export interface SpeakerOrderSummary {
  delivered: number;
  /** Sum of recorded attendance. */
  audience: number;
  /** Averages of the 1–5 stars, 1 decimal; null before any rating. */
  ratingContent: number | null;
  ratingDelivery: number | null;
  ratingCount: number;
  /** The last few delivered orders, newest first. */
  recent: { orderId: string; deliveredOn: string | null; orgName: string; topic: string }[];
}

/** One pool the signed-in member is an active speaker of (我的师资库). */
export interface MySpeakerRow {
  id: string;
  pool: { id: string; name: string; orgName: string };
}

export interface PoolSpeakerDetail extends PoolSpeakerRow {
  pool: { id: string; name: string; orgName: string };
  bio: string;
  availability: string;
  politicalStatus: string | null;
  statusReason: string | null;
  sourceEntry: { id: string; title: string; campaignTitle: string } | null;
  events: PoolSpeakerEvent[];
  manages: boolean;
  /** The speaker themself (may leave). */
  isSelf: boolean;
  /** The speaker's 点单 record: for the pool's managers only, null for everyone else. */
  orderRecord: SpeakerOrderSummary | null;
}

export interface PoolView extends PoolSummary {
  speakers: PoolSpeakerRow[];
  /** May nominate members of these orgs' subtrees (unit admins below the pool's org). */
  mayNominate: boolean;
}

export interface PoolOverviewRow {
  org: { id: string; name: string };
  pool: { id: string; name: string } | null;
  active: number;
  target: number | null;
  /** 0–100, null without a target. */
  percent: number | null;
}

export interface PoolOverview {
  org: { id: string; name: string };
  pool: PoolSummary | null;
  children: PoolOverviewRow[];
  /** May export the org's and its children's 统计表 (the org's pool managers). */
  manages: boolean;
}

export const poolSpeakerEventLabels: Record<PoolSpeakerEvent['action'], string> = {
  added: '入库',
  nominated: '推荐入库',
  approved: '审核通过',
  declined: '审核未通过',
  left: '退出',
  retired: '退库',
  edited: '修改信息',
  rejoined: '重新入库',
};

/** Percent of a target reached, capped at 100; null without a target. */
export function poolProgress(active: number, target: number | null): number | null {
  if (!target) return null;
  return Math.min(100, Math.round((active / target) * 100));
}
