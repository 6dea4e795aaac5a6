import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Lockout counters, changed only by single UPDATE/INSERT statements so that parallel sign-ins see
 * each other: the row lock of one statement orders them, none decides from a value read earlier.
 */

/** A check that began this long ago and never ended belonged to a process that died mid-check. */
export const STALE_CHECK_MS = 30_000;

/**
 * Claims one password evaluation for an account before the (slow) hash check runs. At most `max`
 * passwords are evaluated between two successes or locks: failures so far plus checks under way
 * stay below `max`. `busy` means the limit is reached by checks still running — the caller waits
 * and claims again (the right password must never lock anyone out); `locked` means nothing may be
 * evaluated until the lock expires. An expired lock starts a fresh count.
 */
export async function claimAttempt(db: Db, userId: string, now: Date, max: number) {
  const staleBefore = new Date(now.getTime() - STALE_CHECK_MS);
  const expired = sql<boolean>`(locked_until IS NOT NULL AND locked_until <= ${now}::timestamptz)`;
  const failures = sql<number>`CASE WHEN ${expired} THEN 0 ELSE failed_logins END`;
  const running = sql<number>`CASE WHEN login_checks_at IS NULL OR login_checks_at < ${staleBefore}::timestamptz THEN 0 ELSE login_checks END`;
  const row = await db
    .updateTable('users')
    .set({
      failed_logins: failures,
      locked_until: null,
      login_checks: sql<number>`${running} + 1`,
      login_checks_at: now,
    })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .where(sql<boolean>`${failures} + ${running} < ${max}::int`)
    .returning(['failed_logins'])
    .executeTakeFirst();
  if (row) return { state: 'claimed' as const, attempt: row.failed_logins + 1 };
  const until = await lockedUntilOf(db, userId);
  return until && until > now ? { state: 'locked' as const } : { state: 'busy' as const };
}

/** The claimed check found the right password: the count starts again. */
export async function recordSuccess(db: Db, userId: string) {
  await db
    .updateTable('users')
    .set({
      failed_logins: 0,
      locked_until: null,
      login_checks: sql<number>`greatest(login_checks - 1, 0)`,
    })
    .where('id', '=', userId)
    .execute();
}

/** The claimed check ended without an answer (an error): it no longer counts as under way. */
export async function releaseCheck(db: Db, userId: string) {
  await db
    .updateTable('users')
    .set({ login_checks: sql<number>`greatest(login_checks - 1, 0)` })
    .where('id', '=', userId)
    .execute();
}

/**
 * The claimed check found a wrong password: one more failure, and the lock once failures reach
 * `max`. Returns the failures so far and whether this call set the lock.
 */
export async function recordFailure(db: Db, userId: string, now: Date, max: number, lockUntil: Date) {
  const row = await db
    .updateTable('users')
    .set({
      failed_logins: sql<number>`failed_logins + 1`,
      login_checks: sql<number>`greatest(login_checks - 1, 0)`,
      locked_until: sql<Date | null>`CASE
        WHEN locked_until > ${now}::timestamptz THEN locked_until
        WHEN failed_logins + 1 >= ${max}::int THEN ${lockUntil}::timestamptz
        ELSE NULL END`,
    })
    .where('id', '=', userId)
    .returning(['failed_logins', 'locked_until'])
    .executeTakeFirstOrThrow();
  // Failures plus checks under way never pass `max` (claimAttempt), so exactly one failure reaches it.
  return { failures: row.failed_logins, lockedUntil: row.locked_until, lockedNow: row.failed_logins === max };
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
