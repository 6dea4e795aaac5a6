import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Lockout counters, changed only by single UPDATE/INSERT statements so that parallel sign-ins see
 * each other: the row lock of one statement orders them, none decides from a value read earlier.
 */

/**
 * Claims one password evaluation for an account before the (slow) hash check runs: the attempt's
 * number since the last success, or a lock (`lockedNow` when this claim set it), in which case
 * nothing is evaluated. An expired lock starts a fresh count; an attempt beyond the allowed number
 * (others still being checked, or a process that died mid-check) locks the account itself.
 */
export async function claimAttempt(db: Db, userId: string, now: Date, max: number, lockUntil: Date) {
  const row = await db
    .updateTable('users')
    .set({
      failed_logins: sql<number>`CASE WHEN locked_until <= ${now}::timestamptz THEN 1 ELSE failed_logins + 1 END`,
      locked_until: sql<Date | null>`CASE
        WHEN locked_until <= ${now}::timestamptz THEN NULL
        WHEN failed_logins + 1 > ${max}::int THEN ${lockUntil}::timestamptz
        ELSE NULL END`,
    })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .returning(['failed_logins', 'locked_until'])
    .executeTakeFirst();
  if (!row) return { locked: true as const, lockedNow: false };
  if (row.locked_until) return { locked: true as const, lockedNow: true };
  return { locked: false as const, attempt: row.failed_logins };
}

/** After a wrong password: locks the account once its failures reach `max`; true for the one call that locked it. */
export async function lockIfExhausted(db: Db, userId: string, now: Date, max: number, lockUntil: Date) {
  const row = await db
    .updateTable('users')
    .set({ locked_until: lockUntil })
    .where('id', '=', userId)
    .where('failed_logins', '>=', max)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .returning('id')
    .executeTakeFirst();
  return !!row;
}

export function lockedUntilOf(db: Db, userId: string) {
  return db
    .selectFrom('users')
    .select('locked_until')
    .where('id', '=', userId)
    .executeTakeFirst()
    .then((r) => r?.locked_until ?? null);
}

/**
 * One failed sign-in for a name that matches no active account, counted and locked like an
 * account's. Returns the failure's number and the lock it caused, or `locked` when the name was
 * already locked (not counted then).
 */
export async function recordUnknownFailure(
  db: Db,
  loginKey: string,
  now: Date,
  max: number,
  lockUntil: Date,
): Promise<
  { locked: true; lockedUntil: Date } | { locked: false; failures: number; lockedUntil: Date | null }
> {
  const row = await db
    .insertInto('login_failures')
    .values({ login_key: loginKey, failures: 1, locked_until: max <= 1 ? lockUntil : null, updated_at: now })
    .onConflict((oc) =>
      oc
        .column('login_key')
        .doUpdateSet({
          failures: sql<number>`CASE WHEN login_failures.locked_until <= ${now}::timestamptz THEN 1 ELSE login_failures.failures + 1 END`,
          locked_until: sql<Date | null>`CASE
            WHEN login_failures.locked_until <= ${now}::timestamptz THEN NULL
            WHEN login_failures.failures + 1 >= ${max}::int THEN ${lockUntil}::timestamptz
            ELSE NULL END`,
          updated_at: now,
        })
        .where((eb) =>
          eb.or([
            eb('login_failures.locked_until', 'is', null),
            eb('login_failures.locked_until', '<=', now),
          ]),
        ),
    )
    .returning(['failures', 'locked_until'])
    .executeTakeFirst();
  if (row) return { locked: false, failures: row.failures, lockedUntil: row.locked_until };
  const current = await db
    .selectFrom('login_failures')
    .select('locked_until')
    .where('login_key', '=', loginKey)
    .executeTakeFirst();
  return { locked: true, lockedUntil: current?.locked_until ?? lockUntil };
}

/** Forgets unknown names whose last failure is a day old (the table holds whatever names were tried). */
export function pruneUnknownFailures(db: Db, now: Date) {
  const dayAgo = new Date(now.getTime() - 24 * 3600_000);
  return db
    .deleteFrom('login_failures')
    .where('updated_at', '<', dayAgo)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .execute();
}
