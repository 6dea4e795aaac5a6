import type { Actor } from '../../lib/actor.ts';
import { AppError, invalid, notFound } from '../../lib/errors.ts';
import { participatingPaths } from '../campaigns/loading.ts';
import type { CampaignRow } from '../campaigns/repository.ts';
import { assertMayReadArchive } from './policy.ts';
import * as repo from './repository.ts';

export interface StageInfo {
  key: string;
  name: string;
  startsOn: string;
  endsOn: string;
}

/** The stages of a campaign's settings document (validated when saved; read defensively here). */
export function stagesOf(settings: unknown): StageInfo[] {
  const stages = (settings as { stages?: StageInfo[] } | null)?.stages;
  return Array.isArray(stages) ? stages : [];
}

/** The season: the first stage's start to the last stage's end (the whole year when there are none). */
export function seasonOf(stages: StageInfo[], fallbackYear: number) {
  const starts = stages
    .map((s) => s.startsOn)
    .filter(Boolean)
    .sort();
  const ends = stages
    .map((s) => s.endsOn)
    .filter(Boolean)
    .sort();
  return {
    from: starts[0] ?? `${fallbackYear}-01-01`,
    to: ends.at(-1) ?? `${fallbackYear}-12-31`,
  };
}

/** The org and campaign of an archive request: 404 when either is missing, 403 when not the actor's. */
export async function loadArchiveScope(
  db: repo.Db,
  actor: Actor,
  orgId: string,
  campaignId: string,
  year: number,
) {
  const [org, campaign] = await Promise.all([repo.findOrg(db, orgId), repo.findCampaign(db, campaignId)]);
  if (!campaign) throw notFound('活动');
  if (!org) throw notFound('组织');
  assertMayReadArchive(actor, org.path, campaign);
  // The org must take part (or lie above an org that does), as the dashboard and annex tables require:
  // otherwise any campaign id would title an archive of the org's own pool and orders.
  const [scope] = await participatingPaths(db, [
    campaign as Pick<CampaignRow, 'organiser_org_path' | 'settings'>,
  ]);
  if (!scope!.paths.some((p) => org.path.startsWith(p) || p.startsWith(org.path)))
    throw new AppError('NOT_FOUND', '该组织未参加此活动');
  const stages = stagesOf(campaign.settings);
  const season = seasonOf(stages, year);
  return { org, campaign, stages, season };
}

export function assertRange(from?: string, to?: string) {
  if (from && to && from > to)
    throw invalid('开始日期不能晚于结束日期', [{ path: 'from', message: '开始日期不能晚于结束日期' }]);
}
