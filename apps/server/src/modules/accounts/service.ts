import type { AppDeps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import type { RoleName } from '../../db/types.ts';
import { AppError, conflict, notFound, notVisible } from '../../lib/errors.ts';
import { hashPassword, temporaryPassword } from '../../lib/password.ts';
import { maskPhone } from '../../lib/mask.ts';
import { audit, type AuditWho } from '../audit/service.ts';
import * as repo from './repository.ts';
import * as policy from './policy.ts';
import { assertLoginFree, assertMemberLinkable, grantRole, uniqueOrConflict } from './operations.ts';

export interface NewAccount {
  username: string;
  displayName: string;
  phone?: string | null;
  memberId?: string | null;
  grants: { role: RoleName; orgId: string }[];
}

/**
 * A member's own role (党员) belongs to the branch they are in: when the org module moves members
 * (the member page, an Excel import), their accounts' 党员 role moves with them inside the same
 * transaction. Otherwise the old branch's admins would keep administering the account (and could
 * reset its password) while the new branch's admins could not. Other roles are grants of their own
 * and stay where they were given.
 */
export const followMemberMoves = (
  tx: Parameters<typeof repo.moveMemberRolesToMemberOrg>[0],
  memberIds: readonly string[],
) => repo.moveMemberRolesToMemberOrg(tx, memberIds);

export function accountService({ db, clock }: AppDeps) {
  async function orgOrThrow(orgId: string) {
    const org = await db
      .selectFrom('orgs')
      .select(['id', 'path', 'name'])
      .where('id', '=', orgId)
      .executeTakeFirst();
    if (!org)
      throw new AppError('VALIDATION_FAILED', `组织 ${orgId} 不存在`, {
        issues: [{ path: 'orgId', message: '组织不存在' }],
      });
    return org;
  }

  async function loadVisible(actor: Actor, id: string) {
    const user = await repo.findUserById(db, id);
    const grants = user ? await repo.grantsOf(db, id) : [];
    policy.assertCanSeeAccount(
      actor,
      grants.map((g) => g.org_path),
      id,
    );
    // Reached for a missing id only by a system admin: the words are the same as out of scope.
    if (!user) throw notVisible('账号');
    return { user, grants };
  }

  function present(
    user: Awaited<ReturnType<typeof repo.findUserById>> & object,
    grants: { id: string; role: RoleName; org_id: string; org_name: string }[],
    fullPhone = false,
  ) {
    return {
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      phone: fullPhone ? user.phone : maskPhone(user.phone),
      memberId: user.member_id,
      active: user.active,
      isDemo: user.is_demo,
      mustChangePassword: user.must_change_password,
      locked: !!user.locked_until && user.locked_until > clock.now(),
      createdAt: user.created_at,
      grants: grants.map((g) => ({ id: g.id, role: g.role, orgId: g.org_id, orgName: g.org_name })),
    };
  }

  async function list(actor: Actor, q: { q?: string; role?: RoleName; page: number; pageSize: number }) {
    const prefixes = policy.accountListScope(actor);
    const { total, rows } = await repo.listAccounts(db, { ...q, prefixes });
    const grants = await repo.grantsOfUsers(
      db,
      rows.map((r) => r.id),
    );
    return {
      total,
      items: rows.map((u) =>
        present(
          u,
          grants.filter((g) => g.user_id === u.id),
        ),
      ),
    };
  }

  /** The detail page's account, with what this actor may do to it (the same rules as the endpoints). */
  async function get(actor: Actor, id: string) {
    const { user, grants } = await loadVisible(actor, id);
    const refusal = policy.administerRefusal(actor, grants, id);
    const shown = present(user, grants);
    return {
      ...shown,
      grants: shown.grants.map((g, i) => ({
        ...g,
        canRevoke:
          grants.length > 1 &&
          !(g.role === 'platform_admin' && id === actor.userId) &&
          policy.canGrant(actor, g.role, grants[i]!.org_path),
      })),
      can: { edit: !refusal, resetPassword: !refusal, blockedReason: refusal },
    };
  }

  async function create(actor: Actor, input: NewAccount, who: AuditWho) {
    if (input.grants.length === 0)
      throw new AppError('VALIDATION_FAILED', '请至少授予一个角色', {
        issues: [{ path: 'grants', message: '请至少授予一个角色' }],
      });
    const orgs: Awaited<ReturnType<typeof orgOrThrow>>[] = [];
    for (const g of input.grants) {
      const org = await orgOrThrow(g.orgId);
      policy.assertCanGrant(actor, g.role, org.path, org.name);
      orgs.push(org);
    }
    const password = temporaryPassword();
    const hash = await hashPassword(password);
    const id = await db.transaction().execute(async (tx) => {
      await assertLoginFree(tx, input.username, input.phone);
      if (input.memberId) await assertMemberLinkable(tx, actor, input.memberId);
      const id = await uniqueOrConflict(() =>
        repo.insertUser(tx, {
          username: input.username,
          displayName: input.displayName,
          phone: input.phone ?? null,
          memberId: input.memberId ?? null,
          passwordHash: hash,
        }),
      );
      for (const [i, g] of input.grants.entries()) {
        const org = orgs[i]!;
        await repo.insertGrant(tx, { userId: id, role: g.role, orgId: org.id, orgPath: org.path });
      }
      await audit(tx, who, {
        action: 'account.created',
        entityType: 'user',
        entityId: id,
        orgPath: orgs[0]!.path,
        after: {
          username: input.username,
          displayName: input.displayName,
          memberId: input.memberId ?? null,
          grants: input.grants,
        },
      });
      return id;
    });
    return { account: await get(actor, id), temporaryPassword: password };
  }

  async function update(
    actor: Actor,
    id: string,
    patch: { displayName?: string; active?: boolean },
    who: AuditWho,
  ) {
    const { user, grants } = await loadVisible(actor, id);
    policy.assertCanAdminister(actor, grants, id);
    await db.transaction().execute(async (tx) => {
      await tx
        .updateTable('users')
        .set({
          display_name: patch.displayName ?? user.display_name,
          active: patch.active ?? user.active,
          updated_at: clock.now(),
        })
        .where('id', '=', id)
        .execute();
      if (patch.active === false) await repo.deleteSessionsOfUser(tx, id);
      await audit(tx, who, {
        action: patch.active === false ? 'account.deactivated' : 'account.updated',
        entityType: 'user',
        entityId: id,
        orgPath: grants[0]?.org_path ?? null,
        before: { displayName: user.display_name, active: user.active },
        after: { displayName: patch.displayName ?? user.display_name, active: patch.active ?? user.active },
      });
    });
    return get(actor, id);
  }

  async function addGrant(actor: Actor, id: string, grant: { role: RoleName; orgId: string }, who: AuditWho) {
    await loadVisible(actor, id);
    const org = await orgOrThrow(grant.orgId);
    await db.transaction().execute((tx) => grantRole(tx, actor, id, { role: grant.role, org }, who));
    return get(actor, id);
  }

  async function removeGrant(actor: Actor, id: string, grantId: string, who: AuditWho) {
    const { grants } = await loadVisible(actor, id);
    const grant = grants.find((g) => g.id === grantId);
    if (!grant) throw notFound('角色授权');
    policy.assertCanGrant(actor, grant.role, grant.org_path, grant.org_name);
    if (grant.role === 'platform_admin' && id === actor.userId)
      throw conflict('不能撤销自己的系统管理员角色');
    if (grants.length === 1) throw conflict('不能撤销账号的最后一个角色；如不再使用该账号，请将其停用');
    await db.transaction().execute(async (tx) => {
      await tx.deleteFrom('role_grants').where('id', '=', grantId).execute();
      await audit(tx, who, {
        action: 'account.role_revoked',
        entityType: 'user',
        entityId: id,
        orgPath: grant.org_path,
        before: { role: grant.role, org: grant.org_name },
      });
    });
    return get(actor, id);
  }

  /** Admin reset: a temporary password shown once, every session ended, change forced at next login. */
  async function resetPassword(actor: Actor, id: string, who: AuditWho) {
    const { grants } = await loadVisible(actor, id);
    policy.assertCanAdminister(actor, grants, id);
    const password = temporaryPassword();
    const hash = await hashPassword(password);
    await db.transaction().execute(async (tx) => {
      await repo.setPassword(tx, id, hash, true, clock.now());
      await repo.deleteSessionsOfUser(tx, id);
      await audit(tx, who, {
        action: 'account.password_reset',
        entityType: 'user',
        entityId: id,
        orgPath: grants[0]?.org_path ?? null,
      });
    });
    return { temporaryPassword: password };
  }

  return { list, get, create, update, addGrant, removeGrant, resetPassword };
}
