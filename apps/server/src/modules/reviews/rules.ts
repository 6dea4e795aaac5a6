import { randomInt } from 'node:crypto';
import {
  checkRoundConfig,
  endOfBeijingDay,
  formatBeijingDate,
  isContestStage,
  type CampaignSettings,
  type CampaignStage,
  type LiveSettings,
  type RoundConfig,
  type RoundState,
  roundStateLabels,
} from '@jiangtai/contracts';
import { AppError, conflict, invalid } from '../../lib/errors.ts';
import { Dec } from './scoring.ts';

/** Round rules that need no database: stages, defaults, codes, states, score validation. */

export function contestStage(settings: CampaignSettings, stageKey: string): CampaignStage {
  const stage = settings.stages.find((s) => s.key === stageKey);
  if (!stage || !isContestStage(stage.kind)) {
    throw invalid('只有初赛、复赛、决赛或评选阶段可以开启评审', [
      { path: 'stageKey', message: '该阶段不评审作品' },
    ]);
  }
  return stage;
}

/** The contest stage just before `stageKey`, whose recommended or advancing entries feed it. */
export function previousContestStage(settings: CampaignSettings, stageKey: string): CampaignStage | null {
  const contests = settings.stages.filter((s) => isContestStage(s.kind));
  const i = contests.findIndex((s) => s.key === stageKey);
  return i > 0 ? contests[i - 1]! : null;
}

export function nextContestStage(settings: CampaignSettings, stageKey: string): CampaignStage | null {
  const contests = settings.stages.filter((s) => isContestStage(s.kind));
  const i = contests.findIndex((s) => s.key === stageKey);
  return i >= 0 && i < contests.length - 1 ? contests[i + 1]! : null;
}

const DEFAULT_CRITERIA: RoundConfig['criteria'] = [
  { key: 'content', name: '宣讲内容', max: 40, description: '主题鲜明，观点正确，内容充实，联系实际' },
  { key: 'delivery', name: '宣讲表达', max: 30, description: '语言生动，表达流畅，感染力强' },
  { key: 'courseware', name: '课件制作', max: 20, description: '课件简洁美观，与宣讲内容配合' },
  { key: 'effect', name: '整体效果', max: 10, description: '时间把握得当，整体效果好' },
];

/**
 * What the setup form starts from: the campaign's rubric and round rules for the stage where it has
 * them; otherwise a plain 100-point rubric. 初赛 reads manuscript + courseware, later rounds the video
 * and the manuscript (as the 岳阳 notice does).
 */
export function defaultRoundConfig(settings: CampaignSettings, stage: CampaignStage): RoundConfig {
  const rubric = settings.rubrics.find((r) => r.stageKey === stage.key);
  const rules = settings.roundRules.find((r) => r.stageKey === stage.key);
  const criteria = rubric?.criteria ?? DEFAULT_CRITERIA;
  const firstRound = previousContestStage(settings, stage.key) === null;
  const judgesPerEntry = rules?.judgesPerEntry ?? 5;
  const drop = judgesPerEntry >= 5 ? 1 : 0;
  return {
    name: `${stage.name}评审`,
    materials:
      firstRound || settings.materials.courseware === 'required'
        ? firstRound
          ? ['manuscript', 'courseware']
          : ['video', 'manuscript', 'courseware']
        : ['video', 'manuscript'],
    blind: true,
    criteria,
    judgesPerEntry,
    dropHighest: rules?.dropHighest ?? drop,
    dropLowest: rules?.dropLowest ?? drop,
    decimals: rules?.decimals ?? 2,
    tieRule: rules?.tieRule ?? { kind: 'untrimmed_mean_then_criterion', criterionKey: criteria[0]!.key },
    deadline: stage.endsOn,
    advancement: stage.quota
      ? { kind: 'unit_quota', count: stage.quota.max }
      : { kind: 'top_n', count: stage.advanceCount ?? 10 },
    noticeWorkingDays: 5,
  };
}

/**
 * What the setup form offers when the organiser runs a 决赛 as a live final: the campaign's time
 * limit and penalty for the stage (岳阳 8 分钟, 焦作 6 分钟), a warning a minute before, judges shown
 * as 评委N, results announced once the supervisor confirmed. Null for other stages.
 */
