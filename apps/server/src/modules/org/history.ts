import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { listAudit } from '../audit/repository.ts';

/** An entity's audit rows, newest first (the change history panel on org and member pages). */
export async function entityHistory(db: Kysely<DB>, entityType: 'org' | 'member', entityId: string) {
  const { rows } = await listAudit(db, { prefixes: null, entityType, entityId, page: 1, pageSize: 200 });
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorName: r.actor_name,
      action: r.action,
      before: r.before,
      after: r.after,
    })),
  };
}

/** Postgres unique violations (23505) from a race that slipped past the friendly pre-check. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string } | null;
  return e?.code === '23505' && (!constraint || e.constraint === constraint);
}
