import { beijingDate } from '@jiangtai/contracts';
import type { AuditAction, OrderAction, OrderCreate, NoticeKind } from '@jiangtai/contracts';
import type { Updateable } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { AppError, conflict, forbidden, invalid, notVisible } from '../../lib/errors.ts';
import { audit, type AuditWho } from '../audit/service.ts';
import { sendNotice } from '../notices/service.ts';
import { BRANCH_ORG_TYPES, branchesLedBy } from '../org/branch-leaders.ts';
import { poolManagerUserIds } from '../pool/managers.ts';
import { loadOrder, speakerAccount } from './access.ts';
import { loadVisiblePool } from './menu-service.ts';
import { orderQueries } from './order-queries.ts';
import { attachOrderPhotos } from './photos.ts';
import { mayOrderFor } from './policy.ts';
import * as repo from './repository.ts';
import type { Db, OrderRow } from './repository.ts';
import { replyDueAt, transition } from './state.ts';

const auditActions: Record<Exclude<OrderAction, 'order'>, AuditAction> = {
  dispatch: 'orders.dispatched',
  accept: 'orders.accepted',
  decline: 'orders.declined',
  deliver: 'orders.delivered',
  rate: 'orders.rated',
  cancel: 'orders.cancelled',
};

/** Orders (点单 → 派单 → 接单 → 宣讲 → 评单): every change through step(), one event + one audit row each. */
export function orderService({ db, clock, config }: AppDeps) {
  const { detail } = orderQueries({ db, clock });
  const load = loadOrder;

  /** The pool's own managers (granted on its org), or those above when it has none. */
  const managers = poolManagerUserIds;

  async function notify(
    tx: Db,
    row: OrderRow,
    userIds: string[],
    kind: NoticeKind,
    title: string,
    actor: Actor,
  ) {
    const ids = userIds.filter((u) => u !== actor.userId);
    if (ids.length === 0) return;
    await sendNotice(tx, {
      userIds: ids,
      kind,
      title,
      body: `${row.org_name}：${row.topic}`,
      link: `/orders/${row.id}`,
      orgId: row.org_id,
      createdBy: actor.userId,
      now: clock.now(),
    });
  }

  /** One transition: state check (409), row update, event, audit, in one transaction. */
  async function step(
    tx: Db,
    actor: Actor,
    who: AuditWho,
    row: OrderRow,
    action: Exclude<OrderAction, 'order'>,
    set: Updateable<DB['lecture_orders']>,
    extra: { reason?: string | null; speakerId?: string | null; onBehalf?: boolean } = {},
  ) {
    const now = clock.now();
    const t = transition(
      { state: row.state, replyDueAt: row.reply_due_at ? new Date(row.reply_due_at) : null },
      action,
      now,
    );
    if (!t.ok) throw conflict(t.reason);
    await repo.updateOrder(tx, row.id, { ...set, state: t.to, updated_at: now });
    await repo.insertEvent(tx, {
      orderId: row.id,
      action,
      from: row.state,
      to: t.to,
      speakerId: extra.speakerId === undefined ? row.speaker_id : extra.speakerId,
      onBehalf: extra.onBehalf ?? false,
      reason: extra.reason ?? null,
      actorUserId: actor.userId,
      actorName: actor.displayName,
      at: now,
    });
    await audit(tx, who, {
      action: auditActions[action],
      entityType: 'lecture_order',
      entityId: row.id,
      orgPath: row.org_path,
      before: { state: row.state, speakerId: row.speaker_id },
      after: { title: row.topic, state: t.to, ...set, ...extra },
    });
  }

  return {
    async create(actor: Actor, input: OrderCreate, who: AuditWho) {
      return db.transaction().execute(async (tx) => {
        const { pool } = await loadVisiblePool(tx, actor, input.poolId);
        const org = await repo.findOrg(tx, input.orgId);
        if (!org || !org.active) throw notVisible('支部');
        if (!mayOrderFor(actor, await branchesLedBy(tx, actor), org))
          throw forbidden('只有本支部书记、副书记或上级单位管理员可以点单');
        if (!(BRANCH_ORG_TYPES as readonly string[]).includes(org.type))
          throw invalid('请选择一个党支部点单');
        if (!org.path.startsWith(pool.org_path))
          throw invalid('该支部不在这个师资库的服务范围内', [{ path: 'orgId', message: '不在服务范围内' }]);
        let topic = input.topic ?? '';
        if (input.menuItemId) {
          const item = await repo.findMenuItem(tx, input.menuItemId);
          if (!item || item.pool_id !== pool.id || !item.active)
            throw invalid('所选宣讲已不在本菜单中', [{ path: 'menuItemId', message: '菜单中没有这项宣讲' }]);
          topic = topic || item.title;
        }
        const now = clock.now();
        const id = await repo.insertOrder(tx, {
          pool_id: pool.id,
          org_id: org.id,
          menu_item_id: input.menuItemId ?? null,
          topic,
          audience: input.audience,
          preferred_dates: input.preferredDates,
          place: input.place,
          audience_size: input.audienceSize,
          contact_name: input.contactName,
          contact_phone: input.contactPhone,
          note: input.note,
          state: 'ordered',
          speaker_id: null,
          dispatched_at: null,
          reply_due_at: null,
          delivered_on: null,
          attendance: null,
          delivery_summary: null,
          rating_content: null,
          rating_delivery: null,
          rating_comment: null,
          cancel_reason: null,
          created_by: actor.userId,
          created_at: now,
          updated_at: now,
        });
        await repo.insertEvent(tx, {
          orderId: id,
          action: 'order',
          from: null,
          to: 'ordered',
          speakerId: null,
          onBehalf: false,
          reason: null,
          actorUserId: actor.userId,
          actorName: actor.displayName,
          at: now,
        });
        await audit(tx, who, {
          action: 'orders.ordered',
          entityType: 'lecture_order',
          entityId: id,
          orgPath: org.path,
          after: {
            title: topic,
            poolId: pool.id,
            audience: input.audience,
            preferredDates: input.preferredDates,
          },
        });
        const row = (await repo.findOrder(tx, id))!;
        await notify(tx, row, await managers(tx, pool.org_path), 'order_new', '新的点单待派单', actor);
        return id;
      });
    },

    async dispatch(actor: Actor, id: string, speakerId: string, who: AuditWho) {
      await db.transaction().execute(async (tx) => {
        const { row, access } = await load(tx, actor, id, true);
        if (!access.manager) throw forbidden('只有师资库的组织者、管理员可以派单');
        const speaker = await repo.findSpeaker(tx, speakerId);
        if (!speaker || speaker.pool_id !== row.pool_id || speaker.status !== 'active')
          throw new AppError('NOT_FOUND', '宣讲人不在本师资库或已退库');
        const now = clock.now();
        await step(
          tx,
          actor,
          who,
          row,
          'dispatch',
          {
            speaker_id: speaker.id,
            dispatched_at: now,
            reply_due_at: replyDueAt(now, config.ORDER_REPLY_DAYS),
          },
          { speakerId: speaker.id },
        );
        const account = await speakerAccount(tx, speaker.member_id);
        if (account) await notify(tx, row, [account], 'order_dispatched', '有一场宣讲等您接单', actor);
      });
      return detail(actor, id);
    },

    async answer(actor: Actor, id: string, a: { accept: boolean; reason?: string }, who: AuditWho) {
      await db.transaction().execute(async (tx) => {
        const { row, access } = await load(tx, actor, id, true);
        let onBehalf = false;
        if (!access.speaker) {
          if (!access.manager) throw forbidden('只有被派单的宣讲人可以接单或谢绝');
          if (await speakerAccount(tx, row.speaker_member_id))
            throw forbidden('该宣讲人有自己的账号，请由本人在手机上答复');
          onBehalf = true;
        }
        const reason = a.accept ? (a.reason ?? null) : a.reason!;
        await step(tx, actor, who, row, a.accept ? 'accept' : 'decline', {}, { reason, onBehalf });
        if (a.accept) {
          if (row.created_by)
            await notify(tx, row, [row.created_by], 'order_accepted', '您的点单已有宣讲人接单', actor);
        } else
          await notify(
            tx,
            row,
            await managers(tx, row.pool_path),
            'order_declined',
            '点单被谢绝，请重新派单',
            actor,
          );
      });
      return detail(actor, id);
    },

    async deliver(
      actor: Actor,
      id: string,
      d: { deliveredOn: string; attendance: number; summary: string; photoIds?: string[] },
      who: AuditWho,
    ) {
      await db.transaction().execute(async (tx) => {
        const { row, access } = await load(tx, actor, id, true);
        if (!access.speaker && !access.orderer) throw forbidden('只有宣讲人或点单的支部可以登记宣讲情况');
        if (d.deliveredOn > beijingDate(clock.now()))
          throw invalid('宣讲日期不能晚于今天', [{ path: 'deliveredOn', message: '不能晚于今天' }]);
        await step(tx, actor, who, row, 'deliver', {
          delivered_on: d.deliveredOn,
          attendance: d.attendance,
          delivery_summary: d.summary,
        });
        await attachOrderPhotos(tx, actor, row.id, d.photoIds ?? [], clock.now());
        if (row.created_by)
          await notify(tx, row, [row.created_by], 'order_delivered', '宣讲已完成，请评价', actor);
      });
      return detail(actor, id);
    },

    async rate(
      actor: Actor,
      id: string,
      r: { content: number; delivery: number; comment: string },
      who: AuditWho,
    ) {
      await db.transaction().execute(async (tx) => {
        const { row, access } = await load(tx, actor, id, true);
        if (!access.orderer) throw forbidden('只有点单的支部可以评价');
        await step(tx, actor, who, row, 'rate', {
          rating_content: r.content,
          rating_delivery: r.delivery,
          rating_comment: r.comment,
        });
      });
      return detail(actor, id);
    },

    async cancel(actor: Actor, id: string, reason: string, who: AuditWho) {
      await db.transaction().execute(async (tx) => {
        const { row, access } = await load(tx, actor, id, true);
        if (!access.orderer) throw forbidden('只有点单的支部可以取消点单');
        await step(tx, actor, who, row, 'cancel', { cancel_reason: reason }, { reason });
        const account = await speakerAccount(tx, row.speaker_member_id);
        const to = [
          ...(await managers(tx, row.pool_path)),
          ...(account && row.state !== 'declined' ? [account] : []),
        ];
        await notify(tx, row, to, 'order_cancelled', '点单已取消', actor);
      });
      return detail(actor, id);
    },
  };
}
