import { createHash } from 'node:crypto';
import { beijingClock, formatBeijingDate } from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import { verifyPassword } from '../../lib/password.ts';
import { audit } from '../audit/service.ts';
import * as repo from './repository.ts';
import * as lockout from './lockout-repository.ts';
import { awaitsInitialCode, checkCode, codeExpiresAt, codeKey } from './initial-code.ts';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
const CLAIM_RETRY_MS = 100;
const CLAIM_WAIT_MS = 10_000;
// A dummy hash so an unknown username costs the same time as a wrong password.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

// The same words whether or not the name exists, so the answers reveal no usernames or phones.
const badCredentials = (failures: number) =>
  new AppError(
    'BAD_CREDENTIALS',
    `用户名或密码错误，再错 ${Math.max(1, MAX_FAILED_LOGINS - failures)} 次将锁定 ${LOCK_MINUTES} 分钟`,
  );
const locked = (until: Date) =>
  new AppError(
    'ACCOUNT_LOCKED',
    `密码连续输错 ${MAX_FAILED_LOGINS} 次，已锁定 ${LOCK_MINUTES} 分钟，请于 ${beijingClock(until)} 后再试，或请管理员重置密码`,
    { lockedUntil: until.toISOString() },
  );

/**
 * Checks a login name and password with a lockout that holds under parallel guessing: each
 * evaluation is claimed in the database before the hash is checked, so at most MAX_FAILED_LOGINS
 * passwords are ever tried between two successes or locks. Names without an active account are
 * counted and locked the same way, and every failure has the same words.
 */
export function passwordCheck({ db, clock, config }: AppDeps) {
  /**
   * An account waiting for its first sign-in takes the initial password on its slip; the dummy hash
   * keeps the time the same as a real password's, so timing does not tell which accounts wait.
   */
  async function verify(
    user: Parameters<typeof awaitsInitialCode>[0],
    password: string,
    now: Date,
  ): Promise<{ ok: boolean; expiredOn?: Date }> {
    if (!awaitsInitialCode(user)) return { ok: await verifyPassword(password, user.password_hash) };
    await verifyPassword(password, DUMMY_HASH);
    const result = checkCode(codeKey(config), user, password, now, config.ACCOUNT_CODE_DAYS);
    if (result === 'expired')
      return { ok: false, expiredOn: codeExpiresAt(user.code_issued_at!, config.ACCOUNT_CODE_DAYS) };
    return { ok: result === 'ok' };
  }

  return async function check(login: string, password: string, ip: string | null) {
    const now = clock.now();
    const lockUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000);
    const user = await repo.findUserByLogin(db, login);
    if (!user || !user.active) {
      const key = createHash('sha256').update(login).digest('hex');
      const failure = await lockout.recordUnknownFailure(db, key, now, MAX_FAILED_LOGINS, lockUntil);
      if (failure.locked) throw locked(failure.lockedUntil);
      await verifyPassword(password, DUMMY_HASH);
      if (failure.failures === 1) await lockout.pruneUnknownFailures(db, now);
      if (failure.lockedUntil) throw locked(failure.lockedUntil);
      throw badCredentials(failure.failures);
    }

    const claim = await claimWhenFree(user.id, now);
    if (claim.state === 'locked') throw locked((await lockout.lockedUntilOf(db, user.id)) ?? lockUntil);
    const verdict = await verify(user, password, now).catch(async (e: unknown) => {
      await lockout.releaseCheck(db, user.id); // the check itself broke: neither success nor failure
      throw e;
    });
    if (verdict.ok) {
      await lockout.recordSuccess(db, user.id);
      return user;
    }
    const failure = await lockout.recordFailure(db, user.id, now, MAX_FAILED_LOGINS, lockUntil);
    if (failure.lockedNow) await auditLock(user, lockUntil, ip);
    if (failure.lockedUntil && failure.lockedUntil > now) throw locked(failure.lockedUntil);
    if (verdict.expiredOn)
      throw new AppError(
        'BAD_CREDENTIALS',
        `初始密码已于 ${formatBeijingDate(verdict.expiredOn)} 过期，请联系所在支部或单位的管理员重新签发`,
      );
    throw badCredentials(failure.failures);
  };

  /**
   * Claims a password check, waiting while the account's limit is taken by checks still running
   * (several people signing in to one account at once on a busy server). A guesser gains nothing by
   * waiting: the checks that run are still at most MAX_FAILED_LOGINS between successes.
   */
  async function claimWhenFree(userId: string, now: Date) {
    for (let waited = 0; ; waited += CLAIM_RETRY_MS) {
      const claim = await lockout.claimAttempt(db, userId, now, MAX_FAILED_LOGINS);
      if (claim.state !== 'busy') return claim;
      if (waited >= CLAIM_WAIT_MS)
        throw new AppError('RATE_LIMITED', '该账号正有多人同时登录，请稍等几秒再试');
      await new Promise((resolve) => setTimeout(resolve, CLAIM_RETRY_MS));
    }
  }

  async function auditLock(user: { id: string; username: string }, lockUntil: Date, ip: string | null) {
    await audit(
      db,
      { actor: null, ip },
      {
        action: 'account.locked',
        entityType: 'user',
        entityId: user.id,
        orgPath: null,
        after: { username: user.username, lockedUntil: lockUntil },
      },
    );
  }
}
