import type { PlanFilingStatus, PlanOverview, PlanReminderResult } from '@jiangtai/contracts';
import { planFilingStatusLabels } from '@jiangtai/contracts';
import type { Actor } from '../../lib/actor.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { conflict, forbidden, notVisible } from '../../lib/errors.ts';
import { audit, type AuditWho } from '../audit/service.ts';
import { sendNotice } from '../notices/service.ts';
import type { Db } from '../org/tables.ts';
import { assertCampaignOpen, loadCampaign } from './context.ts';
import * as policy from './policy.ts';
import * as repo from './repository.ts';
import * as rules from './rules.ts';

/**
 * 计划填报情况: for a campaign and an org, every participating branch beneath it with its plan's
 * status and lateness, and reminders (an in-app notice to the branch's secretary accounts).
 */
export function planOverviewService({ db, clock }: AppDeps) {
  async function load(tx: Db, actor: Actor, campaignId: string, orgId: string) {
    const { campaign, scopePaths } = await loadCampaign(tx, actor, campaignId);
    const org = await repo.findBranch(tx, orgId);
    if (!org) throw notVisible('组织', '查看');
    const rights = policy.overviewRights(actor, org.path, campaign.organiser_org_path);
    // The org must be inside the campaign (or above part of it), and the actor's to see.
    const overlaps = scopePaths.some((p) => org.path.startsWith(p) || p.startsWith(org.path));
    if (!rights.read) {
      if (
        !actor.grants.some(
          (g) => policy.PLAN_ADMINS.includes(g.role) || policy.PLAN_OVERSEERS.includes(g.role),
        )
      )
        throw forbidden('只有单位管理员和活动组织者可以查看计划填报情况');
      throw notVisible('组织', '查看');
    }
    if (!overlaps) throw notVisible('组织', '查看');
    const plan = campaign.settings.lecturePlan;
    const now = clock.now();
    const rows = (await repo.overviewRows(tx, { campaignId, orgPath: org.path, scopePaths })).map((r) => {
      const status: PlanFilingStatus = r.status ?? 'none';
      return {
        orgId: r.id,
        name: r.name,
        path: r.path,
        status,
        late: rules.isLate(plan, status, now),
        lineCount: Number(r.line_count ?? 0),
        submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
        secretaryAccounts: Number(r.secretary_accounts ?? 0),
      };
    });
    return { campaign, org, rights, rows, plan };
  }

  return {
    async overview(
      actor: Actor,
      campaignId: string,
      orgId: string,
      lateOnly: boolean,
    ): Promise<PlanOverview> {
      const { campaign, org, rights, rows, plan } = await load(db, actor, campaignId, orgId);
      const counts = {
        none: 0,
        draft: 0,
        submitted: 0,
        returned: 0,
        accepted: 0,
        total: rows.length,
        late: 0,
      };
      for (const r of rows) {
        counts[r.status] += 1;
        if (r.late) counts.late += 1;
      }
      return {
        campaign: { id: campaign.id, title: campaign.title },
        org: { id: org.id, name: org.name },
        required: plan?.required ?? false,
        dueOn: plan?.dueOn ?? null,
        counts,
        rows: (lateOnly ? rows.filter((r) => r.late) : rows).map(({ path: _path, ...r }) => r),
        canRemind: rights.remind && campaign.status === 'published',
      };
    },

    /**
     * Reminds one branch (any not yet filed) or every late branch under the org: an in-app notice to
     * each secretary account, one audit row per branch reminded. Branches without a secretary account
     * are named in the answer, so the unit knows to call them.
     */
    async remind(
      actor: Actor,
      campaignId: string,
      body: { orgId: string; branchId?: string },
      who: AuditWho,
    ): Promise<PlanReminderResult> {
      return db.transaction().execute(async (tx) => {
        const { campaign, rights, rows, plan } = await load(tx, actor, campaignId, body.orgId);
        if (!rights.remind) throw forbidden('只有单位管理员可以提醒支部填报计划');
        assertCampaignOpen(campaign);
        let targets = rows.filter((r) => r.late);
        if (body.branchId) {
          const one = rows.find((r) => r.orgId === body.branchId);
          if (!one) throw notVisible('支部', '查看');
          if (rules.isFiled(one.status)) throw conflict(`「${one.name}」已提交计划，无需提醒`);
          targets = [one];
        } else if (targets.length === 0) throw conflict('没有逾期未提交计划的支部');
        const accounts = await repo.secretaryAccounts(
          tx,
          targets.map((t) => t.orgId),
        );
        const now = clock.now();
        const result: PlanReminderResult = { notified: [], noAccount: [] };
        const due = plan?.dueOn ? `，截止日期为 ${plan.dueOn}` : '';
        for (const t of targets) {
          const userIds = accounts.filter((a) => a.orgId === t.orgId).map((a) => a.userId);
          if (userIds.length === 0) {
            result.noAccount.push({ orgId: t.orgId, name: t.name });
            continue;
          }
          await sendNotice(tx, {
            userIds,
            kind: 'plan_reminder',
            title: '请尽快填报宣讲计划',
            body: `「${campaign.title}」要求各支部填报宣讲计划${due}。${t.name}的计划目前为「${
              planFilingStatusLabels[t.status]
            }」，请尽快完成并提交。`,
            link: `/plans/${campaign.id}/${t.orgId}`,
            orgId: t.orgId,
            createdBy: actor.userId,
            now,
          });
          await audit(tx, who, {
            action: 'plans.reminded',
            entityType: 'org',
            entityId: t.orgId,
            orgPath: t.path,
            after: { name: t.name, campaignId: campaign.id, accounts: userIds.length, late: t.late },
          });
          result.notified.push({ orgId: t.orgId, name: t.name, accounts: userIds.length });
        }
        return result;
      });
    },
  };
}
