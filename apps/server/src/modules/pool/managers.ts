import { sql } from 'kysely';
import type { Db } from './repository.ts';
import { POOL_MANAGERS } from './policy.ts';

/** Active accounts holding a manager role granted exactly on the pool's org (`exact`) or on it or above. */
async function managerAccounts(db: Db, poolPath: string, exact: boolean) {
  const rows = await db
    .selectFrom('role_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select('u.id')
    .where('u.active', '=', true)
    .where('g.role', 'in', [...POOL_MANAGERS])
    .where(
      exact ? sql<boolean>`g.org_path = ${poolPath}` : sql<boolean>`starts_with(${poolPath}, g.org_path)`,
    )
    .execute();
  return [...new Set(rows.map((r) => r.id))];
}

/**
 * Whom to notify about a pool (a new order, a nomination): its own managers (organiser, unit admin,
 * platform admin granted on the pool's org), or, when it has none, those above it. Shared by the pool
 * and orders modules.
 */
export async function poolManagerUserIds(db: Db, poolPath: string) {
  const own = await managerAccounts(db, poolPath, true);
  return own.length ? own : managerAccounts(db, poolPath, false);
}
