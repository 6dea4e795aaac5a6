import {
  advancementKindLabels,
  penaltyUnitSeconds,
  tieRuleKindLabels,
  type RoundConfig,
} from '@jiangtai/contracts';
import type { ScoreLogAction } from '../../db/types.ts';
import type { ResultRules } from './chain-facts.ts';
import type { ScoreLogRow } from './repository.ts';
import { recordTotal } from './score-log.ts';

/** How the supervisor's screen names each kind of log record. */
export const scoreLogActionLabels: Record<ScoreLogAction, string> = {
  draft: '暂存',
  submit: '提交',
  reopen: '重新打开',
  judge_removed: '移除评委评分',
  conflict_declared: '声明回避',
  judge_left: '退出评委组',
  tie_decided: '裁定同分',
  rules_set: '计分规则',
  entry_left: '作品退赛',
  entry_rejoined: '作品重新参赛',
  time_recorded: '宣讲用时',
};

const SCORES = new Set<ScoreLogAction>(['draft', 'submit', 'reopen']);

/** The rules a rules record holds, in one Chinese sentence. */
export function rulesText(rules: ResultRules, criteria: RoundConfig['criteria']): string {
  const tie = rules.tieRule;
  const criterion =
    'criterionKey' in tie
      ? `（评分项：${criteria.find((c) => c.key === tie.criterionKey)?.name ?? tie.criterionKey}）`
      : '';
  return [
    `去掉 ${rules.dropHighest} 个最高分、${rules.dropLowest} 个最低分`,
    `保留 ${rules.decimals} 位小数`,
    `同分：${tieRuleKindLabels[tie.kind]}${criterion}`,
    `晋级：${advancementKindLabels[rules.advancement.kind].replace('N', String(rules.advancement.count))}`,
    ...(rules.timePenalty
      ? [
          `超时扣分：限时 ${rules.timePenalty.limitSeconds} 秒，宽限 ${rules.timePenalty.graceSeconds} 秒，每 ${penaltyUnitSeconds[rules.timePenalty.per]} 秒扣 ${rules.timePenalty.points} 分，最多扣 ${rules.timePenalty.maxPoints} 分`,
        ]
      : []),
  ].join('；');
}

/** One record as a row of the supervisor's log table. */
export function describeRecord(
  x: ScoreLogRow,
  ctx: {
    names: ReadonlyMap<string, string>;
    actors: ReadonlyMap<string, string>;
    codes: ReadonlyMap<string, string>;
    criteria: RoundConfig['criteria'];
  },
) {
  const code = x.entry_id ? (ctx.codes.get(x.entry_id) ?? x.entry_id) : null;
  const judge = x.judge_user_id ? (ctx.names.get(x.judge_user_id) ?? x.judge_user_id) : null;
  const data = (x.data ?? {}) as {
    order?: string[];
    rules?: ResultRules;
    released?: string[];
    spokenSeconds?: number;
    overtimeSeconds?: number;
    penalty?: string;
  };
  let summary: string | null = null;
  switch (x.action) {
    case 'draft':
    case 'submit':
    case 'reopen':
      break;
    case 'judge_removed':
      summary = `从作品 ${code} 移除评委 ${judge} 的评分`;
      break;
    case 'conflict_declared':
      summary = `评委 ${judge} 声明回避作品 ${code}`;
      break;
    case 'judge_left':
      summary = `评委 ${judge} 退出评委组，交回 ${data.released?.length ?? 0} 件未提交的作品`;
      break;
    case 'tie_decided':
      summary = `裁定同分名次：${(data.order ?? []).map((e) => ctx.codes.get(e) ?? e).join(' ＞ ')}`;
      break;
    case 'rules_set':
      summary = data.rules ? rulesText(data.rules, ctx.criteria) : null;
      break;
    case 'entry_left':
      summary = `作品 ${code} 退赛，不再排名`;
      break;
    case 'entry_rejoined':
      summary = `作品 ${code} 重新参赛，评委重新评分`;
      break;
    case 'time_recorded':
      summary = `作品 ${code} 宣讲用时 ${data.spokenSeconds ?? 0} 秒，超时 ${data.overtimeSeconds ?? 0} 秒，扣 ${data.penalty ?? '0'} 分`;
      break;
  }
  return {
    seq: x.seq,
    code,
    judgeName: judge,
    actorName: ctx.actors.get(x.actor_user_id) ?? x.actor_user_id,
    action: x.action,
    actionLabel: scoreLogActionLabels[x.action],
    summary,
    total: SCORES.has(x.action) ? recordTotal(x.scores) : null,
    reason: x.reason,
    at: x.created_at,
    hash: x.hash,
  };
}
