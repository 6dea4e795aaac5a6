import { orgNameSchema, text } from '@jiangtai/contracts';
import { sql } from 'kysely';
import type { AppDeps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import { hashPassword, temporaryPassword } from '../../lib/password.ts';
import { audit } from '../audit/service.ts';
import { createRootOrg, rootOrgs } from '../org/root-org.ts';

export const USERNAME_RULE = /^[A-Za-z][A-Za-z0-9_.-]{2,31}$/;
const usernameSchema = text().regex(USERNAME_RULE, '用户名为 3–32 位字母、数字或 _.-，以字母开头');
const displayNameSchema = text().min(1, '请输入姓名').max(50, '姓名不能超过 50 个字');

export interface FirstAdminInput {
  username: string;
  displayName: string;
  /** Name of the root org, needed when the org tree is still empty (e.g. 某某市委). */
  rootOrgName?: string;
  /** Create another system administrator although one exists (e.g. the only one left). */
  force?: boolean;
}

const fail = (message: string) => new AppError('VALIDATION_FAILED', message);

/** Whether any active account holds platform_admin on a root of the tree (a system administrator). */
export async function hasSystemAdmin({ db }: Pick<AppDeps, 'db'>) {
  const row = await db
    .selectFrom('role_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .innerJoin('orgs as o', 'o.id', 'g.org_id')
    .select('g.id')
    .where('g.role', '=', 'platform_admin')
    .where('o.parent_id', 'is', null)
    .where('u.active', '=', true)
    .executeTakeFirst();
  return !!row;
}

/**
 * The way into a new installation: a system administrator on the root org, with a one-time
 * password that must be changed at first sign-in. Refuses when a system administrator exists,
 * unless forced; creates the root org when the tree is empty.
 */
export async function createFirstAdmin(deps: AppDeps, input: FirstAdminInput) {
  const username = usernameSchema.safeParse(input.username ?? '');
  if (!username.success) throw fail(`用户名不可用：${username.error.issues[0]?.message}`);
  const displayName = displayNameSchema.safeParse(input.displayName ?? '');
  if (!displayName.success) throw fail(`姓名不可用：${displayName.error.issues[0]?.message}`);
  const password = temporaryPassword();
  const hash = await hashPassword(password);
  const who = { actor: null, ip: null };

  return deps.db.transaction().execute(async (tx) => {
    // One at a time: two commands started together must not both see "no administrator yet".
    await sql`LOCK TABLE role_grants IN SHARE ROW EXCLUSIVE MODE`.execute(tx);
    if (!input.force && (await hasSystemAdmin({ db: tx })))
      throw new AppError(
        'CONFLICT',
        '已有系统管理员，请用已有的管理员账号登录后在「账号管理」中新建账号；确需再建一个，请加 --force',
      );
    if (await tx.selectFrom('users').select('id').where('username', '=', username.data).executeTakeFirst())
      throw new AppError('CONFLICT', `用户名「${username.data}」已被使用，请换一个`);

    const roots = await rootOrgs(tx);
    let root: { id: string; path: string; name: string };
    let createdRoot = false;
    if (roots.length === 0) {
      const name = orgNameSchema.safeParse(input.rootOrgName ?? '');
      if (!name.success)
        throw fail('组织架构还是空的：请用 --org 给出最上级组织的名称，例如 --org "某某市委"');
      root = await createRootOrg(tx, name.data, who);
      createdRoot = true;
    } else {
      const wanted = input.rootOrgName?.trim();
      const match = wanted ? roots.find((r) => r.name === wanted) : roots[0];
      if (!match)
        throw fail(`已有最上级组织「${roots.map((r) => r.name).join('、')}」，--org 应与之一致或省略`);
      root = match;
    }

    const { id } = await tx
      .insertInto('users')
      .values({
        username: username.data,
        display_name: displayName.data,
        password_hash: hash,
        must_change_password: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('role_grants')
      .values({ user_id: id, role: 'platform_admin', org_id: root.id, org_path: root.path })
      .execute();
    await audit(tx, who, {
      action: 'account.created',
      entityType: 'user',
      entityId: id,
      orgPath: root.path,
      after: {
        username: username.data,
        displayName: displayName.data,
        grants: [{ role: 'platform_admin', orgId: root.id }],
        via: 'admin:create',
      },
    });
    return { userId: id, username: username.data, temporaryPassword: password, org: root.name, createdRoot };
  });
}

/** Printed at start while no system administrator exists (a new installation without demo data). */
export const FIRST_ADMIN_HINT = [
  '',
  '还没有系统管理员账号，暂时无法登录。请先创建第一个系统管理员（会打印一次性临时密码，首次登录须修改）：',
  '  npm run admin:create -- --username admin --name "张三" --org "某某市委"',
  '（--org 为最上级组织的名称，组织架构为空时必填；使用内置数据库时请先停止服务再运行，之后重新启动）',
  '',
].join('\n');
