import { only, type MatrixEntry, type Scene, type Side } from '../../test/authz-scene.ts';
import { matrixCampaign } from '../../test/matrix-campaign.ts';

const inside = ['ok', 'deny'] as const;
/**
 * The campaign (organised by the side's unit) is read by its organiser, supervisor and platform admin
 * over the organiser org and by unit admins within their subtree; a judge or a plain member is refused.
 * Branch secretaries (a member account, not a role) are covered in coverage-api.test.ts.
 */
const readers = only({ platform_admin: inside, organiser: inside, unit_admin: inside, supervisor: inside });

async function campaignWithLecture(s: Scene, side: Side) {
  const { campaignId, judgeId } = await matrixCampaign(s, side);
  const branch = s.side[side].branch;
  const speaker = await s.t.factories.member(branch, { positions: ['书记'], phone: null });
  await s.t.db
    .insertInto('lecture_records')
    .values({
      campaign_id: campaignId,
      org_id: branch.id,
      org_path: branch.path,
      held_on: '2026-07-15',
      occasion: 'theme_day',
      topic: '矩阵宣讲',
      category_key: 'theory',
      speaker_member_id: speaker.id,
      attendance: 5,
      created_by: judgeId,
    })
    .execute();
  return campaignId;
}

export const coverageMatrix: MatrixEntry[] = [
  {
    route: 'GET /api/campaigns/:id/coverage',
    request: async (s, side) => ({
      method: 'GET',
      url: `/api/campaigns/${await campaignWithLecture(s, side)}/coverage?orgId=${s.side[side].branch.id}`,
    }),
    expect: readers,
  },
  {
    route: 'GET /api/campaigns/:id/coverage/export',
    request: async (s, side) => ({
      method: 'GET',
      url: `/api/campaigns/${await campaignWithLecture(s, side)}/coverage/export`,
    }),
    expect: readers,
  },
];
