import {
  beijingDate,
  isContestStage,
  type CampaignStage,
  type CampaignStatus,
  type CampaignTimelineItem,
  type StageState,
} from '@jiangtai/contracts';

/**
 * Where each stage stands on a given instant, by Beijing calendar days: a stage is current from the
 * start of its first day to the end of its last day (Asia/Shanghai). A closed campaign is over, so all
 * its stages are done whatever their dates say.
 */
export function stageState(stage: Pick<CampaignStage, 'startsOn' | 'endsOn'>, today: string): StageState {
  if (today < stage.startsOn) return 'upcoming';
  if (today > stage.endsOn) return 'done';
  return 'current';
}

export function campaignTimeline(
  stages: readonly CampaignStage[],
  now: Date,
  status: CampaignStatus = 'published',
): CampaignTimelineItem[] {
  const today = beijingDate(now);
  return stages.map((stage) => ({
    key: stage.key,
    name: stage.name,
    kind: stage.kind,
    startsOn: stage.startsOn,
    endsOn: stage.endsOn,
    submissionDeadline: stage.submissionDeadline ?? null,
    state: status === 'closed' ? 'done' : stageState(stage, today),
  }));
}

/**
 * The stage to show as "now": of the current stages the one that started last (a season-long
 * 人人上讲台 stage gives way to the contest running inside it); null between or outside stages.
 */
export function currentStage(
  timeline: readonly CampaignTimelineItem[],
): { key: string; name: string } | null {
  let found: CampaignTimelineItem | null = null;
  for (const item of timeline)
    if (item.state === 'current' && (!found || item.startsOn >= found.startsOn)) found = item;
  return found ? { key: found.key, name: found.name } : null;
}

/**
 * Contest stages (where entries are submitted or judged) whose last day is before `today`: publishing
 * such a campaign opens stages nobody can take part in any more, so it asks first.
 */
export function pastContestStages(stages: readonly CampaignStage[], today: string): CampaignStage[] {
  return stages.filter((s) => isContestStage(s.kind) && s.endsOn < today);
}
