import { only, type MatrixEntry, type Scene, type Side } from '../../test/authz-scene.ts';
import { matrixCampaign } from '../../test/matrix-campaign.ts';

const inside = ['ok', 'deny'] as const;
/** Readers over the org: organiser, unit admin, platform admin, supervisor; a judge or member is refused. */
const readers = only({ platform_admin: inside, organiser: inside, unit_admin: inside, supervisor: inside });

/** A published campaign of the side's unit with one lecture in its branch (so the zip is not empty). */
async function archiveQuery(s: Scene, side: Side) {
  const { campaignId, judgeId } = await matrixCampaign(s, side);
  const branch = s.side[side].branch;
  await s.t.db
    .insertInto('lecture_records')
    .values({
      campaign_id: campaignId,
      org_id: branch.id,
      org_path: branch.path,
      held_on: '2026-07-15',
      occasion: 'theme_day',
      topic: '矩阵档案',
      category_key: 'theory',
      guest_speaker_name: '来宾',
      attendance: 5,
      created_by: judgeId,
    })
    .execute();
  return `orgId=${s.side[side].unit.id}&campaignId=${campaignId}`;
}

export const archiveMatrix: MatrixEntry[] = [
  {
    route: 'GET /api/archive/timeline',
    request: async (s, side) => ({
      method: 'GET',
      url: `/api/archive/timeline?${await archiveQuery(s, side)}`,
    }),
    expect: readers,
  },
  {
    route: 'GET /api/archive/zip',
    request: async (s, side) => ({ method: 'GET', url: `/api/archive/zip?${await archiveQuery(s, side)}` }),
    expect: readers,
  },
  {
    route: 'GET /api/archive/summary.docx',
    request: async (s, side) => ({
      method: 'GET',
      url: `/api/archive/summary.docx?${await archiveQuery(s, side)}`,
    }),
    expect: readers,
  },
];
