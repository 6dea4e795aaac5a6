import { lectureOccasionLabels, type LectureOccasion } from '@jiangtai/contracts';
import { invalid } from '../../lib/errors.ts';
import type { Db } from '../org/tables.ts';

/**
 * For the lectures module: the plan lines a lecture record of a branch may say it fulfils. Read-only
 * and without authorisation of its own (the caller has already decided the actor may record for the
 * branch). Lines taken out of the plan are not offered.
 */
export interface PlanLineOption {
  id: string;
  month: string;
  topic: string;
  categoryKey: string;
  occasion: LectureOccasion;
  speakerMemberId: string | null;
  speakerName: string;
  /** 「2026-07 · 主题党日 · 学习身边的榜样（王书记）」 */
  label: string;
}

export async function planLinesForBranch(
  db: Db,
  campaignId: string,
  orgId: string,
): Promise<PlanLineOption[]> {
  const rows = await db
    .selectFrom('lecture_plan_lines as l')
    .innerJoin('lecture_plans as p', 'p.id', 'l.plan_id')
    .leftJoin('members as m', 'm.id', 'l.speaker_member_id')
    .select([
      'l.id',
      'l.month',
      'l.topic',
      'l.category_key',
      'l.occasion',
      'l.speaker_member_id',
      'l.guest_speaker_name',
      'm.name as member_name',
    ])
    .where('p.campaign_id', '=', campaignId)
    .where('p.org_id', '=', orgId)
    .where('l.removed_at', 'is', null)
    .orderBy('l.sort_order')
    .orderBy('l.id')
    .execute();
  return rows.map((r) => {
    const speakerName = r.guest_speaker_name ?? r.member_name ?? '';
    return {
      id: r.id,
      month: r.month,
      topic: r.topic,
      categoryKey: r.category_key,
      occasion: r.occasion,
      speakerMemberId: r.speaker_member_id,
      speakerName,
      label: `${r.month} · ${lectureOccasionLabels[r.occasion]} · ${r.topic}（${speakerName}）`,
    };
  });
}

/**
 * Refuses (400, Chinese message) a plan line that is not in this branch's plan for this campaign, or
 * was taken out of it. `allowRemoved`: a record that already links a line taken out later keeps it.
 */
export async function assertPlanLineOfBranch(
  db: Db,
  lineId: string,
  of: { campaignId: string; orgId: string },
  opts: { allowRemoved?: boolean } = {},
): Promise<void> {
  const row = await db
    .selectFrom('lecture_plan_lines as l')
    .innerJoin('lecture_plans as p', 'p.id', 'l.plan_id')
    .select(['l.removed_at'])
    .where('l.id', '=', lineId)
    .where('p.campaign_id', '=', of.campaignId)
    .where('p.org_id', '=', of.orgId)
    .executeTakeFirst();
  if (!row) throw invalid('所选的计划条目不属于本支部在本活动中的宣讲计划');
  if (row.removed_at && !opts.allowRemoved) throw invalid('所选的计划条目已从宣讲计划中删除，请重新选择');
}

/**
 * The branch and campaign of a plan line still in its plan (for the lectures module's check that a
 * record names a line of its own branch's plan); null when there is none or it was taken out.
 */
export async function findPlanLine(
  db: Db,
  lineId: string,
): Promise<{ orgId: string; campaignId: string } | null> {
  const row = await db
    .selectFrom('lecture_plan_lines as l')
    .innerJoin('lecture_plans as p', 'p.id', 'l.plan_id')
    .select(['p.org_id as orgId', 'p.campaign_id as campaignId'])
    .where('l.id', '=', lineId)
    .where('l.removed_at', 'is', null)
    .executeTakeFirst();
  return row ?? null;
}
