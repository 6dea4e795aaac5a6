import {
  beijingDate,
  dashboardMeasureLabels,
  dashboardMeasures,
  type DashboardChild,
  type DashboardLaggardList,
  type DashboardMeasure,
  type DashboardNumbers,
  type DashboardReminderResult,
  type DashboardView,
} from '@jiangtai/contracts';
import type { Actor } from '../../lib/actor.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { AppError, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { audit, type AuditWho } from '../audit/service.ts';
import { participatingPaths } from '../campaigns/loading.ts';
import { findCampaign } from '../campaigns/repository.ts';
import * as coverageRepo from '../coverage/repository.ts';
import { ancestorPaths, lastId } from '../coverage/rules.ts';
import { contestFor } from './contest.ts';
import { lowest, type LaggardCandidate } from './laggards.ts';
import { addNumbers, collect, isBranchType, measureOf } from './numbers.ts';
import { branchLaggards } from './branch-laggards.ts';
import { keptFacts } from './kept-facts.ts';
import { learningNumbersByPath } from '../learning/dashboard-numbers.ts';
import { BRANCH_ORG_TYPES } from '../org/branch-leaders.ts';
import { canRemind, dashboardScope } from './policy.ts';
import { reminderRecipients, remindByNotice } from './remind.ts';
import * as repo from './repository.ts';
import { changeKey } from './laggard-cache.ts';
import { treeFacts } from './tree-facts.ts';
import { cumulativeWeeks, milestones } from './timeline.ts';

const OUT_OF_SCOPE = '组织不存在、未参加此活动或不在您的查看范围内';
const ref = (o: { id: string; name: string; type: string }) => ({
  id: o.id,
  name: o.name,
  type: o.type as DashboardChild['org']['type'],
});

/**
 * 督查看板: one campaign seen from one org of the viewer's scope, every number from rollups or small
 * tables (see numbers.ts), and reminders to the orgs furthest behind. Supervisors read and remind only.
 */
