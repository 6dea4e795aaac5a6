import { only, rows, type MatrixEntry, type Scene, type Side } from '../../test/authz-scene.ts';
import { matrixCampaign } from '../../test/matrix-campaign.ts';
import * as repo from './repository.ts';

const inside = ['ok', 'deny'] as const;
/** Those who file a branch's plan: admins over the branch (the branch's own secretary: plans-api.test.ts). */
const filers = only({ platform_admin: inside, unit_admin: inside });
/** Those who read it: the filers, and the campaign's organiser and supervisor. */
const readers = only({ platform_admin: inside, unit_admin: inside, organiser: inside, supervisor: inside });

/** A published 岳阳-style campaign on the side's unit; optionally the side's branch's plan in a state. */
async function planOn(s: Scene, side: Side, status?: 'draft' | 'submitted') {
  const { campaignId, now } = await matrixCampaign(s, side);
  const branch = s.side[side].branch;
  if (status) {
    const admin = await s.t.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'm_unit_admin')
      .executeTakeFirstOrThrow();
    await repo.insertPlan(s.t.db, {
      campaignId,
      orgId: branch.id,
      orgPath: branch.path,
      createdBy: admin.id,
      now,
    });
    const plan = (await repo.findPlan(s.t.db, campaignId, branch.id))!;
    await repo.insertLine(
      s.t.db,
      plan.id,
      `matrix-line-${plan.id}`,
      {
        month: '2026-08',
        topic: '矩阵宣讲题目',
        category_key: 'theory',
        speaker_member_id: null,
        guest_speaker_name: '特邀嘉宾',
        occasion: 'theme_day',
        sort_order: 0,
      },
      now,
    );
    await repo.updatePlan(s.t.db, plan.id, { status });
  }
  return { campaignId, branchId: branch.id, unitId: s.side[side].unit.id };
}

const planUrl = (x: { campaignId: string; branchId: string }) =>
  `/api/campaigns/${x.campaignId}/plans/${x.branchId}`;

export const plansMatrix: MatrixEntry[] = [
  {
    route: 'GET /api/plans/mine',
    request: () => ({ method: 'GET', url: '/api/plans/mine' }),
    expect: rows.everyone,
  },
  {
    route: 'GET /api/campaigns/:campaignId/plans/:orgId',
    request: async (s, side) => ({ method: 'GET', url: planUrl(await planOn(s, side, 'draft')) }),
    expect: readers,
  },
  {
    route: 'PUT /api/campaigns/:campaignId/plans/:orgId',
    request: async (s, side, n) => ({
      method: 'PUT',
      url: planUrl(await planOn(s, side)),
      payload: {
        saveKey: `matrix-save-${n}`,
        version: null,
        lines: [
          {
            key: `matrix-key-${n}`,
            month: '2026-08',
            topic: '矩阵宣讲题目',
            categoryKey: 'theory',
            speakerMemberId: null,
            guestSpeakerName: '特邀嘉宾',
            occasion: 'theme_day',
          },
        ],
      },
    }),
    expect: filers,
  },
  {
    route: 'POST /api/campaigns/:campaignId/plans/:orgId/submit',
    request: async (s, side) => ({
      method: 'POST',
      url: `${planUrl(await planOn(s, side, 'draft'))}/submit`,
      payload: { version: 1 },
    }),
    expect: filers,
  },
  {
    route: 'POST /api/campaigns/:campaignId/plans/:orgId/accept',
    request: async (s, side) => ({
      method: 'POST',
      url: `${planUrl(await planOn(s, side, 'submitted'))}/accept`,
      payload: { version: 1 },
    }),
    expect: filers,
  },
  {
    route: 'POST /api/campaigns/:campaignId/plans/:orgId/return',
    request: async (s, side) => ({
      method: 'POST',
      url: `${planUrl(await planOn(s, side, 'submitted'))}/return`,
      payload: { version: 1, reason: '请补充宣讲人' },
    }),
    expect: filers,
  },
  {
    route: 'GET /api/campaigns/:campaignId/plan-overview',
    request: async (s, side) => {
      const x = await planOn(s, side, 'draft');
      return { method: 'GET', url: `/api/campaigns/${x.campaignId}/plan-overview?orgId=${x.unitId}` };
    },
    expect: readers,
  },
  {
    route: 'POST /api/campaigns/:campaignId/plan-reminders',
    request: async (s, side) => {
      const x = await planOn(s, side);
      return {
        method: 'POST',
        url: `/api/campaigns/${x.campaignId}/plan-reminders`,
        payload: { orgId: x.unitId, branchId: x.branchId },
      };
    },
    expect: filers,
  },
];
