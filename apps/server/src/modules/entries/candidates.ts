import type { EntryCandidate } from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import { scopePrefixes, type Actor } from '../../lib/actor.ts';
import { forbidden } from '../../lib/errors.ts';
import * as policy from './policy.ts';
import { listMembers } from '../org/member-repository.ts';
import { liveEntriesOf } from './candidates-repository.ts';
import { checkEligibility, entryStage, resolveUnit } from './rules.ts';
import type { EntryService } from './service.ts';

const LIMIT = 20;

/**
 * The member picker of 代为报送: members the caller administers, inside the campaign, each marked
 * with the reason 创建作品 would refuse them (the same rule functions), eligible ones first, by name.
 */
export function entryCandidates(deps: AppDeps, entries: EntryService) {
  const { db } = deps;

  return async function candidates(
    actor: Actor,
    campaignId: string,
    q: { stageKey: string; q?: string },
  ): Promise<{ items: EntryCandidate[] }> {
    const { campaign, participating } = await entries.loadCampaign(db, campaignId);
    const prefixes = scopePrefixes(actor, policy.UNIT_ROLES);
    if (prefixes.length === 0) throw forbidden('只有单位管理员可以为党员代为报送作品');
    const paths = participating.length ? participating.map((o) => o.path) : [campaign.organiser_org_path];
    policy.assertMayListCampaign(actor, campaign.organiser_org_path, paths);
    const stage = entryStage(campaign.settings.stages, q.stageKey);
    // The members list's own search (name, or phone for digits), active members only.
    const { rows } = await listMembers(db, {
      prefixes,
      q: q.q,
      includeInactive: false,
      page: 1,
      pageSize: LIMIT * 2,
    });
    const organiser = { id: campaign.organiser_org_id, path: campaign.organiser_org_path };
    // Only those create would take from this caller: inside the campaign, in a unit they administer.
    const offered = rows.filter((m) => {
      const unit = resolveUnit(m.org_path, { organiser, participating, runBy: stage.runBy });
      return unit !== null && policy.canAdministerUnit(actor, unit.path);
    });
    const live = new Map(
      (
        await liveEntriesOf(
          db,
          campaignId,
          stage.key,
          offered.map((m) => m.id),
        )
      ).map((e) => [e.member_id, e.title]),
    );
    const items = offered.map((m): EntryCandidate => {
      const problem = checkEligibility(campaign.settings.eligibility, {
        name: m.name,
        partyStatus: m.party_status,
        positions: m.positions,
        active: m.active,
      });
      const existing = live.get(m.id);
      const mark = problem?.mark ?? (existing !== undefined ? `已有作品「${existing}」` : null);
      return { id: m.id, name: m.name, orgName: m.org_name, positions: m.positions, eligible: !mark, mark };
    });
    items.sort((a, b) => Number(b.eligible) - Number(a.eligible) || a.name.localeCompare(b.name, 'zh-CN'));
    return { items: items.slice(0, LIMIT) };
  };
}
