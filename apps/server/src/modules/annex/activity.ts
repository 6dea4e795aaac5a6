import { isContestStage, type ActivityRow, type ActivityTable } from '@jiangtai/contracts';
import type { Actor } from '../../lib/actor.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { participatingPaths } from '../campaigns/loading.ts';
import { findCampaign } from '../campaigns/repository.ts';
import { childSums } from '../coverage/repository.ts';
import { annexScope } from './policy.ts';
import * as repo from './repository.ts';
import type { Db } from './repository.ts';
import { addCounts, addEntries, isZero, resolvePeriod, sumNumbers, withRate, zeroNumbers } from './rules.ts';

const OUT_OF_SCOPE = '组织不存在、未参加此活动或不在您的查看范围内';

/** The campaign and org of a request, checked against the actor's scope (404 / 403 as coverage). */
export async function loadAnnexContext(db: Db, actor: Actor, campaignId: string, orgId: string) {
  const campaign = await findCampaign(db, campaignId);
  if (!campaign) throw notFound('活动');
  const [scope] = await participatingPaths(db, [campaign]);
  const roots = annexScope(actor, {
    organiserOrgPath: campaign.organiser_org_path,
    status: campaign.status,
    participatingPaths: scope!.paths,
  });
  if (roots.length === 0) throw forbidden('您无权查看此活动的统计报表');
  const org = await repo.findOrg(db, orgId);
  if (!org || !org.active || !roots.some((r) => org.path.startsWith(r)))
    throw new AppError('NOT_FOUND', OUT_OF_SCOPE);
  return { campaign, org };
}

type Campaign = NonNullable<Awaited<ReturnType<typeof findCampaign>>>;
type Org = NonNullable<Awaited<ReturnType<typeof repo.findOrg>>>;

/**
 * 活动统计表 of an org for a period: one row per child org (its whole subtree), a 本级 row for what is
 * the org's own (its own members, records, pool) when there is any, and the totals. Members, members who
 * lectured and 书记 come from the coverage rollups (campaign to date, as the coverage page shows them);
 * lectures, audience and delivered orders are those of the period; plans, entries and pool speakers are
 * as they stand now.
 */
export async function buildActivityTable(
  db: Db,
  campaign: Campaign,
  org: Org,
  period: { from: string; to: string },
  now: Date,
): Promise<ActivityTable> {
  const stages = campaign.settings.stages
    .filter((s) => isContestStage(s.kind))
    .map((s) => ({ key: s.key, name: s.name }));
  const keys = stages.map((s) => s.key);
  const [children, sums, branches, plans, lectures, entries, pool, orders] = await Promise.all([
    repo.childOrgs(db, org.id),
    childSums(db, campaign.id, org),
    repo.branchPaths(db, org.path),
    repo.plansFiled(db, campaign.id, org.path),
    repo.lecturesGiven(db, campaign.id, org.path, period),
    repo.entriesSubmitted(db, campaign.id, org.path),
    repo.poolSpeakers(db, org.path),
    repo.ordersDelivered(db, org.path, period),
  ]);
  const childPaths = children.map((c) => c.path);
  const buckets = new Map([
    ['', zeroNumbers(keys)],
    ...childPaths.map((p) => [p, zeroNumbers(keys)] as const),
  ]);
  addCounts(buckets, childPaths, branches, 'branches');
  addCounts(buckets, childPaths, plans, 'plansFiled');
  addCounts(buckets, childPaths, lectures, 'lectures', 'audience');
  addCounts(buckets, childPaths, pool, 'poolSpeakers');
  addCounts(buckets, childPaths, orders, 'ordersDelivered');
  addEntries(buckets, childPaths, entries);
  for (const s of sums) {
    const b = s.self ? buckets.get('') : buckets.get(children.find((c) => c.id === s.child)?.path ?? '-');
    if (!b) continue;
    const n = s.self ? s.own : s;
    b.members += n.members;
    b.lecturedMembers += n.lectured;
    b.secretaries += n.secretaries;
    b.lecturedSecretaries += n.lecturedSecretaries;
  }

  const rows: ActivityRow[] = [];
  for (const c of children) {
    const n = withRate(buckets.get(c.path)!);
    // An org since closed appears only when it still holds numbers, so the totals add up.
    if (c.active || !isZero(n)) rows.push({ org: { id: c.id, name: c.name }, own: false, numbers: n });
  }
  const own = withRate(buckets.get('')!);
  if (!isZero(own) || children.length === 0)
    rows.unshift({ org: { id: org.id, name: org.name }, own: true, numbers: own });
  return {
    campaign: { id: campaign.id, title: campaign.title },
    org: { id: org.id, name: org.name },
    period,
    stages,
    rows,
    totals: sumNumbers(
      rows.map((r) => r.numbers),
      keys,
    ),
    generatedAt: now.toISOString(),
  };
}

/** The table as the page shows it (the viewer's scope checked, the period resolved). */
export function activityService({ db, clock }: Pick<AppDeps, 'db' | 'clock'>) {
  return {
    async view(actor: Actor, q: { campaignId: string; orgId: string; from?: string; to?: string }) {
      const { campaign, org } = await loadAnnexContext(db, actor, q.campaignId, q.orgId);
      const period = resolvePeriod(campaign.settings, q);
      return buildActivityTable(db, campaign, org, period, clock.now());
    },
  };
}
