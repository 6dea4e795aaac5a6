import type { z } from 'zod';
import { campaignSettingsObjectSchema } from './campaign-schema.ts';
import { checkCampaignSettings } from './campaign-rules.ts';
import { settingsErrorMap } from './campaign-paths.ts';
import { shiftDateDays, shiftDateYears } from './campaign-dates.ts';
import { shiftDescriptionDates } from './campaign-description-dates.ts';
import type { CampaignPresetKey, CampaignStatus, StageKind, StageState } from './campaign-labels.ts';

export * from './campaign-labels.ts';
export * from './campaign-dates.ts';
export * from './campaign-schema.ts';
export * from './campaign-description-dates.ts';
export { checkCampaignSettings, type ReportIssue, type SettingsPath } from './campaign-rules.ts';
export { describeSettingsPath, settingsErrorMap } from './campaign-paths.ts';

/**
 * A whole campaign as data (活动设置): what, who, when, which materials in which format, the stages
 * with their deadlines and quotas, each round's rubric and rules, and the awards. Both seed notices
 * are expressed in it (server presets), and every save is checked against it.
 */
export const campaignSettingsSchema = campaignSettingsObjectSchema.superRefine((settings, ctx) =>
  checkCampaignSettings(settings, (path, message) => ctx.addIssue({ code: 'custom', path, message })),
);
export type CampaignSettings = z.infer<typeof campaignSettingsSchema>;

/** One problem with submitted settings: 'stages.2.endsOn' and a Chinese message naming the field. */
export interface SettingsIssue {
  path: string;
  message: string;
}

export type SettingsValidation =
  { success: true; data: CampaignSettings } | { success: false; issues: SettingsIssue[] };

/** Checks settings and words every problem in Chinese, with a dotted path a form can put beside the field. */
export function validateCampaignSettings(input: unknown): SettingsValidation {
  const result = campaignSettingsSchema.safeParse(input, { error: settingsErrorMap });
  if (result.success) return { success: true, data: result.data };
  return {
    success: false,
    issues: result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
  };
}

/** Every date of the settings passed through `shift` (campaign, stages, submission deadlines). */
function mapCampaignDates(settings: CampaignSettings, shift: (date: string) => string): CampaignSettings {
  return {
    ...settings,
    startsOn: shift(settings.startsOn),
    endsOn: shift(settings.endsOn),
    stages: settings.stages.map((stage) => ({
      ...stage,
      startsOn: shift(stage.startsOn),
      endsOn: shift(stage.endsOn),
      ...(stage.submissionDeadline ? { submissionDeadline: shift(stage.submissionDeadline) } : {}),
    })),
    ...(settings.lecturePlan?.dueOn
      ? { lecturePlan: { ...settings.lecturePlan, dueOn: shift(settings.lecturePlan.dueOn) } }
      : {}),
  };
}

/** Every date of the settings moved by whole years ("new campaign from last year's"). */
export function shiftCampaignYears(settings: CampaignSettings, years: number): CampaignSettings {
  return years === 0 ? settings : mapCampaignDates(settings, (d) => shiftDateYears(d, years));
}

/**
 * Every date of the settings moved by whole days, keeping the season's shape; a day named in a stage
 * description (「9月15日前」) that was one of the stage's dates moves with it.
 */
export function shiftCampaignDays(settings: CampaignSettings, days: number): CampaignSettings {
  if (days === 0) return settings;
  const moved = mapCampaignDates(settings, (d) => shiftDateDays(d, days));
  return {
    ...moved,
    stages: moved.stages.map((stage, i) => ({
      ...stage,
      description: shiftDescriptionDates(settings.stages[i]!, days),
    })),
  };
}

/** GET /api/campaign-presets item. */
export interface CampaignPresetSummary {
  key: CampaignPresetKey;
  title: string;
  summary: string;
  /** The year of the source notice; presets are created for the current year unless told otherwise. */
  seedYear: number;
  source: string;
}

export interface CampaignTimelineItem {
  key: string;
  name: string;
  kind: StageKind;
  startsOn: string;
  endsOn: string;
  submissionDeadline: string | null;
  state: StageState;
}

/** GET /api/campaigns item. */
export interface CampaignListItem {
  id: string;
  title: string;
  theme: string;
  status: CampaignStatus;
  organiserOrgId: string;
  organiserOrgName: string;
  presetKey: CampaignPresetKey | null;
  currentStage: { key: string; name: string } | null;
  startsOn: string;
  endsOn: string;
  canEdit: boolean;
}

/** GET /api/campaigns/:id and every call that changes a campaign. */
export interface CampaignDetail {
  id: string;
  title: string;
  status: CampaignStatus;
  organiserOrgId: string;
  organiserOrgName: string;
  presetKey: CampaignPresetKey | null;
  copiedFromId: string | null;
  settings: CampaignSettings;
  /** The named participating orgs (empty = the organiser's whole subtree). */
  participatingOrgs: { id: string; name: string }[];
  timeline: CampaignTimelineItem[];
  canEdit: boolean;
  createdAt: string;
  /** Send back with PUT to refuse overwriting someone else's newer edit. */
  updatedAt: string;
  /** Things a manager should look at, none of them blocking (empty for those who cannot edit). */
  warnings: CampaignWarning[];
}

/**
 * duplicate_title: another campaign the organiser can see has the same name; description_date: a stage
 * description names a date its configured dates disagree with; stage_past: a draft's contest stage has
 * already ended (publishing asks first).
 */
export type CampaignWarningCode = 'duplicate_title' | 'description_date' | 'stage_past';

export interface CampaignWarning {
  code: CampaignWarningCode;
  message: string;
  /** The settings field to fix, e.g. 'stages.2.description' ('title' for a duplicate name). */
  path: string;
}

/** POST /api/campaigns/:id/shift-dates body: every date moves by `days` (negative = earlier). */
export const SHIFT_DAYS_LIMIT = 366;
