import { createHash, randomBytes } from 'node:crypto';
import type { AppDeps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError } from '../../lib/errors.ts';
import { hashPassword, passwordProblem, verifyPassword } from '../../lib/password.ts';
import { passwordCheck } from './password-check.ts';
import { ADMIN_ROLES } from '@jiangtai/contracts';
import { audit, type AuditWho } from '../audit/service.ts';
import * as repo from './repository.ts';
import { coalesce } from '../../db/coalesce.ts';
import { awaitsInitialCode, checkCode, codeKey } from './initial-code.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function sessionService(deps: AppDeps) {
  const { db, clock, config } = deps;
  const ttlMs = config.SESSION_TTL_HOURS * 3600_000;
  const checkPassword = passwordCheck(deps);

  async function login(
    login: string,
    password: string,
    meta: { ip: string | null; userAgent: string | null },
  ) {
    const user = await checkPassword(login.trim(), password, meta.ip);
    const now = clock.now();
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    await repo.insertSession(db, {
      id: sha256(token),
      userId: user.id,
      csrfToken,
      expiresAt: new Date(now.getTime() + ttlMs),
      now,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    });
    await audit(
      db,
      { actor: { userId: user.id, displayName: user.display_name }, ip: meta.ip },
      {
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
        orgPath: null,
        after: { username: user.username },
      },
    );
    return { token, csrfToken };
  }

  // Session, user and grants in one statement, shared by the requests arriving meanwhile: no cache,
  // each lookup reads the database after its request arrived, so a logout, a password change or a
  // disabled account takes effect on the very next request, on every instance.
  const lookup = coalesce(async (ids: string[]) => {
    const rows = await repo.findSessionsWithUsers(db, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id));
  });
  const touch = coalesce(
    async (touches: { id: string; now: Date; expiresAt: Date }[]) => {
      await repo.touchSessions(db, touches);
      return touches.map(() => undefined);
    },
    { key: (t) => t.id },
  );

  /** Resolves a cookie token to an actor; sliding expiry, refreshed at most once a minute. */
  async function resolve(token: string): Promise<Actor> {
    const session = await lookup(sha256(token));
    const now = clock.now();
    if (!session) throw new AppError('UNAUTHENTICATED', '请先登录');
    if (session.expires_at <= now) {
      await repo.deleteSession(db, session.id);
      throw new AppError('SESSION_EXPIRED', '登录已过期，请重新登录');
    }
    if (!session.active) {
      await repo.deleteSession(db, session.id);
      throw new AppError('UNAUTHENTICATED', '账号已停用，请联系管理员');
    }
    if (now.getTime() - session.last_seen_at.getTime() > 60_000) {
      await touch({ id: session.id, now, expiresAt: new Date(now.getTime() + ttlMs) });
    }
    return {
      userId: session.user_id,
      username: session.username,
      displayName: session.display_name,
      memberId: session.member_id,
      mustChangePassword: session.must_change_password,
      isDemo: session.is_demo,
      sessionId: session.id,
      csrfToken: session.csrf_token,
      grants: session.grants.map((g) => ({
        id: g.id,
        role: g.role,
        orgId: g.org_id,
        orgPath: g.org_path,
        orgName: g.org_name,
      })),
    };
  }

  async function logout(actor: Actor, who: AuditWho, everywhere: boolean) {
    if (everywhere) await repo.deleteSessionsOfUser(db, actor.userId);
    else await repo.deleteSession(db, actor.sessionId);
    await audit(db, who, {
      action: everywhere ? 'auth.logout_all' : 'auth.logout',
      entityType: 'user',
      entityId: actor.userId,
      orgPath: null,
    });
  }

  async function changePassword(actor: Actor, current: string, next: string, who: AuditWho) {
    const user = await repo.findUserById(db, actor.userId);
    if (!user) throw new AppError('UNAUTHENTICATED', '请先登录');
    // Before the first own password, the current one is the initial password from the slip.
    const currentOk = awaitsInitialCode(user)
      ? checkCode(codeKey(config), user, current, clock.now(), config.ACCOUNT_CODE_DAYS) === 'ok'
      : await verifyPassword(current, user.password_hash);
    if (!currentOk) {
      throw new AppError('VALIDATION_FAILED', '当前密码不正确', {
        issues: [{ path: 'currentPassword', message: '当前密码不正确' }],
      });
    }
    const admin = actor.grants.some((g) => ADMIN_ROLES.includes(g.role));
    const problem =
      passwordProblem(next, user.username, admin) ?? (current === next ? '新密码不能与当前密码相同' : null);
    if (problem)
      throw new AppError('VALIDATION_FAILED', problem, {
        issues: [{ path: 'newPassword', message: problem }],
      });
    await db.transaction().execute(async (tx) => {
      await repo.setPassword(tx, user.id, await hashPassword(next), false, clock.now());
      // Other devices must sign in again with the new password.
      await repo.deleteSessionsOfUser(tx, user.id, actor.sessionId);
      await audit(tx, who, {
        action: 'auth.password_changed',
        entityType: 'user',
        entityId: user.id,
        orgPath: null,
      });
    });
  }

  return { login, resolve, logout, changePassword };
}

export type SessionService = ReturnType<typeof sessionService>;
