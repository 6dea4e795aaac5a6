import type { Transaction } from 'kysely';
import {
  beijingDate,
  daysBetween,
  isContestStage,
  shiftCampaignDays,
  shiftDateDays,
  validateCampaignSettings,
  type CampaignPresetKey,
  type CampaignSettings,
} from '@jiangtai/contracts';
import type { DB } from '../../db/types.ts';
import { buildPresetSettings } from '../campaigns/presets.ts';
import { insertCampaign } from '../campaigns/repository.ts';
import type { OrgTag } from './city-plan.ts';

interface OrgRef {
  id: string;
  path: string;
  tag?: OrgTag;
}

/** How long the demo's first contest stage has been running on the day the demo is created. */
const DAYS_INTO_FIRST_ROUND = 7;

/**
 * The preset's season moved so that its first contest stage (初赛) started a week ago: whenever the
 * demo is created, a stage is current on the timeline and entries can be made, instead of showing a
 * season that ended months ago or starts next summer.
 */
export function demoSeason(settings: CampaignSettings, today: string): CampaignSettings {
  const first = settings.stages.find((s) => isContestStage(s.kind));
  if (!first) return settings;
  return shiftCampaignDays(
    settings,
    daysBetween(first.startsOn, shiftDateDays(today, -DAYS_INTO_FIRST_ROUND)),
  );
}

/**
 * The two notices as this season's published campaigns, so every demo role has something to do:
 * 岳阳-style (branch secretaries, 市直机关工委) and 焦作-style (every member, the whole city).
 * Inserted directly: the seed is trusted, but the settings still pass the same validation as the API.
 */
export async function seedDemoCampaigns(
  tx: Transaction<DB>,
  { orgs, organiserUserId, now }: { orgs: OrgRef[]; organiserUserId: string | null; now: Date },
): Promise<number> {
  const today = beijingDate(now);
  const year = Number(today.slice(0, 4));
  const plan: { preset: CampaignPresetKey; organiser: OrgTag }[] = [
    { preset: 'yueyang', organiser: 'organs' },
    { preset: 'jiaozuo', organiser: 'root' },
  ];
  for (const { preset, organiser } of plan) {
    const org = orgs.find((o) => o.tag === organiser);
    if (!org) throw new Error(`演示数据：缺少组织 ${organiser}`);
    const checked = validateCampaignSettings(demoSeason(buildPresetSettings(preset, { year }), today));
    if (!checked.success) {
      throw new Error(
        `演示活动 ${preset} 的设置无效：${checked.issues.map((i) => `${i.path} ${i.message}`).join('；')}`,
      );
    }
    await insertCampaign(tx, {
      settings: checked.data,
      organiserOrgId: org.id,
      organiserOrgPath: org.path,
      status: 'published',
      presetKey: preset,
      copiedFromId: null,
      createdBy: organiserUserId,
      now,
    });
  }
  return plan.length;
}
