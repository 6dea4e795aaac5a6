import { only, rows, type MatrixEntry, type Scene, type Side } from '../../test/authz-scene.ts';
import { matrixCampaign, matrixEntry } from '../../test/matrix-campaign.ts';
import { storeTestPhoto } from '../uploads/test-photo.ts';
import * as repo from './repository.ts';

const inside = ['ok', 'deny'] as const;
/** Organiser, unit admin and platform admin on unit A manage unit A's pool, not unit B's. */
const managers = only({ platform_admin: inside, organiser: inside, unit_admin: inside });
/** Managers and the supervisor read the pool and its speakers. */
const readers = only({ platform_admin: inside, organiser: inside, unit_admin: inside, supervisor: inside });

/** The side's unit's pool (made once per unit; the scene is shared by every row). */
async function poolOf(s: Scene, side: Side) {
  const unit = s.side[side].unit;
  const existing = await repo.poolOfOrgId(s.t.db, unit.id);
  if (existing) return existing;
  const id = await repo.insertPool(s.t.db, {
    orgId: unit.id,
    orgPath: unit.path,
    name: `${unit.name}师资库`,
    target: 20,
    createdBy: null,
    now: new Date(),
  });
  return id!;
}

/** A fresh speaker of the side's pool, a member of its branch, in `status`. */
async function speakerOf(s: Scene, side: Side, status: 'active' | 'nominated') {
  const poolId = await poolOf(s, side);
  const member = await s.t.factories.member(s.side[side].branch, {});
  return repo.insertSpeaker(s.t.db, {
    poolId,
    memberId: member.id,
    name: member.name,
    gender: 'female',
    unitTitle: '矩阵单位',
    phone: '13800000000',
    politicalStatus: '中共党员',
    specialties: ['理论'],
    audiences: ['village'],
    bio: '',
    availability: '',
    source: status === 'nominated' ? 'nomination' : 'direct',
    sourceEntryId: null,
    sourceNote: '',
    status,
    nominatedByOrgId: null,
    createdBy: null,
    now: new Date(),
  });
}

/** A fresh active speaker of the side's pool with a stored photo. */
async function speakerWithPhoto(s: Scene, side: Side) {
  const id = await speakerOf(s, side, 'active');
  const photo = await storeTestPhoto(s.t.deps, s.userIn[side].id);
  await s.t.db
    .updateTable('pool_speakers')
    .set({ photo_file_id: photo.fileId, photo_thumb_file_id: photo.thumbFileId })
    .where('id', '=', id)
    .execute();
  return id;
}

const get = (url: (s: Scene, side: Side) => Promise<string>) => async (s: Scene, side: Side) => ({
  method: 'GET' as const,
  url: await url(s, side),
});
const post =
  (
    url: (s: Scene, side: Side) => Promise<string>,
    payload: (s: Scene, side: Side) => Promise<object> | object,
  ) =>
  async (s: Scene, side: Side) => ({
    method: 'POST' as const,
    url: await url(s, side),
    payload: await payload(s, side),
  });
const poolUrl =
  (tail = '') =>
  async (s: Scene, side: Side) =>
    `/api/pools/${await poolOf(s, side)}${tail}`;
const speakerUrl =
  (status: 'active' | 'nominated', tail = '') =>
  async (s: Scene, side: Side) =>
    `/api/pool-speakers/${await speakerOf(s, side, status)}${tail}`;

export const poolMatrix: MatrixEntry[] = [
  { route: 'GET /api/pools', request: () => ({ method: 'GET', url: '/api/pools' }), expect: rows.everyone },
  {
    route: 'POST /api/pools',
    request: async (s, side, n) => {
      const org = await s.t.factories.org({ name: `矩阵新支部${n}`, parent: s.side[side].unit });
      return {
        method: 'POST',
        url: '/api/pools',
        payload: { orgId: org.id, name: `矩阵师资库${n}`, target: 5 },
      };
    },
    expect: managers,
  },
  {
    route: 'GET /api/pools/overview',
    request: (s, side) => ({ method: 'GET', url: `/api/pools/overview?orgId=${s.side[side].unit.id}` }),
    expect: readers,
  },
  {
    route: 'GET /api/pools/overview/export',
    request: (s, side) => ({
      method: 'GET',
      url: `/api/pools/overview/export?orgId=${s.side[side].unit.id}`,
    }),
    expect: managers,
  },
  { route: 'GET /api/pools/:id', request: get(poolUrl()), expect: readers },
  {
    route: 'PATCH /api/pools/:id',
    request: async (s, side) => ({ method: 'PATCH', url: await poolUrl()(s, side), payload: { target: 20 } }),
    expect: managers,
  },
  { route: 'GET /api/pools/:id/export', request: get(poolUrl('/export')), expect: managers },
  {
    route: 'POST /api/pools/:id/speakers',
    request: post(poolUrl('/speakers'), (_s, _side) => ({
      name: '外请专家',
      unitTitle: '某大学 教授',
      audiences: ['school'],
    })),
    expect: managers,
  },
  {
    route: 'POST /api/pools/:id/speakers/from-entry',
    request: post(poolUrl('/speakers/from-entry'), async (s, side) => {
      const { campaignId, now } = await matrixCampaign(s, side);
      const entryId = await matrixEntry(s, side, {
        campaignId,
        stageKey: 'semifinal',
        title: '矩阵作品',
        now,
      });
      return { entryId };
    }),
    expect: managers,
  },
  {
    // Only a unit admin inside the pool's subtree nominates, and only their own members.
    route: 'POST /api/pools/:id/nominations',
    request: post(poolUrl('/nominations'), async (s, side) => {
      const member = await s.t.factories.member(s.side[side].branch, {});
      return { memberId: member.id, reason: '基层宣讲经验丰富，群众反映好' };
    }),
    expect: only({ unit_admin: inside }),
  },
  {
    // Anyone signed in asks for their own speaker rows (an empty list when they are nobody's speaker).
    route: 'GET /api/pool-speakers/mine',
    request: () => ({ method: 'GET', url: '/api/pool-speakers/mine' }),
    expect: rows.everyone,
  },
  { route: 'GET /api/pool-speakers/:id', request: get(speakerUrl('active')), expect: readers },
  {
    route: 'PATCH /api/pool-speakers/:id',
    request: async (s, side) => ({
      method: 'PATCH',
      url: await speakerUrl('active')(s, side),
      payload: { specialties: ['乡村振兴'] },
    }),
    expect: managers,
  },
  {
    route: 'GET /api/pool-speakers/:id/photo',
    request: async (s, side) => ({
      method: 'GET',
      url: `/api/pool-speakers/${await speakerWithPhoto(s, side)}/photo?variant=thumb`,
    }),
    expect: readers,
  },
  {
    route: 'DELETE /api/pool-speakers/:id/photo',
    request: async (s, side) => ({
      method: 'DELETE',
      url: `/api/pool-speakers/${await speakerWithPhoto(s, side)}/photo`,
    }),
    expect: managers,
  },
  {
    route: 'POST /api/pool-speakers/:id/decision',
    request: post(speakerUrl('nominated', '/decision'), () => ({ approve: true })),
    expect: managers,
  },
  {
    route: 'POST /api/pool-speakers/:id/leave',
    request: post(speakerUrl('active', '/leave'), () => ({ reason: '工作调动' })),
    expect: managers,
  },
  {
    route: 'POST /api/pool-speakers/:id/retire',
    request: post(speakerUrl('active', '/retire'), () => ({ reason: '长期未参加宣讲' })),
    expect: managers,
  },
];
