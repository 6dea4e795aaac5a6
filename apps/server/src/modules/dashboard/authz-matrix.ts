import { only, type MatrixEntry, type Scene, type Side } from '../../test/authz-scene.ts';
import { matrixCampaign } from '../../test/matrix-campaign.ts';

const inside = ['ok', 'deny'] as const;
/**
 * The campaign (organised by the side's unit) is read, and its orgs reminded, by its organiser,
 * supervisor and platform admin over the organiser org and by unit admins within their subtree; a
 * judge or a plain member is refused. Every call builds a fresh campaign, so no reminder repeats.
 */
const readers = only({ platform_admin: inside, organiser: inside, unit_admin: inside, supervisor: inside });

/** A fresh campaign of the side's unit whose branch has a 书记 with an account (the reminder's recipient). */
async function campaignWithSecretary(s: Scene, side: Side, n: number) {
  const { campaignId } = await matrixCampaign(s, side);
  const branch = s.side[side].branch;
  const secretary = await s.t.factories.member(branch, { positions: ['书记'], phone: null });
  const user = await s.t.factories.user([{ role: 'member', org: branch }], {
    username: `m_dash_${side}_${n}`,
  });
  await s.t.db.updateTable('users').set({ member_id: secretary.id }).where('id', '=', user.id).execute();
  return campaignId;
}

export const dashboardMatrix: MatrixEntry[] = [
  {
    route: 'GET /api/campaigns/:id/dashboard',
    request: async (s, side, n) => ({
      method: 'GET',
      url: `/api/campaigns/${await campaignWithSecretary(s, side, n)}/dashboard?orgId=${s.side[side].unit.id}`,
    }),
    expect: readers,
  },
  {
    route: 'POST /api/campaigns/:id/dashboard/reminders',
    request: async (s, side, n) => ({
      method: 'POST',
      url: `/api/campaigns/${await campaignWithSecretary(s, side, n)}/dashboard/reminders`,
      payload: { orgId: s.side[side].branch.id, measure: 'plans' },
    }),
    expect: readers,
  },
];
