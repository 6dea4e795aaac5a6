import { only, rows, type MatrixEntry } from '../../test/authz-scene.ts';

const inside = ['ok', 'deny'] as const;
const self = (s: Parameters<MatrixEntry['request']>[0]) => s.t;

export const accountsMatrix: MatrixEntry[] = [
  {
    route: 'GET /api/auth/me',
    request: () => ({ method: 'GET', url: '/api/auth/me' }),
    expect: rows.everyone,
  },
  {
    route: 'POST /api/auth/password',
    // New password equal to the current one → 400 for everyone: harmless, and shows no role is denied.
    request: () => ({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: 'Test2026pass', newPassword: 'Test2026pass' },
    }),
    expect: rows.anyone,
  },
  {
    route: 'GET /api/accounts',
    request: () => ({ method: 'GET', url: '/api/accounts' }),
    expect: only({ platform_admin: ['ok', 'ok'], organiser: ['ok', 'ok'], unit_admin: ['ok', 'ok'] }),
  },
  {
    route: 'POST /api/accounts',
    request: (s, side, n) => ({
      method: 'POST',
      url: '/api/accounts',
      payload: {
        username: `matrix${n}`,
        displayName: '矩阵',
        grants: [{ role: 'member', orgId: s.side[side].branch.id }],
      },
    }),
    expect: only({ platform_admin: inside, unit_admin: inside }),
  },
  {
    route: 'GET /api/accounts/:id',
    request: (s, side) => ({ method: 'GET', url: `/api/accounts/${s.userIn[side].id}` }),
    expect: only({ platform_admin: inside, organiser: inside, unit_admin: inside }),
  },
  {
    route: 'PATCH /api/accounts/:id',
    request: async (s, side) => {
      const u = await self(s).factories.user([{ role: 'member', org: s.side[side].branch }]);
      return { method: 'PATCH', url: `/api/accounts/${u.id}`, payload: { displayName: '改名' } };
    },
    expect: only({ platform_admin: inside, unit_admin: inside }),
  },
  {
    route: 'POST /api/accounts/:id/grants',
    request: async (s, side) => {
      const u = await self(s).factories.user([{ role: 'member', org: s.side[side].branch }]);
      return {
        method: 'POST',
        url: `/api/accounts/${u.id}/grants`,
        payload: { role: 'member', orgId: s.side[side].unit.id },
      };
    },
    expect: only({ platform_admin: inside, unit_admin: inside }),
  },
  {
    route: 'DELETE /api/accounts/:id/grants/:grantId',
    request: async (s, side) => {
      const u = await self(s).factories.user([
        { role: 'member', org: s.side[side].branch },
        { role: 'member', org: s.side[side].unit },
      ]);
      const g = await self(s)
        .db.selectFrom('role_grants')
        .select('id')
        .where('user_id', '=', u.id)
        .executeTakeFirstOrThrow();
      return { method: 'DELETE', url: `/api/accounts/${u.id}/grants/${g.id}` };
    },
    expect: only({ platform_admin: inside, unit_admin: inside }),
  },
  {
    route: 'POST /api/accounts/:id/reset-password',
    request: async (s, side) => {
      const u = await self(s).factories.user([{ role: 'member', org: s.side[side].branch }]);
      return { method: 'POST', url: `/api/accounts/${u.id}/reset-password` };
    },
    expect: only({ platform_admin: inside, unit_admin: inside }),
  },
  {
    route: 'GET /api/audit',
    request: () => ({ method: 'GET', url: '/api/audit' }),
    expect: only({
      platform_admin: ['ok', 'ok'],
      organiser: ['ok', 'ok'],
      unit_admin: ['ok', 'ok'],
      supervisor: ['ok', 'ok'],
    }),
  },
];
