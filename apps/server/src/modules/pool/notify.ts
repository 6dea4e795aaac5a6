import type { Actor } from '../../lib/actor.ts';
import { sendNotice } from '../notices/service.ts';
import { poolManagerUserIds } from './managers.ts';
import type { Db, PoolRow } from './repository.ts';

/** A unit's nomination: the pool's managers (or those above when it has none) are told, in `tx`. */
export async function noticeNominated(
  tx: Db,
  pool: PoolRow,
  nominee: { name: string; unitTitle: string },
  reason: string,
  actor: Actor,
  now: Date,
) {
  const ids = (await poolManagerUserIds(tx, pool.org_path)).filter((u) => u !== actor.userId);
  if (ids.length === 0) return;
  await sendNotice(tx, {
    userIds: ids,
    kind: 'pool_nominated',
    title: `${pool.name}有新的入库推荐待审核`,
    body: `${nominee.name}（${nominee.unitTitle}）：${reason}`.slice(0, 500),
    link: `/pools/${pool.id}`,
    orgId: pool.org_id,
    createdBy: actor.userId,
    now,
  });
}

/** The decision on a nomination: the nominating account is told, with the reason. */
export async function noticeDecided(
  tx: Db,
  pool: PoolRow,
  s: { id: string; name: string; created_by: string | null },
  approved: boolean,
  reason: string | null,
  actor: Actor,
  now: Date,
) {
  if (!s.created_by || s.created_by === actor.userId) return;
  await sendNotice(tx, {
    userIds: [s.created_by],
    kind: approved ? 'pool_nomination_approved' : 'pool_nomination_declined',
    title: `推荐${s.name}入${pool.name}${approved ? '已通过' : '未通过'}`,
    body: reason ? `原因：${reason}` : '',
    link: `/pool-speakers/${s.id}`,
    orgId: pool.org_id,
    createdBy: actor.userId,
    now,
  });
}
