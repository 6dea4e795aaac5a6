import {
  beijingDate,
  type CoverageChild,
  type CoverageOrgRef,
  type CoverageView,
  type OrgType,
} from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import type { AuditWho } from '../audit/service.ts';
import { audit } from '../audit/service.ts';
import { participatingPaths } from '../campaigns/loading.ts';
import { findCampaign } from '../campaigns/repository.ts';
import { BRANCH_ORG_TYPES, branchesLedBy } from '../org/branch-leaders.ts';
import { buildCoverageWorkbook } from './export.ts';
import { coverageScope } from './policy.ts';
import * as repo from './repository.ts';
import type { PathSums } from './repository.ts';
import { addSums, ancestorPaths, lastId, secretaryLectured, toNumbers, ZERO_SUMS } from './rules.ts';

const OUT_OF_SCOPE = '组织不存在、未参加此活动或不在您的查看范围内';
const isBranch = (type: OrgType) => (BRANCH_ORG_TYPES as readonly string[]).includes(type);
const ref = (o: { id: string; name: string; type: OrgType }): CoverageOrgRef => ({
  id: o.id,
  name: o.name,
  type: o.type,
});

/** An org's totals from its childSums rows: its own members plus every child's subtree. */
function subtreeTotals(rows: Awaited<ReturnType<typeof repo.childSums>>): PathSums {
  const self = rows.find((r) => r.self);
  return rows.filter((r) => !r.self).reduce(addSums, self?.own ?? ZERO_SUMS);
}

/**
 * 人人上讲台 coverage for a campaign (read-only; the rollups are kept by the database, migration 031):
 * an org's totals and each child's, drilling down to branches, where the members who have not lectured
 * yet are listed; and the same table for a whole subtree as .xlsx.
 */
export function coverageService(deps: AppDeps) {
  const { db, clock } = deps;

  /** The campaign and the subtrees of it this actor may read (404 no campaign; 403 none readable). */
  async function loadScope(actor: Actor, campaignId: string) {
    const campaign = await findCampaign(db, campaignId);
    if (!campaign) throw notFound('活动');
    const [scope] = await participatingPaths(db, [campaign]);
    const led = await branchesLedBy(db, actor);
    const roots = coverageScope(
      actor,
      {
        organiserOrgPath: campaign.organiser_org_path,
        status: campaign.status,
        participatingPaths: scope!.paths,
      },
      led.map((b) => b.orgPath),
    );
    if (roots.length === 0) throw forbidden('您无权查看此活动的人人上讲台覆盖情况');
    return { campaign, roots };
  }

  /** The org asked for (or the viewer's only top), which must lie in one of `roots`. */
  async function loadOrg(roots: string[], orgId: string | undefined) {
    if (!orgId && roots.length > 1) return null;
    const org = orgId
      ? await repo.findOrg(db, orgId)
      : (await repo.orgsByPaths(db, roots)).find((o) => o.path === roots[0]);
    if (!org || !org.active || !roots.some((r) => org.path.startsWith(r)))
      throw new AppError('NOT_FOUND', OUT_OF_SCOPE);
    return org;
  }

  async function view(actor: Actor, campaignId: string, orgId?: string): Promise<CoverageView> {
    const { campaign, roots } = await loadScope(actor, campaignId);
    const org = await loadOrg(roots, orgId);
    const base = {
      campaign: { id: campaign.id, title: campaign.title },
      overview: roots.length > 1,
      generatedAt: clock.now().toISOString(),
    };
    if (!org) {
      // Several participating subtrees: their tops are the children of an overview.
      const found = await repo.orgsByPaths(db, roots);
      const tops = roots.flatMap((r) => found.filter((o) => o.path === r));
      const children: CoverageChild[] = [];
      let totals = ZERO_SUMS;
      for (const o of tops) {
        const sums = subtreeTotals(await repo.childSums(db, campaign.id, o));
        totals = addSums(totals, sums);
        children.push({
          org: ref(o),
          numbers: toNumbers(sums),
          secretaryLectured: null,
          isBranch: isBranch(o.type),
        });
      }
      return {
        ...base,
        org: null,
        breadcrumb: [],
        totals: toNumbers(totals),
        direct: null,
        children,
        pending: null,
        secretaryLectured: null,
      };
    }

    const top = roots.find((r) => org.path.startsWith(r))!;
    const crumbIds = ancestorPaths(org.path, top).map(lastId);
    const [rows, crumbs] = await Promise.all([
      repo.childSums(db, campaign.id, org),
      repo.orgNames(db, crumbIds),
    ]);
    const self = rows.find((r) => r.self)!;
    const kids = rows.filter((r) => !r.self);
    const totals = subtreeTotals(rows);
    const children: CoverageChild[] = kids
      .filter((k) => k.active)
      .map((k) => ({
        org: { id: k.child, name: k.name, type: k.type },
        numbers: toNumbers(k),
        secretaryLectured: isBranch(k.type)
          ? secretaryLectured({ secretaries: k.own.secretaries, lectured: k.own.lecturedSecretaries })
          : null,
        isBranch: isBranch(k.type),
      }));
    const branch = isBranch(org.type);
    const byId = new Map(crumbs.map((c) => [c.id, c]));
    return {
      ...base,
      org: { ...ref(org), isBranch: branch },
      breadcrumb: crumbIds.flatMap((id) => (byId.has(id) ? [ref(byId.get(id)!)] : [])),
      totals: toNumbers(totals),
      direct:
        self.own.members > 0 && children.length > 0
          ? { members: self.own.members, lectured: self.own.lectured }
          : null,
      children,
      // A 党总支 whose members all sit in its branches has no list of its own.
      pending:
        branch && (self.own.members > 0 || children.length === 0)
          ? await repo.pendingMembers(db, campaign.id, org.path)
          : null,
      secretaryLectured: branch
        ? secretaryLectured({ secretaries: self.own.secretaries, lectured: self.own.lecturedSecretaries })
        : null,
    };
  }

  /** The coverage table of a subtree as .xlsx; one audit row per export. */
  async function exportTable(actor: Actor, campaignId: string, orgId: string | undefined, who: AuditWho) {
    const { campaign, roots } = await loadScope(actor, campaignId);
    const org = await loadOrg(roots, orgId);
    const found = org ? [org] : await repo.orgsByPaths(db, roots);
    const tops = org ? found : roots.flatMap((r) => found.filter((o) => o.path === r));
    const now = clock.now();
    const sections = [];
    for (const t of tops) {
      const [orgs, sums] = await Promise.all([
        repo.subtreeOrgs(db, t.path),
        repo.subtreeSums(db, campaign.id, t.path),
      ]);
      sections.push({ top: t, orgs, sums });
    }
    await audit(db, who, {
      action: 'coverage.exported',
      entityType: 'campaign',
      entityId: campaign.id,
      orgPath: org?.path ?? roots[0]!,
      after: { orgId: org?.id ?? null, orgs: sections.reduce((n, s) => n + s.orgs.length, 0) },
    });
    const title = org ? org.name : '全部参与组织';
    const buffer = await buildCoverageWorkbook({
      campaignTitle: campaign.title,
      orgName: title,
      now,
      sections,
    });
    const stamp = beijingDate(now).replaceAll('-', '');
    return {
      buffer,
      fileName: `${title}-人人上讲台覆盖情况-${stamp}.xlsx`,
      asciiName: `coverage-${campaign.id}-${org?.id ?? 'all'}-${stamp}.xlsx`,
    };
  }

  return { view, exportTable };
}
