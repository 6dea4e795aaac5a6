import { dashboardMeasureLabels, type DashboardMeasure } from '@jiangtai/contracts';
import type { Actor } from '../../lib/actor.ts';
import { sendNotice } from '../notices/service.ts';
import type { Db } from '../org/tables.ts';
import { isBranchType } from './numbers.ts';
import { recipientRows } from './repository.ts';

/** What each measure asks the org to do, and the page where it can. */
function ask(measure: DashboardMeasure, campaignId: string, org: { id: string }, branch: boolean) {
  switch (measure) {
    case 'plans':
      return {
        body: '请尽快填报并提交本单位的宣讲计划。',
        link: branch
          ? `/plans/${campaignId}/${org.id}`
          : `/plan-overview?campaign=${campaignId}&org=${org.id}`,
      };
    case 'lectures':
      return { body: '请按计划开展宣讲并及时登记宣讲记录。', link: '/lectures' };
    case 'coverage':
      return {
        body: '还有党员未上讲台，请安排尚未宣讲的党员宣讲。',
        link: `/campaigns/${campaignId}/coverage?orgId=${org.id}`,
      };
    case 'learning':
      return { body: '还有党员未完成学习任务，请督促完成。', link: '/learning-tasks' };
  }
}

/**
 * Whom a reminder to each org reaches, the same people plans and annex remind: a branch's 书记 (and
 * 副书记) accounts, an org above branches its unit admins. One statement for all the orgs, so the
 * dashboard can tell which of its laggards have anyone to remind; orgs with nobody are absent.
 */
export async function reminderRecipients(
  db: Db,
  orgs: readonly { id: string; type: string }[],
): Promise<Map<string, string[]>> {
  const rows = await recipientRows(db, {
    branchIds: orgs.filter((o) => isBranchType(o.type)).map((o) => o.id),
    unitIds: orgs.filter((o) => !isBranchType(o.type)).map((o) => o.id),
  });
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const ids = out.get(r.org_id) ?? [];
    if (!ids.includes(r.user_id)) ids.push(r.user_id);
    out.set(r.org_id, ids);
  }
  return out;
}

/** Sends the reminder notice to the org's reminderRecipients. Returns how many accounts it went to. */
export async function remindByNotice(
  tx: Db,
  r: {
    campaign: { id: string; title: string };
    org: { id: string; name: string; type: string };
    measure: DashboardMeasure;
    actor: Actor;
    now: Date;
  },
): Promise<number> {
  const branch = isBranchType(r.org.type);
  const userIds = (await reminderRecipients(tx, [r.org])).get(r.org.id) ?? [];
  if (userIds.length === 0) return 0;
  const { body, link } = ask(r.measure, r.campaign.id, r.org, branch);
  return sendNotice(tx, {
    userIds,
    kind: 'dashboard_reminder',
    title: `督查提醒：${dashboardMeasureLabels[r.measure]}进度落后`,
    body: `「${r.campaign.title}」督查看板显示${r.org.name}的${dashboardMeasureLabels[r.measure]}进度落后。${body}`,
    link,
    orgId: r.org.id,
    createdBy: r.actor.userId,
    now: r.now,
  });
}
