import type { CampaignSettings } from '@jiangtai/contracts';
import { holdsRoleOver, type Actor } from '../../lib/actor.ts';
import { conflict, notVisible } from '../../lib/errors.ts';
import { participatingPaths } from '../campaigns/loading.ts';
import * as campaigns from '../campaigns/repository.ts';
import { branchesLedBy } from '../org/branch-leaders.ts';
import type { Db } from '../org/tables.ts';
import * as policy from './policy.ts';
import * as repo from './repository.ts';

/**
 * A campaign as plans see it: 404 when missing, or a draft the actor does not run or oversee
 * (branches cannot see a campaign before it is published). `scopePaths` are its participating subtrees.
 */
export async function loadCampaign(tx: Db, actor: Actor, campaignId: string) {
  const campaign = await campaigns.findCampaign(tx, campaignId);
  if (!campaign) throw notVisible('活动', '查看');
  const overseer = holdsRoleOver(actor, policy.PLAN_OVERSEERS, campaign.organiser_org_path);
  if (campaign.status === 'draft' && !overseer) throw notVisible('活动', '查看');
  const [scope] = await participatingPaths(tx, [campaign]);
  return { campaign, scopePaths: scope!.paths };
}
export type LoadedCampaign = Awaited<ReturnType<typeof loadCampaign>>['campaign'];

/** Plans are filed and changed while the campaign runs (published); a closed one is read-only. */
export function assertCampaignOpen(c: { status: string }) {
  if (c.status === 'draft') throw conflict('活动尚未发布，暂不能填报宣讲计划');
  if (c.status === 'closed') throw conflict('活动已结束，宣讲计划不能再修改');
}

/**
 * One branch's plan in one campaign with what the actor may do: 403 for someone with no part in plans
 * at all, 404 for a branch outside the campaign or the actor's reach (another branch's secretary, a
 * sibling unit's admin), like a missing one.
 */
export async function loadPlanContext(
  tx: Db,
  actor: Actor,
  campaignId: string,
  orgId: string,
  opts: { forUpdate?: boolean } = {},
) {
  const led = await branchesLedBy(tx, actor);
  policy.assertMayUsePlans(actor, led);
  const { campaign, scopePaths } = await loadCampaign(tx, actor, campaignId);
  const branch = await repo.findBranch(tx, orgId);
  if (
    !branch ||
    !branch.active ||
    !repo.isBranchType(branch.type) ||
    !scopePaths.some((p) => branch.path.startsWith(p))
  )
    throw notVisible('支部的宣讲计划', '查看');
  const rights = policy.planRights(actor, led, {
    branchId: branch.id,
    branchPath: branch.path,
    organiserOrgPath: campaign.organiser_org_path,
  });
  policy.assertCanRead(rights);
  const plan = await repo.findPlan(tx, campaignId, orgId, opts.forUpdate);
  const settings = campaign.settings as CampaignSettings;
  return {
    campaign,
    settings,
    branch,
    plan,
    rights,
    isSecretary: led.some((b) => b.orgId === branch.id),
  };
}
export type PlanContext = Awaited<ReturnType<typeof loadPlanContext>>;
