import { beijingDate, formatCampaignDate, shiftCampaignDays } from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import { conflict } from '../../lib/errors.ts';
import { audit, type AuditWho } from '../audit/service.ts';
import { loadManaged } from './loading.ts';
import * as repo from './repository.ts';
import { parseSettings } from './settings.ts';
import { stageNames } from './warnings.ts';

/**
 * 整体顺延 / 提前 N 天: every date of a campaign (season, stages, submission deadlines) moves by the
 * same number of days, so the stages keep their order and lengths.
 *
 * A draft may move freely. A published campaign may move only while none of its stages has ended and
 * none would end before today after the move: entries may already be in, and a finished stage's dates
 * are the record of when its window closed (late or on time was judged against them), so moving them
 * would rewrite history or shut a window retroactively. Such a campaign changes stage by stage in the
 * editor instead. A closed campaign does not change at all.
 */
export async function shiftCampaignDates(
  { db, clock }: AppDeps,
  actor: Actor,
  id: string,
  input: { days: number; updatedAt?: string },
  who: AuditWho,
) {
  await db.transaction().execute(async (tx) => {
    const { row } = await loadManaged(tx, actor, id);
    if (row.status === 'closed') throw conflict('活动已结束，不能再调整日期');
    if (input.updatedAt && new Date(input.updatedAt).getTime() !== row.updated_at.getTime())
      throw conflict('活动设置已被他人修改，请刷新页面后再调整');
    const today = beijingDate(clock.now());
    const settings = parseSettings(shiftCampaignDays(row.settings, input.days));
    if (row.status === 'published') {
      const ended = row.settings.stages.filter((s) => s.endsOn < today);
      if (ended.length > 0)
        throw conflict(
          `${stageNames(ended)}阶段已结束，已发布的活动不能整体移动日期；请在「编辑」中逐个修改未结束阶段的日期`,
        );
      const wouldEnd = settings.stages.filter((s) => s.endsOn < today);
      if (wouldEnd.length > 0)
        throw conflict(
          `提前 ${-input.days} 天后，${stageNames(wouldEnd)}阶段将在今天（${formatCampaignDate(today)}）之前结束；已发布的活动不能这样提前`,
        );
    }
    await repo.updateSettings(tx, id, settings, clock.now());
    await audit(tx, who, {
      action: 'campaign.dates_shifted',
      entityType: 'campaign',
      entityId: id,
      orgPath: row.organiser_org_path,
      before: { status: row.status, startsOn: row.settings.startsOn, endsOn: row.settings.endsOn },
      after: { status: row.status, startsOn: settings.startsOn, endsOn: settings.endsOn, days: input.days },
    });
  });
}
