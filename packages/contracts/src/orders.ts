import { z } from 'zod';
import { beijingDateSchema } from './campaign-dates.ts';
import { idSchema, phoneSchema } from './org.ts';
import { audienceTypeSchema, type AudienceType } from './pool-audiences.ts';
import { multilineText, text } from './text.ts';

/**
 * The lecture menu (宣讲菜单) and orders (点单 → 派单 → 接单 → 宣讲 → 评单), apps/server/src/modules/orders.
 * A pool's managers keep its menu; a branch (or a unit on its behalf) orders; the managers dispatch to a
 * speaker who accepts or declines; the lecture is recorded and the ordering org rates it.
 */

export const lectureFormats = ['onsite', 'online'] as const;
export const lectureFormatSchema = z.enum(lectureFormats, { message: '请选择宣讲形式' });
export type LectureFormat = z.infer<typeof lectureFormatSchema>;
export const lectureFormatLabels: Record<LectureFormat, string> = { onsite: '现场', online: '线上' };

export const orderStates = [
  'ordered',
  'dispatched',
  'declined',
  'accepted',
  'delivered',
  'rated',
  'cancelled',
] as const;
export type OrderState = (typeof orderStates)[number];
export const orderStateLabels: Record<OrderState, string> = {
  ordered: '待派单',
  dispatched: '待接单',
  declined: '已谢绝，待重派',
  accepted: '已接单',
  delivered: '已宣讲，待评价',
  rated: '已评价',
  cancelled: '已取消',
};

export const orderActions = ['order', 'dispatch', 'accept', 'decline', 'deliver', 'rate', 'cancel'] as const;
export type OrderAction = (typeof orderActions)[number];
export const orderActionLabels: Record<OrderAction, string> = {
  order: '点单',
  dispatch: '派单',
  accept: '接单',
  decline: '谢绝',
  deliver: '登记宣讲',
  rate: '评单',
  cancel: '取消点单',
};

const reason = (what: string) =>
  multilineText({ message: `请填写${what}` })
    .min(1, `请填写${what}`)
    .max(300, `${what}最多 300 个字`);

export const menuItemInputSchema = z.object({
  title: text({ message: '请填写宣讲题目' }).min(1, '请填写宣讲题目').max(60, '题目最多 60 个字'),
  summary: multilineText().max(500, '内容简介最多 500 个字').default(''),
  category: text().max(30, '类别最多 30 个字').default(''),
  speakerIds: z.array(idSchema).min(1, '请选择至少一位宣讲人').max(5, '最多 5 位宣讲人'),
  durationMinutes: z
    .number({ message: '请填写时长' })
    .int('时长应为整数分钟')
    .min(5, '时长至少 5 分钟')
    .max(600, '时长最多 600 分钟'),
  format: lectureFormatSchema,
  audiences: z.array(audienceTypeSchema).min(1, '请选择适合的听众').max(5),
  /** The recording in the online classroom (网上微课堂), null for none. */
  classroomLectureId: idSchema.nullable().optional(),
});
export type MenuItemInput = z.infer<typeof menuItemInputSchema>;
export const menuItemUpdateSchema = menuItemInputSchema.partial().extend({ active: z.boolean().optional() });
export type MenuItemUpdate = z.infer<typeof menuItemUpdateSchema>;

export const menuQuerySchema = z.object({
  q: z.string().trim().max(30, '搜索词最多 30 个字').optional(),
  audience: audienceTypeSchema.optional(),
  format: lectureFormatSchema.optional(),
});

export interface MenuSpeaker {
  id: string;
  name: string;
  unitTitle: string;
  /** The speaker's photo thumbnail, null without a photo. */
  photoThumbUrl: string | null;
}
export interface MenuItem {
  id: string;
  poolId: string;
  title: string;
  summary: string;
  category: string;
  speakers: MenuSpeaker[];
  durationMinutes: number;
  format: LectureFormat;
  audiences: AudienceType[];
  active: boolean;
  /**
   * The recording (网上微课堂) when the viewer may watch it; the managers also get the id of the one set,
   * to edit it.
   */
  classroomLecture: { id: string; title: string; url: string } | null;
  classroomLectureId: string | null;
}
/** A published classroom lecture a menu item may point at (维护菜单). */
export interface MenuLectureChoice {
  id: string;
  title: string;
  speakerName: string;
  /** Given by one of the item's speakers (shown first). */
  bySpeaker: boolean;
}
export interface OrderPool {
  id: string;
  name: string;
  orgName: string;
  manage: boolean;
}