export function defaultLiveSettings(settings: CampaignSettings, stage: CampaignStage): LiveSettings | null {
  if (stage.kind !== 'final') return null;
  const penalty = settings.roundRules.find((r) => r.stageKey === stage.key)?.timePenalty ?? null;
  return {
    speakingSeconds: penalty?.limitSeconds ?? 480,
    warnSeconds: 60,
    judgeDisplay: 'numbered',
    announce: 'after_confirm',
    timePenalty: penalty,
  };
}

/** Live settings belong to a 决赛 stage only (the evening on stage, scored on the spot). */
export function assertLiveStage(c: RoundConfig, stage: CampaignStage | null) {
  if (c.live && stage && stage.kind !== 'final')
    throw invalid(`现场决赛设置只能用于决赛阶段，「${stage.name}」不是决赛`, [
      { path: 'live', message: '只有决赛阶段可以设置现场决赛' },
    ]);
}

export function assertValidConfig(c: RoundConfig) {
  const issues = checkRoundConfig(c);
  if (issues.length) throw invalid(issues[0]!.message, issues);
}

// Letters and digits that cannot be misread for one another (no 0/O, 1/I/L).
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A random entry code (e.g. K7Q2M9): not sequential, so it says nothing about who entered when. */
export function randomEntryCode(taken: ReadonlySet<string>): string {
  for (;;) {
    let code = '';
    for (let i = 0; i < 6; i += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    if (!taken.has(code)) return code;
  }
}

/** The code in a 公示's public address: 12 characters of the same alphabet (≈ 59 bits). */
export function randomNoticeCode(): string {
  let code = '';
  for (let i = 0; i < 12; i += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

export function assertRoundState(state: RoundState, allowed: readonly RoundState[], doing: string) {
  if (!allowed.includes(state)) throw conflict(`本轮评审当前为「${roundStateLabels[state]}」，不能${doing}`);
}

export function assertBeforeDeadline(now: Date, deadline: string) {
  if (now.getTime() >= endOfBeijingDay(deadline).getTime()) {
    throw new AppError(
      'ENTRY_LATE',
      `本轮评分已于${formatBeijingDate(deadline)}截止，不能再修改评分；如需延长，请联系组织者`,
    );
  }
}

/**
 * Checks one judge's scores against the rubric: each criterion between 0 and its maximum with at
 * most two decimals; a submission needs every criterion. Returns the scores as decimal strings and
 * the total.
 */
export function validateScores(
  criteria: RoundConfig['criteria'],
  scores: Readonly<Record<string, number | null>>,
  submit: boolean,
): { scores: Record<string, string | null>; total: string | null } {
  const issues: { path: string; message: string }[] = [];
  const known = new Set(criteria.map((c) => c.key));
  for (const key of Object.keys(scores)) {
    if (!known.has(key))
      issues.push({ path: `scores.${key}`, message: `评分项「${key}」不在本轮评分标准中` });
  }
  const out: Record<string, string | null> = {};
  let total = new Dec(0);
  let complete = true;
  for (const c of criteria) {
    const v = scores[c.key];
    if (v === undefined || v === null) {
      out[c.key] = null;
      complete = false;
      if (submit) issues.push({ path: `scores.${c.key}`, message: `请给「${c.name}」打分` });
      continue;
    }
    const d = new Dec(v);
    if (!Number.isFinite(v) || d.lt(0) || d.gt(c.max)) {
      issues.push({
        path: `scores.${c.key}`,
        message: `「${c.name}」的分数应在 0 到 ${c.max} 之间，您填的是 ${v}`,
      });
    } else if (d.decimalPlaces() > 2) {
      issues.push({ path: `scores.${c.key}`, message: `「${c.name}」的分数最多保留两位小数` });
    }
    out[c.key] = d.toFixed();
    total = total.plus(d);
  }
  if (issues.length) throw invalid(issues[0]!.message, issues);
  return { scores: out, total: complete ? total.toFixed() : null };
}