export function dashboardService(deps: AppDeps) {
  const { db, clock } = deps;

  /** The campaign and the subtrees of it this actor may read (404 no campaign; 403 none readable). */
  async function loadScope(actor: Actor, campaignId: string) {
    const campaign = await findCampaign(db, campaignId);
    if (!campaign) throw notFound('活动');
    const [scope] = await participatingPaths(db, [campaign]);
    const roots = dashboardScope(actor, {
      organiserOrgPath: campaign.organiser_org_path,
      status: campaign.status,
      participatingPaths: scope!.paths,
    });
    if (roots.length === 0) throw forbidden('您无权查看此活动的督查看板');
    return { campaign, roots };
  }

  /** The org asked for (or the viewer's only top), which must lie in one of `roots`. */
  async function loadOrg(roots: string[], orgId: string | undefined) {
    if (!orgId && roots.length > 1) return null;
    const org = orgId
      ? await coverageRepo.findOrg(db, orgId)
      : (await coverageRepo.orgsByPaths(db, roots)).find((o) => o.path === roots[0]);
    if (!org || !org.active || !roots.some((r) => org.path.startsWith(r)))
      throw new AppError('NOT_FOUND', OUT_OF_SCOPE);
    return org;
  }

  async function view(actor: Actor, campaignId: string, orgId?: string): Promise<DashboardView> {
    const { campaign, roots } = await loadScope(actor, campaignId);
    const org = await loadOrg(roots, orgId);
    const now = clock.now();
    const today = beijingDate(now);
    const found = org ? [] : await coverageRepo.orgsByPaths(db, roots);
    const tops = org ? [org] : roots.flatMap((r) => found.filter((o) => o.path === r));
    const reminders = await repo.remindersOn(db, campaign.id, today);
    const remindedAt = new Map(
      reminders.map((r) => [`${r.org_id}:${r.measure}`, new Date(r.created_at).toISOString()]),
    );

    let totals: DashboardNumbers | null = null;
    const children: DashboardChild[] = [];
    const units: LaggardCandidate[][] = dashboardMeasures.map(() => []);
    const branches: LaggardCandidate[][] = dashboardMeasures.map(() => []);
    const byWeek = new Map<string, { week: string; plans: number; lectures: number }>();
    for (const top of tops) {
      const key = await changeKey(db, campaign.id, top.path);
      const tree = await treeFacts(db, top, BRANCH_ORG_TYPES, key.tree);
      const kept = await keptFacts(db, campaign.id, top, tree, key);
      // Children in the tree's order; inactive ones still count in the totals but are not shown.
      const kids = kept.kids.filter((k) => k.active);
      const c = await collect(db, campaign.id, top, [top.path, ...kids.map((k) => k.path)], kept);
      const t = c.numbersOf(top);
      for (const w of kept.weeks) {
        const x = byWeek.get(w.week) ?? { week: w.week, plans: 0, lectures: 0 };
        byWeek.set(w.week, { week: w.week, plans: x.plans + w.plans, lectures: x.lectures + w.lectures });
      }
      totals = totals ? addNumbers(totals, t) : t;
      const shownKids = org ? kids.map((k) => ({ o: k, numbers: c.numbersOf(k) })) : [{ o: top, numbers: t }];
      for (const k of shownKids)
        children.push({ org: ref(k.o), isBranch: isBranchType(k.o.type), numbers: k.numbers });
      // No study task reaches the subtree when none reaches its top: skip counting them per branch.
      const branchList = t.learning.assigned > 0 ? tree.branches.filter((b) => b.id !== top.id) : [];
      const lagging = await branchLaggards(
        db,
        {
          branches: branchList,
          numbers: await learningNumbersByPath(
            db,
            branchList.map((b) => b.path),
          ),
        },
        kept,
      );
      dashboardMeasures.forEach((m, i) => {
        units[i]!.push(
          ...shownKids.map((k) => ({
            org: ref(k.o),
            isBranch: isBranchType(k.o.type),
            parentName: org ? org.name : null,
            ...measureOf(k.numbers, m),
          })),
        );
        branches[i]!.push(...lagging[m]);
      });
    }
    const lists = dashboardMeasures.map((m, i) => ({
      measure: m,
      units: lowest(units[i]!, m, 5, remindedAt),
      branches: lowest(branches[i]!, m, 10, remindedAt),
    }));
    const mayRemind = canRemind(roots, campaign);
    // Who has nobody to remind (the supervisor phones them instead): one statement for every listed org,
    // by the rule the reminder itself follows, so the button and the send agree.
    const listed = new Map(lists.flatMap((l) => [...l.units, ...l.branches]).map((l) => [l.org.id, l.org]));
    const reach = mayRemind
      ? await reminderRecipients(db, [...listed.values()])
      : new Map<string, string[]>();
    const reachable = <T extends { org: { id: string } }>(l: T) => ({ ...l, reachable: reach.has(l.org.id) });
    const laggards: DashboardLaggardList[] = lists.map((l) => ({
      measure: l.measure,
      units: l.units.map(reachable),
      branches: l.branches.map(reachable),
    }));

    const shown = org?.path ?? null;
    const settings = campaign.settings;
    const weekRows = [...byWeek.values()].sort((a, b) => (a.week < b.week ? -1 : 1));
    const contest = shown
      ? await contestFor(deps, actor, campaign, shown)
      : await mergedContest(actor, campaign, roots);
    const top = org ? roots.find((r) => org.path.startsWith(r))! : null;
    const crumbIds = org && top ? ancestorPaths(org.path, top).map(lastId) : [];
    const crumbs = new Map((await coverageRepo.orgNames(db, crumbIds)).map((o) => [o.id, o]));
    return {
      campaign: {
        id: campaign.id,
        title: campaign.title,
        status: campaign.status,
        startsOn: settings.startsOn || null,
        endsOn: settings.endsOn || null,
      },
      org: org ? { ...ref(org), isBranch: isBranchType(org.type) } : null,
      overview: roots.length > 1,
      breadcrumb: crumbIds.flatMap((id) => (crumbs.has(id) ? [ref(crumbs.get(id)!)] : [])),
      totals: totals!,
      children,
      laggards,
      weeks: cumulativeWeeks(
        weekRows,
        { startsOn: settings.startsOn || null, endsOn: settings.endsOn || null },
        today,
      ),
      milestones: milestones(settings),
      rounds: contest.rounds,
      results: contest.results,
      canRemind: mayRemind,
      generatedAt: now.toISOString(),
    };
  }

  async function mergedContest(actor: Actor, campaign: Parameters<typeof contestFor>[2], roots: string[]) {
    const parts = await Promise.all(roots.map((r) => contestFor(deps, actor, campaign, r)));
    return { rounds: parts.flatMap((p) => p.rounds), results: parts.flatMap((p) => p.results) };
  }

  /** An in-app reminder about one measure to an org of the viewer's scope, once a Beijing day. */
  async function remind(
    actor: Actor,
    campaignId: string,
    body: { orgId: string; measure: DashboardMeasure },
    who: AuditWho,
  ): Promise<DashboardReminderResult> {
    const { campaign, roots } = await loadScope(actor, campaignId);
    const org = await loadOrg(roots, body.orgId);
    if (!org) throw new AppError('NOT_FOUND', OUT_OF_SCOPE);
    if (!canRemind(roots, campaign)) throw conflict('活动未在进行中，不能发送提醒');
    const now = clock.now();
    const day = beijingDate(now);
    return db.transaction().execute(async (tx) => {
      const sent = await remindByNotice(tx, { campaign, org, measure: body.measure, actor, now });
      if (sent === 0)
        throw conflict(`「${org.name}」没有可接收提醒的账号（单位管理员或支部书记），请电话联系`);
      const fresh = await repo.insertReminder(tx, {
        campaignId: campaign.id,
        orgId: org.id,
        measure: body.measure,
        day,
        recipients: sent,
        by: actor.userId,
        now,
      });
      if (!fresh)
        throw conflict(
          `今天已就「${dashboardMeasureLabels[body.measure]}」提醒过「${org.name}」，请明天再提醒`,
        );
      await audit(tx, who, {
        action: 'dashboard.reminded',
        entityType: 'campaign',
        entityId: campaign.id,
        orgPath: org.path,
        after: { orgId: org.id, orgName: org.name, measure: body.measure, sent },
      });
      return { sent, remindedAt: now.toISOString() };
    });
  }

  return { view, remind };
}
