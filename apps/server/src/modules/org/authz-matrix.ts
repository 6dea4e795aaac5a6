import type { InjectOptions } from 'fastify';
import { only, type MatrixEntry, type Scene, type Side } from '../../test/authz-scene.ts';
import { multipart, xlsx } from './test-support.ts';

const inside = ['ok', 'deny'] as const;
const both = ['ok', 'ok'] as const;
/** View: platform_admin, organiser, unit_admin, supervisor over the node (policy.ts). */
const viewers = only({ platform_admin: inside, organiser: inside, unit_admin: inside, supervisor: inside });
/** Lists and roots are filtered to the viewer's scope, never refused to a viewing role. */
const listers = only({ platform_admin: both, organiser: both, unit_admin: both, supervisor: both });
/** Edit: platform_admin, unit_admin over the node. */
const editors = only({ platform_admin: inside, unit_admin: inside });

const phone = (n: number) => `135${String(n).padStart(8, '0')}`;
const freshOrg = (s: Scene, side: Side, n: number) =>
  s.t.factories.org({ name: `矩阵组织${n}`, parent: s.side[side].unit });
const freshMember = (s: Scene, side: Side, n: number) =>
  s.t.factories.member(s.side[side].branch, { phone: phone(n) });

export const orgMatrix: MatrixEntry[] = [
  {
    route: 'GET /api/orgs/roots',
    request: () => ({ method: 'GET', url: '/api/orgs/roots' }),
    expect: listers,
  },
  {
    route: 'GET /api/orgs/search',
    request: () => ({ method: 'GET', url: `/api/orgs/search?q=${encodeURIComponent('单位')}` }),
    expect: listers,
  },
  {
    route: 'GET /api/orgs/:id',
    request: (s, side) => ({ method: 'GET', url: `/api/orgs/${s.side[side].unit.id}` }),
    expect: viewers,
  },
  {
    route: 'GET /api/orgs/:id/children',
    request: (s, side) => ({ method: 'GET', url: `/api/orgs/${s.side[side].unit.id}/children` }),
    expect: viewers,
  },
  {
    route: 'GET /api/orgs/:id/history',
    request: (s, side) => ({ method: 'GET', url: `/api/orgs/${s.side[side].branch.id}/history` }),
    expect: viewers,
  },
  {
    route: 'POST /api/orgs',
    request: (s, side, n) => ({
      method: 'POST',
      url: '/api/orgs',
      payload: { parentId: s.side[side].unit.id, name: `新支部${n}`, type: 'branch' },
    }),
    expect: editors,
  },
  {
    route: 'PATCH /api/orgs/:id',
    request: (s, side, n) => ({
      method: 'PATCH',
      url: `/api/orgs/${s.side[side].branch.id}`,
      payload: { sortOrder: n },
    }),
    expect: editors,
  },
  {
    // A fresh node under the side's unit, moved under the side's branch: rights over both parents.
    route: 'POST /api/orgs/:id/move',
    request: async (s, side, n) => ({
      method: 'POST',
      url: `/api/orgs/${(await freshOrg(s, side, n)).id}/move`,
      payload: { parentId: s.side[side].branch.id },
    }),
    expect: editors,
  },
  {
    route: 'POST /api/orgs/:id/deactivate',
    request: async (s, side, n) => ({
      method: 'POST',
      url: `/api/orgs/${(await freshOrg(s, side, n)).id}/deactivate`,
    }),
    expect: editors,
  },
  {
    route: 'POST /api/orgs/:id/reactivate',
    request: async (s, side, n) => {
      const org = await freshOrg(s, side, n);
      await s.t.db.updateTable('orgs').set({ active: false }).where('id', '=', org.id).execute();
      return { method: 'POST', url: `/api/orgs/${org.id}/reactivate` };
    },
    expect: editors,
  },
  {
    // Viewers may export; phones are masked unless they may edit (checked in import.test.ts).
    route: 'GET /api/orgs/:id/export',
    request: (s, side) => ({ method: 'GET', url: `/api/orgs/${s.side[side].unit.id}/export` }),
    expect: viewers,
  },
  { route: 'GET /api/members', request: () => ({ method: 'GET', url: '/api/members' }), expect: listers },
  {
    route: 'GET /api/members/:id',
    request: async (s, side, n) => ({
      method: 'GET',
      url: `/api/members/${(await freshMember(s, side, n)).id}`,
    }),
    expect: viewers,
  },
  {
    route: 'GET /api/members/:id/history',
    request: async (s, side, n) => ({
      method: 'GET',
      url: `/api/members/${(await freshMember(s, side, n)).id}/history`,
    }),
    expect: viewers,
  },
  {
    route: 'POST /api/members',
    request: (s, side, n) => ({
      method: 'POST',
      url: '/api/members',
      payload: {
        orgId: s.side[side].branch.id,
        name: '矩阵党员',
        gender: 'male',
        phone: phone(n),
        partyStatus: 'full',
      },
    }),
    expect: editors,
  },
  {
    route: 'PATCH /api/members/:id',
    request: async (s, side, n) => ({
      method: 'PATCH',
      url: `/api/members/${(await freshMember(s, side, n)).id}`,
      payload: { name: '改名' },
    }),
    expect: editors,
  },
  {
    route: 'POST /api/members/:id/move',
    request: async (s, side, n) => ({
      method: 'POST',
      url: `/api/members/${(await freshMember(s, side, n)).id}/move`,
      payload: { orgId: s.side[side].unit.id },
    }),
    expect: editors,
  },
  {
    route: 'POST /api/members/:id/deactivate',
    request: async (s, side, n) => ({
      method: 'POST',
      url: `/api/members/${(await freshMember(s, side, n)).id}/deactivate`,
    }),
    expect: editors,
  },
  {
    route: 'POST /api/members/:id/reactivate',
    request: async (s, side, n) => {
      const m = await freshMember(s, side, n);
      await s.t.db.updateTable('members').set({ active: false }).where('id', '=', m.id).execute();
      return { method: 'POST', url: `/api/members/${m.id}/reactivate` };
    },
    expect: editors,
  },
  {
    route: 'GET /api/org-import/template',
    request: () => ({ method: 'GET', url: '/api/org-import/template' }),
    expect: listers,
  },
  {
    // Editors only. Rows outside the importer's subtree are reported per row (422 naming the org),
    // so "outside" is authorised-but-refused for editors rather than a 403.
    route: 'POST /api/org-import',
    request: async (s, side, n): Promise<InjectOptions> => {
      const file = await xlsx({
        members: [['矩阵导入', '男', phone(n), '正式党员', '党员', s.side[side].branch.code, '']],
      });
      const { payload, headers } = multipart(file);
      return { method: 'POST', url: '/api/org-import', payload, headers };
    },
    expect: only({ platform_admin: ['ok', 'pass'], unit_admin: ['ok', 'pass'] }),
  },
];
