import { only, type MatrixEntry, type Scene, type Side } from '../../test/authz-scene.ts';
import { matrixCampaign } from '../../test/matrix-campaign.ts';
import { annexService } from './service.ts';

const inside = ['ok', 'deny'] as const;
/** The side's unit organises the campaign; its organiser, supervisor and admins read its tables. */
const readers = only({ platform_admin: inside, organiser: inside, unit_admin: inside, supervisor: inside });

async function campaignOf(s: Scene, side: Side) {
  const { campaignId } = await matrixCampaign(s, side);
  return { campaignId, orgId: s.side[side].unit.id };
}

const query = (q: { campaignId: string; orgId: string }) => `campaignId=${q.campaignId}&orgId=${q.orgId}`;

export const annexMatrix: MatrixEntry[] = [
  {
    route: 'GET /api/annex/activity',
    request: async (s, side) => ({
      method: 'GET',
      url: `/api/annex/activity?${query(await campaignOf(s, side))}`,
    }),
    expect: readers,
  },
  {
    route: 'GET /api/annex/activity/export',
    request: async (s, side) => ({
      method: 'GET',
      url: `/api/annex/activity/export?${query(await campaignOf(s, side))}`,
    }),
    expect: readers,
  },
  {
    route: 'GET /api/annex/pool/export',
    request: async (s, side) => ({
      method: 'GET',
      url: `/api/annex/pool/export?${query(await campaignOf(s, side))}`,
    }),
    expect: readers,
  },
  {
    route: 'GET /api/annex/rubric/export',
    request: async (s, side) => ({
      method: 'GET',
      url: `/api/annex/rubric/export?campaignId=${(await campaignOf(s, side)).campaignId}`,
    }),
    expect: readers,
  },
  {
    route: 'GET /api/annex/submissions',
    request: async (s, side) => ({
      method: 'GET',
      url: `/api/annex/submissions?${query(await campaignOf(s, side))}`,
    }),
    expect: readers,
  },
  {
    // The unit's own admins submit; the organiser and the supervisor only read.
    route: 'POST /api/annex/submissions',
    request: async (s, side) => ({
      method: 'POST',
      url: '/api/annex/submissions',
      payload: { ...(await campaignOf(s, side)), note: '' },
    }),
    expect: only({ platform_admin: inside, unit_admin: inside }),
  },
  {
    route: 'GET /api/annex/submissions/:id/file',
    request: async (s, side) => {
      const q = await campaignOf(s, side);
      const admin = (await s.t.db
        .selectFrom('users')
        .select(['id', 'display_name'])
        .where('username', '=', 'm_platform_admin')
        .executeTakeFirstOrThrow())!;
      const grants = [
        { id: '0', role: 'platform_admin' as const, orgId: s.city.id, orgPath: s.city.path, orgName: '' },
      ];
      const actor = { userId: admin.id, displayName: admin.display_name, grants } as never;
      const made = await annexService(s.t.deps).submit(actor, { ...q, note: '' }, { actor });
      return { method: 'GET', url: `/api/annex/submissions/${made.id}/file` };
    },
    expect: readers,
  },
  {
    route: 'POST /api/annex/reminders',
    request: async (s, side) => ({
      method: 'POST',
      url: '/api/annex/reminders',
      payload: await campaignOf(s, side),
    }),
    expect: only({ platform_admin: inside, organiser: inside, unit_admin: inside }),
  },
];
