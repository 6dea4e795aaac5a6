import { sql, type Transaction } from 'kysely';
import { roleLabels, type RoleName } from '@jiangtai/contracts';
import type { DB } from '../../db/types.ts';
import { hashPassword, passwordProblem, temporaryPassword } from '../../lib/password.ts';
import type { OrgTag, PlannedOrg } from './city-plan.ts';

export interface DemoAccount {
  /** Chinese role label, e.g. 系统管理员. */
  role: string;
  username: string;
  password: string;
  /** Where the role applies, e.g. 市直机关工委、中共演示市委. */
  org: string;
}

interface SeededOrgRef extends PlannedOrg {
  id: string;
  path: string;
}

export interface DemoMemberRef {
  id: string;
  orgId: string;
  name: string;
  phone: string;
}

interface AccountSpec {
  username: string;
  displayName: string;
  role: RoleName;
  /** Orgs the role is granted on, by tag; the member account is granted on its own branch. */
  on: OrgTag[] | 'own-branch';
}

const SPECS: AccountSpec[] = [
  { username: 'admin', displayName: '演示管理员', role: 'platform_admin', on: ['root'] },
  // Organiser of both presets: the 岳阳-style campaign belongs to 市直机关工委, the 焦作-style one to the 市委.
  { username: 'organiser', displayName: '演示组织者', role: 'organiser', on: ['organs', 'root'] },
  { username: 'unitadmin', displayName: '教育局管理员', role: 'unit_admin', on: ['education'] },
  // A second unit admin shows that one unit cannot see another unit's members.
  { username: 'unitadmin2', displayName: '财政局管理员', role: 'unit_admin', on: ['finance'] },
  { username: 'judge', displayName: '演示评委', role: 'judge', on: ['root'] },
  // A review round needs a panel: three judges let the demo drop a highest and a lowest score.
  { username: 'judge2', displayName: '演示评委二', role: 'judge', on: ['root'] },
  { username: 'judge3', displayName: '演示评委三', role: 'judge', on: ['root'] },
  { username: 'supervisor', displayName: '演示监督员', role: 'supervisor', on: ['root'] },
  { username: 'member', displayName: '', role: 'member', on: 'own-branch' },
];

export const DEMO_USERNAMES = SPECS.map((s) => s.username);

export type DemoPasswords = Map<string, { password: string; hash: string }>;

/**
 * One password per demo account: the shared DEMO_PASSWORD when configured (e2e, CI),
 * otherwise a fresh readable random one each, shown once at first start.
 */
export async function prepareDemoPasswords(shared: string | undefined): Promise<DemoPasswords> {
  const sharedHash = shared ? hashPassword(shared) : undefined;
  const entries = await Promise.all(
    SPECS.map(async ({ username }) => {
      if (shared) {
        const problem = passwordProblem(shared, username);
        if (problem) throw new Error(`DEMO_PASSWORD 不可用于演示账号 ${username}：${problem}`);
        return [username, { password: shared, hash: await (sharedHash as Promise<string>) }] as const;
      }
      let password = temporaryPassword();
      while (passwordProblem(password, username)) password = temporaryPassword();
      return [username, { password, hash: await hashPassword(password) }] as const;
    }),
  );
  return new Map(entries);
}

export async function createDemoAccounts(
  tx: Transaction<DB>,
  orgs: SeededOrgRef[],
  member: DemoMemberRef,
  passwords: DemoPasswords,
): Promise<{ accounts: DemoAccount[]; userIds: Map<string, string> }> {
  const byTag = (tag: OrgTag) => {
    const org = orgs.find((o) => o.tag === tag);
    if (!org) throw new Error(`演示数据：缺少组织 ${tag}`);
    return org;
  };
  const memberBranch = orgs.find((o) => o.id === member.orgId);
  if (!memberBranch) throw new Error('演示数据：找不到演示党员所在支部');

  const accounts: DemoAccount[] = [];
  const userIds = new Map<string, string>();
  for (const spec of SPECS) {
    const secret = passwords.get(spec.username);
    if (!secret) throw new Error(`演示数据：缺少 ${spec.username} 的密码`);
    const isMember = spec.on === 'own-branch';
    const grantOrgs = spec.on === 'own-branch' ? [memberBranch] : spec.on.map(byTag);
    const user = await tx
      .insertInto('users')
      .values({
        username: spec.username,
        display_name: isMember ? member.name : spec.displayName,
        phone: isMember ? member.phone : null,
        member_id: isMember ? member.id : null,
        password_hash: secret.hash,
        must_change_password: false,
        // A demo account has its own (known) password: it counts as activated, not waiting for a slip.
        activated_at: sql<Date>`now()`,
        is_demo: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('role_grants')
      .values(grantOrgs.map((o) => ({ user_id: user.id, role: spec.role, org_id: o.id, org_path: o.path })))
      .execute();
    userIds.set(spec.username, user.id);
    accounts.push({
      role: roleLabels[spec.role],
      username: spec.username,
      password: secret.password,
      org: grantOrgs.map((o) => o.name).join('、'),
    });
  }
  return { accounts, userIds };
}

/** The table printed once at first start (and by `npm run seed:demo`). */
export function formatDemoAccounts(accounts: DemoAccount[]): string {
  const lines = accounts.map(
    (a) => `  ${a.role.padEnd(6, '　')} ${a.username.padEnd(12)} 密码 ${a.password}   （${a.org}）`,
  );
  return ['演示账号（密码只显示这一次，请妥善保存）：', ...lines].join('\n');
}
