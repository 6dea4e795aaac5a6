/** 站内通知 (in-app notices): a message to one account, e.g. a reminder that a plan is late. */
export const noticeKindLabels = {
  plan_reminder: '计划提醒',
  plan_returned: '计划退回',
  plan_accepted: '计划通过',
  lecture_returned: '记录退回',
  lecture_confirmed: '记录确认',
  order_new: '新的点单',
  order_dispatched: '派单',
  order_declined: '点单被谢绝',
  order_accepted: '点单已接',
  order_delivered: '待评价',
  order_cancelled: '点单取消',
  pool_nominated: '入库推荐',
  pool_nomination_approved: '推荐通过',
  pool_nomination_declined: '推荐未通过',
  classroom_consent: '微课堂授权',
  classroom_consent_answered: '微课授权答复',
  classroom_published: '微课已发布',
  classroom_unpublished: '微课已下架',
  annex_reminder: '报表催报',
  dashboard_reminder: '督查提醒',
} as const;
export type NoticeKind = keyof typeof noticeKindLabels;
export const noticeKindLabel = (kind: string) => (noticeKindLabels as Record<string, string>)[kind] ?? '通知';

export interface NoticeItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  read: boolean;
  senderName: string | null;
}

export interface NoticeList {
  items: NoticeItem[];
  total: number;
  unread: number;
}
