import { isDeepStrictEqual } from 'node:util';
import {
  shiftCampaignYears,
  validateCampaignSettings,
  type CampaignSettings,
  type SettingsIssue,
} from '@jiangtai/contracts';
import { AppError } from '../../lib/errors.ts';

/** 422 INVALID_SETTINGS: every issue for the form, the first one as the message. */
export function invalidSettings(issues: SettingsIssue[]): AppError {
  const first = issues[0];
  return new AppError('INVALID_SETTINGS', first ? first.message : '活动设置有误', { issues });
}

/** Validates settings as a whole; every problem comes back at once as 422 INVALID_SETTINGS. */
export function parseSettings(input: unknown): CampaignSettings {
  const result = validateCampaignSettings(input);
  if (!result.success) throw invalidSettings(result.issues);
  return result.data;
}

/** "2020年…" in a copied title moves with the dates. */
function copyTitle(title: string, shiftYears: number): string {
  const shifted = shiftYears
    ? title.replace(/(19|20)\d{2}(?=年)/g, (y) => String(Number(y) + shiftYears))
    : title;
  return `${shifted}（副本）`.slice(0, 100);
}

/** JSON as stored: no undefined members (jsonb also reorders keys, which isDeepStrictEqual ignores). */
const asStored = (value: unknown): unknown =>
  value === undefined ? null : JSON.parse(JSON.stringify(value));

/** Only the top-level settings that changed, for a readable audit row. */
export function changedParts(before: CampaignSettings, after: CampaignSettings) {
  const keys = (Object.keys({ ...before, ...after }) as (keyof CampaignSettings)[]).filter(
    (k) => !isDeepStrictEqual(asStored(before[k]), asStored(after[k])),
  );
  return {
    before: Object.fromEntries(keys.map((k) => [k, before[k] ?? null])),
    after: Object.fromEntries(keys.map((k) => [k, after[k] ?? null])),
  };
}

/** A copy of a campaign's settings ("new campaign from last year's"), dates moved by whole years. */
export function copiedSettings(
  source: CampaignSettings,
  opts: { shiftYears?: number; title?: string },
): CampaignSettings {
  const shifted = shiftCampaignYears(source, opts.shiftYears ?? 0);
  return { ...shifted, title: opts.title ?? copyTitle(source.title, opts.shiftYears ?? 0) };
}
