import type { RoleName } from '../../db/types.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError, conflict, invalid, notVisible } from '../../lib/errors.ts';
import { maskPhone } from '../../lib/mask.ts';
import { hashPassword, temporaryPassword } from '../../lib/password.ts';
import { audit, type AuditWho } from '../audit/service.ts';
import { isUniqueViolation } from '../org/history.ts';
import * as policy from './policy.ts';
import * as repo from './repository.ts';

/**
 * What other modules may do with accounts. Users and grants belong to this module: a review round
 * that invites an expert or picks a judge goes through these functions, so the accounts' rules
 * (no self-grant, who may grant what, member links inside one's scope) hold on every path.
 * Each takes the caller's transaction so the caller's change and the account change commit together.
 */

type Db = Parameters<typeof repo.findUserById>[0];

export interface OrgRef {
  id: string;
  path: string;
  name: string;
}

/** Refuses a login name or phone number already in use, with the field it concerns. */
export async function assertLoginFree(tx: Db, username: string, phone: string | null | undefined) {
  if (await repo.findUserByLogin(tx, username))
    throw new AppError('CONFLICT', `登录名「${username}」已被使用`, {
      issues: [{ path: 'username', message: '登录名已被使用' }],
    });
  if (phone && (await repo.findUserByLogin(tx, phone)))
    throw new AppError('CONFLICT', `手机号 ${maskPhone(phone)} 已绑定其他账号`, {
      issues: [{ path: 'phone', message: '手机号已绑定其他账号' }],
    });
}

/**
 * The member an account will act as: it must exist, lie inside the creator's scope, and not act
 * for another account already (two logins for one member would share their entries).
 */
export async function assertMemberLinkable(tx: Db, actor: Actor, memberId: string) {
  const member = await repo.findMemberForLink(tx, memberId);
  // A member outside the creator's scope is answered like a missing one, so member ids cannot be probed.
  if (!member || !policy.canLinkMember(actor, member.org_path))
    throw new AppError('VALIDATION_FAILED', '所选党员不存在或不在您的管理范围内', {
      issues: [{ path: 'memberId', message: '所选党员不存在或不在您的管理范围内' }],
    });
  const linked = await repo.findUserByMember(tx, memberId);
  if (linked)
    throw new AppError('CONFLICT', `党员「${member.name}」已关联其他账号，一位党员只能关联一个账号`, {
      issues: [{ path: 'memberId', message: '该党员已关联其他账号' }],
    });
  return member;
}

/** Maps the race a pre-check cannot see (two creations at once) to the same answers. */
export async function uniqueOrConflict<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (isUniqueViolation(e, 'users_member_once'))
      throw conflict('该党员已关联其他账号，一位党员只能关联一个账号');
    if (isUniqueViolation(e)) throw conflict('登录名或手机号已被使用');
    throw e;
  }
}

/** One role on one org for an existing account: never one's own, only what the actor may grant. */
export async function grantRole(
  tx: Db,
  actor: Actor,
  userId: string,
  grant: { role: RoleName; org: OrgRef },
  who: AuditWho,
) {
  policy.assertNotSelfGrant(actor, userId);
  policy.assertCanGrant(actor, grant.role, grant.org.path, grant.org.name);
  const held = await repo.grantsOf(tx, userId);
  if (held.some((g) => g.role === grant.role && g.org_id === grant.org.id))
    throw conflict('该账号已在此组织拥有这个角色');
  await repo.insertGrant(tx, { userId, role: grant.role, orgId: grant.org.id, orgPath: grant.org.path });
  await audit(tx, who, {
    action: 'account.role_granted',
    entityType: 'user',
    entityId: userId,
    orgPath: grant.org.path,
    after: { role: grant.role, org: grant.org.name },
  });
}

/**
 * A new expert for a review round: an account with the judge role on `org` (the round's scope) and a
 * one-time password that must be changed at first login. No member link: an invited expert acts for
 * nobody. The caller hands the password over once.
 */
export async function createInvitedJudge(
  tx: Db,
  actor: Actor,
  input: { username: string; displayName: string; phone?: string | null; org: OrgRef },
  who: AuditWho,
) {
  policy.assertCanInviteJudge(actor, input.org.path, input.org.name);
  await assertLoginFree(tx, input.username, input.phone);
  const password = temporaryPassword();
  const userId = await uniqueOrConflict(async () =>
    repo.insertUser(tx, {
      username: input.username,
      displayName: input.displayName,
      phone: input.phone ?? null,
      memberId: null,
      passwordHash: await hashPassword(password),
    }),
  );
  await repo.insertGrant(tx, { userId, role: 'judge', orgId: input.org.id, orgPath: input.org.path });
  await audit(tx, who, {
    action: 'account.created',
    entityType: 'user',
    entityId: userId,
    orgPath: input.org.path,
    after: {
      username: input.username,
      displayName: input.displayName,
      grants: [{ role: 'judge', orgId: input.org.id }],
      invitedAsJudge: true,
    },
  });
  return { userId, temporaryPassword: password };
}

/** The scope in which an actor may see accounts; null = everywhere (a system admin). */
function visibleScope(actor: Actor): string[] | null {
  try {
    return policy.accountListScope(actor);
  } catch {
    return [];
  }
}

/** Judge accounts an actor may see (and so pick for a panel): active, visible in their scope. */
export function judgeCandidates(db: Db, actor: Actor) {
  return repo.listJudgesVisibleIn(db, visibleScope(actor));
}

/**
 * One account an actor wants on a panel: active, visible to them and holding the judge role.
 * Missing, disabled and out of scope get one answer that names nobody, so the panel form cannot be
 * used to walk user ids and read the names of accounts outside one's scope.
 */
export async function assertJudgeCandidate(db: Db, actor: Actor, userId: string) {
  const user = await repo.findUserById(db, userId);
  const grants = user ? await repo.grantsOf(db, userId) : [];
  if (
    !user ||
    !user.active ||
    !policy.canSeeAccount(
      actor,
      grants.map((g) => g.org_path),
      userId,
    )
  )
    throw notVisible('所选评委账号');
  if (!grants.some((g) => g.role === 'judge'))
    throw invalid(`「${user.display_name}」没有评委角色，请先为其授予评委角色或使用“邀请新评委”`);
  return { id: user.id, displayName: user.display_name, grants };
}

/** Where each account belongs right now (member org and non-judge grants), by user id. */
export async function affiliationsOf(db: Db, userIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(userIds.map((id) => [id, []]));
  for (const row of await repo.affiliationPaths(db, userIds)) out.get(row.user_id)?.push(row.path);
  return out;
}
