import type { AuditAction, ClassroomAction, NoticeKind } from '@jiangtai/contracts';
import type { Updateable } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Actor } from '../../lib/actor.ts';
import { conflict } from '../../lib/errors.ts';
import { audit, type AuditWho } from '../audit/service.ts';
import { sendNotice } from '../notices/service.ts';
import * as repo from './repository.ts';
import type { Db, LectureRow } from './repository.ts';
import { refreshSearchDoc } from './search-index.ts';
import { transition } from './state.ts';

const auditActions: Record<ClassroomAction, AuditAction> = {
  propose: 'classroom.proposed',
  consent: 'classroom.consented',
  decline: 'classroom.consent_declined',
  publish: 'classroom.published',
  edit: 'classroom.updated',
  unpublish: 'classroom.unpublished',
  republish: 'classroom.republished',
};

/**
 * One step of a lecture: state check (409), row update, event, audit row, in the caller's transaction.
 * `onBehalf` marks a consent answer a manager recorded for a speaker without an account.
 */
export async function step(
  tx: Db,
  actor: Actor,
  who: AuditWho,
  row: LectureRow,
  action: Exclude<ClassroomAction, 'propose'>,
  set: Updateable<DB['classroom_lectures']>,
  extra: { reason?: string | null; now: Date; onBehalf?: boolean; before?: unknown; after?: unknown },
) {
  const t = transition(row.state, action);
  if (!t.ok) throw conflict(t.reason);
  await repo.updateLecture(tx, row.id, { ...set, state: t.to, updated_at: extra.now });
  if (action === 'edit') await refreshSearchDoc(tx, row.id);
  await repo.insertEvent(tx, {
    lectureId: row.id,
    action: extra.onBehalf ? `${action}_on_behalf` : action,
    from: row.state,
    to: t.to,
    reason: extra.reason ?? null,
    actorUserId: actor.userId,
    actorName: actor.displayName,
    at: extra.now,
  });
  await audit(tx, who, {
    action: extra.onBehalf ? 'classroom.consent_recorded' : auditActions[action],
    entityType: 'classroom_lecture',
    entityId: row.id,
    orgPath: row.org_path,
    before: extra.before ?? { state: row.state },
    after: { title: row.title, state: t.to, reason: extra.reason ?? undefined, ...(extra.after ?? {}) },
  });
  return t.to;
}

/** An in-app notice about a lecture to some accounts (never to the one acting). */
export async function notify(
  tx: Db,
  actor: Actor,
  row: Pick<LectureRow, 'id' | 'title' | 'org_id'>,
  userIds: (string | null)[],
  n: { kind: NoticeKind; title: string; body?: string; link?: string; now: Date },
) {
  const ids = userIds.filter((u): u is string => !!u && u !== actor.userId);
  if (ids.length === 0) return;
  await sendNotice(tx, {
    userIds: ids,
    kind: n.kind,
    title: n.title,
    body: n.body ?? `微课「${row.title}」`,
    link: n.link ?? `/classroom/lectures/${row.id}`,
    orgId: row.org_id,
    createdBy: actor.userId,
    now: n.now,
  });
}
