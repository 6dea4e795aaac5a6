import type { CampaignStage } from './campaign-schema.ts';

/**
 * Dates written in a stage's description (「9月15日前报送」「10月中下旬举行决赛」) against the
 * stage's configured dates. Presets write their descriptions from the configured dates, but an
 * organiser may move a date afterwards (or shift the whole campaign), and the text then still says the
 * old day: every disagreement is reported so the description can be corrected.
 *
 * Understood: 「9月15日」「9月15号」(a day: must be the stage's start, end or deadline) and 「10月」
 * 「10月中下旬」「10月底」 (a part of a month: must overlap the stage). Years are not written in the
 * notices' descriptions, so only month and day are compared.
 */

/** The dates a preset description may name: replaced with 「9月15日」 when the preset is built. */
export type StageDatePlaceholder = '{start}' | '{end}' | '{deadline}';

/** 2026-09-15 → 9月15日 (the way the notices write a day inside a sentence). */
export function formatMonthDay(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** Fills {start} {end} {deadline} from the stage's own dates. */
export function fillStageDatePlaceholders(
  description: string,
  stage: Pick<CampaignStage, 'startsOn' | 'endsOn' | 'submissionDeadline'>,
): string {
  return description
    .replaceAll('{start}', formatMonthDay(stage.startsOn))
    .replaceAll('{end}', formatMonthDay(stage.endsOn))
    .replaceAll('{deadline}', formatMonthDay(stage.submissionDeadline ?? stage.endsOn));
}

/** Day ranges of the parts of a month (end 31 = to the month's last day). */
const PARTS: Record<string, [number, number]> = {
  上旬: [1, 10],
  中旬: [11, 20],
  下旬: [21, 31],
  上中旬: [1, 20],
  中下旬: [11, 31],
  初: [1, 10],
  底: [21, 31],
  末: [21, 31],
};

const MENTION = /(\d{1,2})月(?:(\d{1,2})[日号]|(上中旬|中下旬|上旬|中旬|下旬|初|底|末))?/g;

export interface DescriptionDateIssue {
  stageKey: string;
  stageName: string;
  /** The words found in the description, e.g. 「9月15日」. */
  mention: string;
  message: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Does the month part [from, to] (days) of some year of the stage overlap the stage's range? */
function overlaps(
  stage: Pick<CampaignStage, 'startsOn' | 'endsOn'>,
  month: number,
  from: number,
  to: number,
) {
  const firstYear = Number(stage.startsOn.slice(0, 4));
  const lastYear = Number(stage.endsOn.slice(0, 4));
  for (let y = firstYear; y <= lastYear; y++) {
    const start = `${y}-${pad(month)}-${pad(from)}`;
    const end = `${y}-${pad(month)}-${pad(to)}`;
    if (start <= stage.endsOn && end >= stage.startsOn) return true;
  }
  return false;
}

function configured(stage: CampaignStage, format: (date: string) => string): string {
  const range = `${format(stage.startsOn)}至${format(stage.endsOn)}`;
  return stage.submissionDeadline ? `${range}，报送截止${format(stage.submissionDeadline)}` : range;
}

/** Every date mentioned in a stage description that disagrees with the stage's configured dates. */
export function stageDescriptionDateIssues(
  stages: readonly CampaignStage[],
  format: (date: string) => string = formatMonthDay,
): DescriptionDateIssue[] {
  const issues: DescriptionDateIssue[] = [];
  for (const stage of stages) {
    for (const m of stage.description.matchAll(MENTION)) {
      const month = Number(m[1]);
      if (month < 1 || month > 12) continue;
      let agrees: boolean;
      if (m[2]) {
        const md = `${pad(month)}-${pad(Number(m[2]))}`;
        const days = [stage.startsOn, stage.endsOn, stage.submissionDeadline ?? null];
        agrees = days.some((d) => d !== null && d.slice(5) === md);
      } else {
        const [from, to] = m[3] ? PARTS[m[3]]! : [1, 31];
        agrees = overlaps(stage, month, from, to);
      }
      if (!agrees)
        issues.push({
          stageKey: stage.key,
          stageName: stage.name,
          mention: m[0],
          message: `「${stage.name}」的说明写着「${m[0]}」，与该阶段设置的日期（${configured(stage, format)}）不一致，请修改说明或日期`,
        });
    }
  }
  return issues;
}

/**
 * A stage description after its dates moved by `days`: each 「9月15日」 naming one of the stage's
 * configured days (before the move) moves with it. Parts of months (「10月中下旬」) cannot be moved
 * honestly and are left for the organiser; the check above reports them if they no longer fit.
 */
export function shiftDescriptionDates(
  stage: Pick<CampaignStage, 'description' | 'startsOn' | 'endsOn' | 'submissionDeadline'>,
  days: number,
): string {
  const configuredDays = [stage.startsOn, stage.endsOn, stage.submissionDeadline ?? null].filter(
    (d): d is string => d !== null,
  );
  return stage.description.replace(
    /(\d{1,2})月(\d{1,2})([日号])/g,
    (whole, mo: string, d: string, unit: string) => {
      const md = `${pad(Number(mo))}-${pad(Number(d))}`;
      const match = configuredDays.find((c) => c.slice(5) === md);
      if (!match) return whole;
      const moved = new Date(`${match}T00:00:00Z`);
      moved.setUTCDate(moved.getUTCDate() + days);
      return `${moved.getUTCMonth() + 1}月${moved.getUTCDate()}${unit}`;
    },
  );
}
