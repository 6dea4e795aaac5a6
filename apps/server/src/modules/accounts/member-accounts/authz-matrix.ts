import { only, type MatrixEntry, type Scene, type Side } from '../../../test/authz-scene.ts';
import { insertRun } from './repository.ts';
import { NO_PASSWORD_YET } from '../initial-code.ts';

/** Platform admins and unit admins, each inside their own subtree only (the scene grants both on unit A). */
const admins = only({ platform_admin: ['ok', 'deny'], unit_admin: ['ok', 'deny'] });
const phone = (n: number) => `166${String(n).padStart(8, '0')}`;

async function memberOn(s: Scene, side: Side, n: number) {
  return s.t.factories.member(s.side[side].branch, { name: `矩阵党员${n}`, phone: phone(n) });
}

/** A member with an account waiting for its first sign-in. */
async function memberAccount(s: Scene, side: Side, n: number) {
  const m = await memberOn(s, side, n);
  const user = await s.t.db
    .insertInto('users')
    .values({
      username: m.phone!,
      phone: m.phone,
      display_name: m.name,
      member_id: m.id,
      password_hash: NO_PASSWORD_YET,
      code_issue: 1,
      code_issued_at: s.t.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const branch = s.side[side].branch;
  await s.t.db
    .insertInto('role_grants')
    .values({ user_id: user.id, role: 'member', org_id: branch.id, org_path: branch.path })
    .execute();
  return user;
}

export const memberAccountsMatrix: MatrixEntry[] = [
  {
    route: 'POST /api/member-accounts/preview',
    request: (s, side) => ({
      method: 'POST',
      url: '/api/member-accounts/preview',
      payload: { orgId: s.side[side].unit.id },
    }),
    expect: admins,
  },
  {
    route: 'POST /api/member-accounts/runs',
    request: async (s, side, n) => ({
      method: 'POST',
      url: '/api/member-accounts/runs',
      payload: { orgId: s.side[side].branch.id, memberIds: [(await memberOn(s, side, n)).id] },
    }),
    expect: admins,
  },
  {
    route: 'GET /api/member-accounts/runs/:id',
    request: async (s, side) => {
      const admin = await s.t.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'm_unit_admin')
        .executeTakeFirstOrThrow();
      const run = await insertRun(s.t.db, {
        orgId: s.side[side].unit.id,
        memberIds: null,
        requestedBy: admin.id,
        total: 0,
        now: s.t.clock.now(),
      });
      return { method: 'GET', url: `/api/member-accounts/runs/${run.id}` };
    },
    expect: admins,
  },
  {
    route: 'GET /api/member-accounts/orgs/:orgId/status',
    request: (s, side) => ({
      method: 'GET',
      url: `/api/member-accounts/orgs/${s.side[side].unit.id}/status`,
    }),
    expect: admins,
  },
  {
    route: 'GET /api/member-accounts/orgs/:orgId/members',
    request: (s, side) => ({
      method: 'GET',
      url: `/api/member-accounts/orgs/${s.side[side].branch.id}/members`,
    }),
    expect: admins,
  },
  {
    route: 'GET /api/member-accounts/orgs/:orgId/slips',
    request: (s, side) => ({
      method: 'GET',
      url: `/api/member-accounts/orgs/${s.side[side].branch.id}/slips`,
    }),
    expect: admins,
  },
  {
    route: 'GET /api/member-accounts/orgs/:orgId/slips.xlsx',
    request: (s, side) => ({
      method: 'GET',
      url: `/api/member-accounts/orgs/${s.side[side].branch.id}/slips.xlsx`,
    }),
    expect: admins,
  },
  {
    route: 'POST /api/member-accounts/users/:userId/reissue',
    request: async (s, side, n) => ({
      method: 'POST',
      url: `/api/member-accounts/users/${(await memberAccount(s, side, n)).id}/reissue`,
    }),
    expect: admins,
  },
];
