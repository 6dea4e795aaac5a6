import type { Insertable } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Actor } from '../../lib/actor.ts';
import { audit, type AuditWho } from '../audit/service.ts';
import * as repo from './repository.ts';
import type { Db } from './repository.ts';
import { refreshSearchDoc } from './search-index.ts';

type ProposedRow = Omit<
  Insertable<DB['classroom_lectures']>,
  'state' | 'proposed_by' | 'proposed_at' | 'created_at' | 'updated_at'
>;

/**
 * Records a proposal (推荐到微课堂) as every proposal is recorded, by the organiser's form or the demo:
 * the lecture awaiting consent, its search columns, the 'propose' event and the audit row.
 */
export async function recordProposal(
  tx: Db,
  actor: Actor,
  who: AuditWho,
  row: ProposedRow,
  now: Date,
): Promise<string> {
  const id = await repo.insertLecture(tx, {
    ...row,
    state: 'awaiting_consent',
    proposed_by: actor.userId,
    proposed_at: now,
    created_at: now,
    updated_at: now,
  });
  await refreshSearchDoc(tx, id);
  await repo.insertEvent(tx, {
    lectureId: id,
    action: 'propose',
    from: null,
    to: 'awaiting_consent',
    reason: null,
    actorUserId: actor.userId,
    actorName: actor.displayName,
    at: now,
  });
  await audit(tx, who, {
    action: 'classroom.proposed',
    entityType: 'classroom_lecture',
    entityId: id,
    orgPath: row.org_path,
    after: { title: row.title, entryId: row.source_entry_id, visibility: row.visibility, orgId: row.org_id },
  });
  return id;
}