export const orderCreateSchema = z
  .object({
    poolId: idSchema,
    orgId: idSchema,
    menuItemId: idSchema.optional(),
    topic: text().max(60, '主题最多 60 个字').optional(),
    audience: audienceTypeSchema,
    preferredDates: z
      .array(beijingDateSchema)
      .min(1, '请选择至少一个希望的日期')
      .max(3, '最多选 3 个希望的日期'),
    place: text({ message: '请填写宣讲地点' }).min(1, '请填写宣讲地点').max(80, '地点最多 80 个字'),
    audienceSize: z
      .number({ message: '请填写预计听众人数' })
      .int('人数应为整数')
      .min(1, '人数至少为 1')
      .max(100000, '人数过大'),
    contactName: text({ message: '请填写联系人' }).min(1, '请填写联系人').max(30, '联系人最多 30 个字'),
    contactPhone: phoneSchema,
    note: multilineText().max(300, '备注最多 300 个字').default(''),
  })
  .refine((o) => !!o.menuItemId || !!o.topic, {
    message: '请选择菜单中的宣讲，或填写想听的主题',
    path: ['topic'],
  });
export type OrderCreate = z.infer<typeof orderCreateSchema>;

export const orderListQuerySchema = z.object({
  view: z.enum(['branch', 'manage', 'tasks'], { message: '列表类型无效' }),
  state: z.enum(orderStates).optional(),
});
export const orderDispatchSchema = z.object({ speakerId: idSchema });
export const orderAnswerSchema = z
  .object({ accept: z.boolean({ message: '请选择接单或谢绝' }), reason: multilineText().max(300).optional() })
  .refine((a) => a.accept || !!a.reason, { message: '谢绝须写明原因', path: ['reason'] });
export const orderDeliverSchema = z.object({
  deliveredOn: beijingDateSchema,
  attendance: z
    .number({ message: '请填写参加人数' })
    .int('参加人数应为整数')
    .min(1, '参加人数至少为 1')
    .max(100000, '参加人数过大'),
  summary: multilineText().max(1000, '情况简述最多 1000 个字').default(''),
  /** Photos uploaded for the order (upload purpose order-photo), 0–9. */
  photoIds: z.array(idSchema).max(9, '最多 9 张照片').default([]),
});
const stars = (what: string) =>
  z
    .number({ message: `请为${what}打分` })
    .int(`${what}评分为 1–5 星`)
    .min(1, `${what}评分为 1–5 星`)
    .max(5, `${what}评分为 1–5 星`);
export const orderRateSchema = z.object({
  content: stars('内容'),
  delivery: stars('讲授'),
  comment: multilineText().max(500, '评价最多 500 个字').default(''),
});
export const orderCancelSchema = z.object({ reason: reason('取消原因') });

export interface OrderEvent {
  action: OrderAction;
  fromState: OrderState | null;
  toState: OrderState;
  speakerName: string | null;
  onBehalf: boolean;
  reason: string | null;
  actorName: string | null;
  at: string;
}
export interface OrderSummary {
  id: string;
  poolId: string;
  poolName: string;
  orgId: string;
  orgName: string;
  topic: string;
  audience: AudienceType;
  preferredDates: string[];
  place: string;
  audienceSize: number;
  state: OrderState;
  speakerId: string | null;
  speakerName: string | null;
  replyDueAt: string | null;
  overdue: boolean;
  createdAt: string;
}
export interface OrderDetail extends OrderSummary {
  menuItemId: string | null;
  contactName: string;
  contactPhone: string;
  note: string;
  deliveredOn: string | null;
  attendance: number | null;
  deliverySummary: string | null;
  rating: { content: number; delivery: number; comment: string } | null;
  cancelReason: string | null;
  /** Photos attached when the lecture was recorded. */
  photos: OrderPhoto[];
  events: OrderEvent[];
  may: {
    dispatch: boolean;
    answer: boolean;
    answerOnBehalf: boolean;
    deliver: boolean;
    rate: boolean;
    cancel: boolean;
  };
}
export interface OrderPhoto {
  id: string;
  url: string;
  thumbUrl: string;
  width: number | null;
  height: number | null;
}
export const ORDER_PHOTOS_MAX = 9;
export interface DispatchCandidate {
  id: string;
  name: string;
  unitTitle: string;
  phone: string | null;
  hasAccount: boolean;
  ratingAverage: number | null;
  ratingCount: number;
  bookings: { orderId: string; state: OrderState; dates: string[]; orgName: string; topic: string }[];
}
export interface OrderBranch {
  id: string;
  name: string;
}
export interface OrderStatsRow {
  orgId: string;
  orgName: string;
  orders: number;
  byState: Partial<Record<OrderState, number>>;
  byAudience: Partial<Record<AudienceType, number>>;
  delivered: number;
  audienceReached: number;
  ratingAverage: number | null;
}
