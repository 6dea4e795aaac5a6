import type { CampaignStage } from './campaign-schema.ts';
import { formatCampaignDate as day, formatSeconds, isCalendarDate } from './campaign-dates.ts';
import { isContestStage, stageKindLabels } from './campaign-labels.ts';
import { partyStatusLabels } from './org.ts';

import {
  duplicates,
  type CheckedSettings as Settings,
  type ReportIssue,
  type SettingsPath,
} from './campaign-check-util.ts';
import { checkAwards, checkRubricsAndRules } from './campaign-round-rules.ts';

export type { ReportIssue, SettingsPath };

const stageLabel = (s: CampaignStage, i: number) => `第 ${i + 1} 个阶段${s.name ? `「${s.name}」` : ''}`;

/**
 * Cross-field rules of a campaign's settings. Runs after the field shapes are checked (values can
 * still break a non-structural limit, so every comparison guards what it reads).
 */
export function checkCampaignSettings(s: Settings, report: ReportIssue) {
  if (isCalendarDate(s.startsOn) && isCalendarDate(s.endsOn) && s.endsOn < s.startsOn) {
    report(['endsOn'], `活动结束日期（${day(s.endsOn)}）早于开始日期（${day(s.startsOn)}）`);
  }
  duplicates(
    s.participatingOrgIds,
    (id) => id,
    (i) => report(['participatingOrgIds', i], `参与组织（编号 ${s.participatingOrgIds[i]}）重复`),
  );
  duplicates(
    s.categories,
    (c) => c.key,
    (i, j) => report(['categories', i, 'key'], `类别编码「${s.categories[i]!.key}」与第 ${j + 1} 个类别重复`),
  );
  duplicates(
    s.categories,
    (c) => c.name,
    (i, j) =>
      report(['categories', i, 'name'], `类别名称「${s.categories[i]!.name}」与第 ${j + 1} 个类别重复`),
  );
  duplicates(
    s.eligibility.positions,
    (p) => p,
    (i) => report(['eligibility', 'positions', i], `职务「${s.eligibility.positions[i]}」重复`),
  );
  duplicates(
    s.eligibility.partyStatuses,
    (p) => p,
    (i) =>
      report(
        ['eligibility', 'partyStatuses', i],
        `党员身份「${partyStatusLabels[s.eligibility.partyStatuses[i]!]}」重复`,
      ),
  );
  checkDuration(s, report);
  checkStages(s, report);
  checkRubricsAndRules(s, report);
  checkAwards(s, report);
  checkLecturePlan(s, report);
}

/** A plan's due date lies within the campaign's dates. */
function checkLecturePlan(s: Settings, report: ReportIssue) {
  const due = s.lecturePlan?.dueOn;
  if (!due || !isCalendarDate(due)) return;
  if (isCalendarDate(s.startsOn) && due < s.startsOn)
    report(['lecturePlan', 'dueOn'], `宣讲计划截止日期（${day(due)}）早于活动开始日期（${day(s.startsOn)}）`);
  else if (isCalendarDate(s.endsOn) && due > s.endsOn)
    report(['lecturePlan', 'dueOn'], `宣讲计划截止日期（${day(due)}）晚于活动结束日期（${day(s.endsOn)}）`);
}

function checkDuration(s: Settings, report: ReportIssue) {
  const d = s.mediaSpec.duration;
  const at = (field: string): SettingsPath => ['mediaSpec', 'duration', field];
  if (d.softMinSeconds > d.softMaxSeconds) {
    report(
      at('softMinSeconds'),
      `建议时长下限（${formatSeconds(d.softMinSeconds)}）大于上限（${formatSeconds(d.softMaxSeconds)}）`,
    );
  } else if (d.targetSeconds < d.softMinSeconds || d.targetSeconds > d.softMaxSeconds) {
    report(
      at('targetSeconds'),
      `目标时长 ${formatSeconds(d.targetSeconds)} 不在建议时长 ${formatSeconds(d.softMinSeconds)}–${formatSeconds(d.softMaxSeconds)} 之内`,
    );
  }
  if (d.hardMaxSeconds < d.softMaxSeconds) {
    report(
      at('hardMaxSeconds'),
      `时长上限 ${formatSeconds(d.hardMaxSeconds)} 低于建议时长上限 ${formatSeconds(d.softMaxSeconds)}`,
    );
  }
}

