import { beijingDate, type CampaignSettings, type LectureRecordFields } from '@jiangtai/contracts';
import type { Clock } from '../../lib/clock.ts';
import { invalid, type FieldIssue } from '../../lib/errors.ts';
import { participatingPaths } from '../campaigns/loading.ts';
import * as files from './files-repository.ts';
import { planLineProblems, type PlanLineLookup } from './plan-lines.ts';
import * as repo from './repository.ts';
import type { Db } from './repository.ts';
import * as rules from './rules.ts';

interface Target {
  recordId: string | null;
  /** The plan line the record links now: kept on an edit even if the plan took it out since. */
  currentPlanLineId?: string | null;
  branch: { id: string; path: string };
  campaign: {
    id: string;
    title: string;
    status: 'draft' | 'published' | 'closed';
    organiser_org_path: string;
    settings: CampaignSettings;
  };
}

/**
 * Loads the facts a record's fields are checked against (the campaign, the branch's active members,
 * the files named) and runs the rules. Throws a 400 naming every problem; returns the facts on success.
 * A correction skips the campaign-state check (a confirmed record of a closed campaign may be corrected).
 */
export async function assertValidRecord(
  db: Db,
  deps: { clock: Clock; planLines: PlanLineLookup; actorUserId: string },
  t: Target,
  f: LectureRecordFields,
  opts: { correction?: boolean } = {},
) {
  const s = t.campaign.settings;
  const [scope] = await participatingPaths(db, [t.campaign]);
  const facts: rules.CampaignFacts = {
    title: t.campaign.title,
    status: t.campaign.status,
    startsOn: s.startsOn,
    endsOn: s.endsOn,
    categories: s.categories,
    branchTakesPart: scope!.paths.some((p) => t.branch.path.startsWith(p)),
  };
  const members = await repo.activeMembers(db, t.branch.id);
  const branch: rules.BranchFacts = { activeMemberIds: new Set(members.map((m) => m.id)) };
  const named = await files.findFiles(db, f.fileIds);
  const fileFacts = named.map((row) => ({
    id: row.id,
    kind: row.kind,
    usable:
      row.removed_at === null &&
      (t.recordId !== null && row.record_id === t.recordId
        ? true
        : row.record_id === null && row.org_id === t.branch.id && row.uploaded_by === deps.actorUserId),
  }));
  const issues: FieldIssue[] = [
    ...(opts.correction ? [] : rules.campaignProblems(facts)),
    ...rules.dateProblems(f.heldOn, facts, beijingDate(deps.clock.now())),
    ...rules.categoryProblems(f.categoryKey, facts),
    ...rules.speakerProblems(f.speaker, branch),
    ...rules.attendanceProblems(f, branch),
    ...rules.fileProblems(f.fileIds, fileFacts),
    ...(f.planLineId !== null && f.planLineId === t.currentPlanLineId
      ? []
      : await planLineProblems(deps.planLines, db, f.planLineId, {
          orgId: t.branch.id,
          campaignId: t.campaign.id,
        })),
  ];
  if (issues.length) throw invalid(issues[0]!.message, issues);
  return { members };
}
