import type { DashboardView } from '@jiangtai/contracts';
import type { Client, TestContext } from '../../test/harness.ts';
import { coverageScene } from '../coverage/test-coverage-scene.ts';

type PlanStatus = 'draft' | 'submitted' | 'returned' | 'accepted';

/**
 * The coverage scene (市委 ─ 甲县 ─ 东镇 ─ 一支部/二支部, 乙县 ─ 三支部) with the dashboard's accounts:
 * the campaign's supervisor over 市委, 乙县's unit admin (the sibling county), a plain member of 二支部
 * and 二支部's 书记 老吴 (the branch's reminder recipient), besides the scene's own.
 */
export async function dashboardScene(t: TestContext, p: string) {
  const s = await coverageScene(t, p);
  const f = t.factories;
  await f.user([{ role: 'supervisor', org: s.city }], { username: `${p}_sup` });
  await f.user([{ role: 'unit_admin', org: s.yi }], { username: `${p}_yi` });
  await f.user([{ role: 'member', org: s.b2 }], { username: `${p}_plain` });
  const wu = await f.user([{ role: 'member', org: s.b2 }], { username: `${p}_wu` });
  await t.db.updateTable('users').set({ member_id: s.people.wu.id }).where('id', '=', wu.id).execute();
  const adminId = (
    await t.db.selectFrom('users').select('id').where('username', '=', `${p}_admin`).executeTakeFirstOrThrow()
  ).id;

  const plan = async (org: { id: string; path: string }, status: PlanStatus, campaignId = s.campaignId) =>
    (
      await t.db
        .insertInto('lecture_plans')
        .values({
          campaign_id: campaignId,
          org_id: org.id,
          org_path: org.path,
          status,
          created_by: adminId,
          submitted_at: status === 'draft' ? null : new Date('2026-07-08T02:00:00Z'),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;

  return {
    ...s,
    adminId,
    plan,
    dashboardOthers: async () => ({
      ...(await s.others()),
      supervisor: await t.login(`${p}_sup`),
      yiAdmin: await t.login(`${p}_yi`),
      plain: await t.login(`${p}_plain`),
    }),
  };
}
export type DashboardScene = Awaited<ReturnType<typeof dashboardScene>>;

export const dashboardUrl = (campaignId: string, orgId?: string) =>
  `/api/campaigns/${campaignId}/dashboard${orgId ? `?orgId=${orgId}` : ''}`;

/** GET the dashboard, failing the test on anything but 200. */
export async function dashboardOf(client: Client, campaignId: string, orgId?: string) {
  const res = await client.get(dashboardUrl(campaignId, orgId));
  if (res.statusCode !== 200) throw new Error(`dashboard: ${res.statusCode} ${res.body}`);
  return res.json<DashboardView>();
}