function checkStages(s: Settings, report: ReportIssue) {
  const windowOk = isCalendarDate(s.startsOn) && isCalendarDate(s.endsOn);
  duplicates(
    s.stages,
    (st) => st.key,
    (i, j) => report(['stages', i, 'key'], `阶段编码「${s.stages[i]!.key}」与第 ${j + 1} 个阶段重复`),
  );
  let previous: CampaignStage | undefined;
  let previousRound: CampaignStage | undefined;
  s.stages.forEach((stage, i) => {
    const label = stageLabel(stage, i);
    const at = (field: string): SettingsPath => ['stages', i, field];
    const startOk = isCalendarDate(stage.startsOn);
    const endOk = isCalendarDate(stage.endsOn);
    if (startOk && endOk && stage.endsOn < stage.startsOn) {
      report(
        at('endsOn'),
        `${label}的结束日期（${day(stage.endsOn)}）早于开始日期（${day(stage.startsOn)}）`,
      );
    } else if (windowOk && endOk && stage.endsOn > s.endsOn) {
      report(at('endsOn'), `${label}的结束日期（${day(stage.endsOn)}）晚于活动结束日期（${day(s.endsOn)}）`);
    }
    // One message per start date: the window first, then the order of stages, then the order of rounds.
    if (windowOk && startOk && stage.startsOn < s.startsOn) {
      report(
        at('startsOn'),
        `${label}的开始日期（${day(stage.startsOn)}）早于活动开始日期（${day(s.startsOn)}）`,
      );
    } else if (
      startOk &&
      previous &&
      isCalendarDate(previous.startsOn) &&
      stage.startsOn < previous.startsOn
    ) {
      report(
        at('startsOn'),
        `${label}的开始日期（${day(stage.startsOn)}）早于上一阶段「${previous.name}」的开始日期（${day(previous.startsOn)}），请按时间先后排列阶段`,
      );
    } else if (
      startOk &&
      isContestStage(stage.kind) &&
      previousRound &&
      isCalendarDate(previousRound.endsOn) &&
      stage.startsOn < previousRound.endsOn
    ) {
      report(
        at('startsOn'),
        `${label}的开始日期（${day(stage.startsOn)}）早于上一轮「${previousRound.name}」的结束日期（${day(previousRound.endsOn)}），上一轮结束后才能开始下一轮`,
      );
    }
    const deadline = stage.submissionDeadline;
    if (
      deadline &&
      isCalendarDate(deadline) &&
      startOk &&
      endOk &&
      (deadline < stage.startsOn || deadline > stage.endsOn)
    ) {
      report(
        at('submissionDeadline'),
        `${label}的报送截止日期（${day(deadline)}）不在该阶段的起止日期（${day(stage.startsOn)} 至 ${day(stage.endsOn)}）之内`,
      );
    }
    if (!isContestStage(stage.kind)) {
      const what = `「${stageKindLabels[stage.kind]}」阶段不评审作品`;
      if (stage.quota) report(at('quota'), `${label}是${what}，不能设置推荐名额`);
      if (stage.advanceCount) report(at('advanceCount'), `${label}是${what}，不能设置晋级人数`);
    } else {
      if (stage.quota && stage.quota.min > stage.quota.max) {
        report(
          ['stages', i, 'quota', 'min'],
          `${label}的每单位名额下限 ${stage.quota.min} 大于上限 ${stage.quota.max}`,
        );
      }
      if (
        stage.advanceCount &&
        previousRound?.advanceCount &&
        stage.advanceCount > previousRound.advanceCount
      ) {
        report(
          at('advanceCount'),
          `${label}的晋级人数 ${stage.advanceCount} 多于上一轮「${previousRound.name}」的晋级人数 ${previousRound.advanceCount}`,
        );
      }
      previousRound = stage;
    }
    previous = stage;
  });
}
