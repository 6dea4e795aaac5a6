import {
  campaignStatusLabels,
  formatCampaignDate,
  stageDescriptionDateIssues,
  type CampaignStage,
  type CampaignWarning,
} from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import type { Actor } from '../../lib/actor.ts';
import { access, participatingPaths } from './loading.ts';
import * as policy from './policy.ts';
import * as repo from './repository.ts';
import type { CampaignRow } from './repository.ts';
import { pastContestStages } from './timeline.ts';

type Db = AppDeps['db'];

/** 「初赛」「复赛」 */
export const stageNames = (stages: readonly { name: string }[]) =>
  stages.map((s) => `「${s.name}」`).join('');

/**
 * What a manager should look at before it bites, none of it blocking: a name another campaign they can
 * see already has (two 「2026年微宣讲」 in one list are easily mixed up), description dates that disagree
 * with the configured ones, and a draft whose contest stages are already over.
 */
export async function campaignWarnings(
  db: Db,
  actor: Actor,
  row: CampaignRow,
  today: string,
): Promise<CampaignWarning[]> {
  const warnings: CampaignWarning[] = [];
  const same = await repo.findSameTitle(db, row.title, row.id);
  const scopes = await participatingPaths(db, same);
  const visible = same.filter((other, i) => policy.canView(actor, access(other, scopes[i]!.paths)));
  if (visible.length > 0)
    warnings.push({
      code: 'duplicate_title',
      path: 'title',
      message: `已有同名活动：${visible
        .slice(0, 3)
        .map((o) => `「${o.title}」（${o.organiser_org_name}，${campaignStatusLabels[o.status]}）`)
        .join('、')}${visible.length > 3 ? ` 等 ${visible.length} 个` : ''}，容易混淆，建议改名`,
    });
  const stages = row.settings.stages;
  for (const issue of stageDescriptionDateIssues(stages, formatCampaignDate))
    warnings.push({
      code: 'description_date',
      path: `stages.${stages.findIndex((s) => s.key === issue.stageKey)}.description`,
      message: issue.message,
    });
  if (row.status === 'draft') {
    const past = pastContestStages(stages, today);
    if (past.length > 0)
      warnings.push({
        code: 'stage_past',
        path: `stages.${stages.indexOf(past[0]!)}.endsOn`,
        message: `${stageNames(past)}阶段已结束（今天是${formatCampaignDate(today)}），请在「编辑」中修改，或用「调整日期」把全部日期整体顺延`,
      });
  }
  return warnings;
}

/** Publishing a season whose contest stages are over is almost always a forgotten date: ask first. */
export const pastStagesRefusal = (past: readonly CampaignStage[]) =>
  new AppError(
    'STAGE_PAST',
    `${stageNames(past)}阶段已结束（${past.map((st) => `${st.name}${formatCampaignDate(st.endsOn)}结束`).join('，')}），发布后这些阶段无法再报送或评审。请先修改日期（可用「调整日期」整体顺延），或确认仍要发布`,
    { stages: past.map((st) => ({ key: st.key, name: st.name, endsOn: st.endsOn })) },
  );
