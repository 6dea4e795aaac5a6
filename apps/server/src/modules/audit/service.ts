import type { Kysely, Transaction } from 'kysely';
import type { AuditAction, AuditEntityType } from '@jiangtai/contracts';
import type { DB } from '../../db/types.ts';
import type { Actor } from '../../lib/actor.ts';
import { insertAudit } from './repository.ts';

export interface AuditWho {
  /** Who acted; null for the system. A login names the user who just signed in. */
  actor: Pick<Actor, 'userId' | 'displayName'> | null;
  ip?: string | null;
}

/** Writes one audit row: who, when (DB clock), what, before/after. Call inside the change's transaction. */
export function audit(
  db: Kysely<DB> | Transaction<DB>,
  who: AuditWho,
  change: {
    /** Only actions with a Chinese label in contracts' AUDIT_ACTIONS compile. */
    action: AuditAction;
    entityType: AuditEntityType;
    entityId: string | null;
    orgPath: string | null;
    before?: unknown;
    after?: unknown;
  },
) {
  return insertAudit(db, {
    actorUserId: who.actor?.userId ?? null,
    actorName: who.actor?.displayName ?? null,
    ip: who.ip ?? null,
    ...change,
  });
}
