import {
  roundStateLabels,
  type CampaignSettings,
  type DashboardResult,
  type DashboardRound,
  type RoundState,
} from '@jiangtai/contracts';
import type { Actor } from '../../lib/actor.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { orgNames } from '../coverage/repository.ts';
import { finalRanking } from '../reviews/final-ranking.ts';
import { canSeeResults } from '../reviews/policy.ts';
import { roundProgressUnder } from '../reviews/repository.ts';

/** Blind review: a round's ranking leaves the panel only once its results are confirmed. */
const RESULT_STATES: readonly RoundState[] = ['confirmed', 'publicised', 'final'];

/**
 * The campaign's review rounds seen from a subtree: its entries in each round and their review tasks,
 * and the ranked results of confirmed rounds cut to its entries (ranks as the round computed them over
 * all its entries, through the reviews module's finalRanking, so nothing is scored twice) — only to
 * those the reviews module shows a round's results (its organisers and supervisors): a unit admin reads
 * the advancing list on the public 公示 page, not the ranks and scores of every entry.
 */
export async function contestFor(
  deps: AppDeps,
  actor: Actor,
  campaign: {
    id: string;
    organiser_org_id: string;
    organiser_org_path: string;
    settings: CampaignSettings;
  },
  path: string,
): Promise<{ rounds: DashboardRound[]; results: DashboardResult[] }> {
  const rows = await roundProgressUnder(deps.db, campaign.id, path);
  const stageNames = new Map(campaign.settings.stages.map((s) => [s.key, s.name]));
  const scopes = new Map(
    (await orgNames(deps.db, [...new Set(rows.map((r) => r.scope_org_id))])).map((o) => [o.id, o.name]),
  );
  const title = (r: (typeof rows)[number]) => {
    const stage = stageNames.get(r.stage_key) ?? r.stage_key;
    return r.scope_org_id === campaign.organiser_org_id
      ? stage
      : `${stage}（${scopes.get(r.scope_org_id) ?? ''}）`;
  };
  const rounds = rows
    .filter((r) => r.entryIds.length > 0)
    .map((r) => ({
      id: r.id,
      title: title(r),
      entries: r.entryIds.length,
      assigned: r.assigned,
      submitted: r.submitted,
      status: r.state,
      statusLabel: roundStateLabels[r.state],
    }));
  const results: DashboardResult[] = [];
  for (const r of rows) {
    if (!RESULT_STATES.includes(r.state) || r.entryIds.length === 0) continue;
    const access = { organiserOrgPath: campaign.organiser_org_path, scopeOrgPath: r.scope_org_path };
    if (!canSeeResults(actor, access)) continue;
    const mine = new Set(r.entryIds);
    const ranking = await finalRanking(deps, deps.db, r.id);
    results.push({
      roundId: r.id,
      roundTitle: title(r),
      items: ranking.items
        .filter((i) => mine.has(i.entryId) && i.rank !== null)
        .map((i) => ({
          rank: i.rank!,
          title: i.title,
          speakerName: i.speakerName,
          unitName: i.unitName,
          score: i.score === null ? null : Number(i.score),
        })),
    });
  }
  return { rounds, results };
}
