import type { Kysely, Transaction } from 'kysely';
import type { NoticeItem, NoticeKind, NoticeList } from '@jiangtai/contracts';
import type { DB } from '../../db/types.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { notVisible } from '../../lib/errors.ts';
import * as repo from './repository.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface NoticeInput {
  /** The accounts to notify (duplicates are sent once). */
  userIds: readonly string[];
  kind: NoticeKind;
  title: string;
  body?: string;
  /** A path inside the web app the notice opens, e.g. `/plans/12/345`. */
  link?: string | null;
  /** The org the notice is about. */
  orgId?: string | null;
  /** Who sent it; null for the system. */
  createdBy?: string | null;
  /** The injected clock's time (the database's clock when left out). */
  now?: Date;
}

/**
 * Sends an in-app notice (站内通知) to each account, inside the caller's transaction so the notice
 * exists exactly when the change it tells of does. For other modules: a returned lecture record
 * notifies its recorder, a late plan reminds the branch secretary. Returns how many were sent.
 */
export function sendNotice(tx: Db, n: NoticeInput): Promise<number> {
  const link = n.link ?? null;
  if (link !== null && (!link.startsWith('/') || link.startsWith('//')))
    throw new Error(`a notice's link must be a path inside the app: ${link}`);
  return repo.insertNotices(
    tx,
    [...new Set(n.userIds)].map((userId) => ({
      userId,
      kind: n.kind,
      title: n.title,
      body: n.body ?? '',
      link,
      orgId: n.orgId ?? null,
      createdBy: n.createdBy ?? null,
      now: n.now,
    })),
  );
}

const present = (r: Awaited<ReturnType<typeof repo.listNotices>>[number]): NoticeItem => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  link: r.link,
  createdAt: new Date(r.created_at).toISOString(),
  read: r.read_at !== null,
  senderName: r.sender_name,
});

/** Each account reads and marks only its own notices; another's notice is answered like a missing one. */
export function noticeService({ db, clock }: AppDeps) {
  return {
    async list(actor: Actor, page: number, pageSize: number): Promise<NoticeList> {
      const [rows, counts] = await Promise.all([
        repo.listNotices(db, actor.userId, { limit: pageSize, offset: (page - 1) * pageSize }),
        repo.countNotices(db, actor.userId),
      ]);
      return { items: rows.map(present), ...counts };
    },

    async unreadCount(actor: Actor) {
      return { unread: await repo.countUnread(db, actor.userId) };
    },

    async markRead(actor: Actor, id: string) {
      const notice = await repo.findNotice(db, id);
      if (!notice || notice.user_id !== actor.userId) throw notVisible('通知', '查看');
      await repo.markRead(db, actor.userId, clock.now(), id);
      return { unread: await repo.countUnread(db, actor.userId) };
    },

    async markAllRead(actor: Actor) {
      const updated = await repo.markRead(db, actor.userId, clock.now());
      return { updated, unread: 0 };
    },
  };
}
