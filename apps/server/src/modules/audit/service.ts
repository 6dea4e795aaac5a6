import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Actor } from '../../lib/actor.ts';
import { insertAudit } from './repository.ts';

export interface AuditWho {
  actor: Actor | null;
  ip?: string | null;
}

/** Writes one audit row: who, when (DB clock), what, before/after. Call inside the change's transaction. */
export function audit(
  db: Kysely<DB> | Transaction<DB>,
  who: AuditWho,
  change: {
    action: string;
    entityType: string;
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
