import { isContestStage, stageKindLabels } from './campaign-labels.ts';
import {
  duplicates,
  num,
  type CheckedSettings as Settings,
  type ReportIssue,
  type SettingsPath,
} from './campaign-check-util.ts';

/** Cross-field rules of the rounds: rubrics, round rules and awards. */
export function checkRubricsAndRules(s: Settings, report: ReportIssue) {
  const stages = new Map(s.stages.map((st) => [st.key, st]));
  const rubricStages = new Map<string, number>();
  const ruleStages = new Map<string, number>();
  const lists = [
    { field: 'rubrics', what: '评分标准', items: s.rubrics, seen: rubricStages },
    { field: 'roundRules', what: '评审规则', items: s.roundRules, seen: ruleStages },
  ] as const;
  for (const { field, what, items, seen } of lists) {
    items.forEach((item, i) => {
      const stage = stages.get(item.stageKey);
      const at: SettingsPath = [field, i, 'stageKey'];
      if (!stage) return report(at, `第 ${i + 1} 个${what}所属的阶段「${item.stageKey}」不存在`);
      if (!isContestStage(stage.kind)) {
        return report(
          at,
          `阶段「${stage.name}」是「${stageKindLabels[stage.kind]}」阶段，不评审作品，不能设置${what}`,
        );
      }
      const first = seen.get(item.stageKey);
      if (first !== undefined)
        return report(at, `阶段「${stage.name}」已有${what}（第 ${first + 1} 个），每个阶段只能设置一套`);
      seen.set(item.stageKey, i);
    });
  }

  s.rubrics.forEach((rubric, i) => {
    const stage = stages.get(rubric.stageKey);
    const name = stage ? `「${stage.name}」` : '';
    duplicates(
      rubric.criteria,
      (c) => c.key,
      (j, k) =>
        report(
          ['rubrics', i, 'criteria', j, 'key'],
          `${name}评分项编码「${rubric.criteria[j]!.key}」与第 ${k + 1} 个评分项重复`,
        ),
    );
    const sum = rubric.criteria.reduce((acc, c) => acc + c.max, 0);
    if (Math.abs(sum - rubric.total) > 1e-6) {
      report(
        ['rubrics', i, 'total'],
        `${name}评分标准各项满分之和为 ${num(sum)}，应等于总分 ${num(rubric.total)}`,
      );
    }
    if (
      stage &&
      isContestStage(stage.kind) &&
      rubricStages.get(rubric.stageKey) === i &&
      !ruleStages.has(rubric.stageKey)
    ) {
      report(
        ['rubrics', i, 'stageKey'],
        `阶段「${stage.name}」有评分标准，但还没有设置评审规则（评委人数、去分、同分规则）`,
      );
    }
  });

  s.roundRules.forEach((rules, i) => {
    const stage = stages.get(rules.stageKey);
    if (!stage || !isContestStage(stage.kind) || ruleStages.get(rules.stageKey) !== i) return;
    const name = `「${stage.name}」`;
    const rubricIndex = rubricStages.get(rules.stageKey);
    const rubric = rubricIndex === undefined ? undefined : s.rubrics[rubricIndex];
    if (!rubric) report(['roundRules', i, 'stageKey'], `阶段${name}还没有评分标准，请先设置评分标准`);
    if (rules.dropHighest + rules.dropLowest >= rules.judgesPerEntry) {
      report(
        ['roundRules', i, 'judgesPerEntry'],
        `${name}每件作品 ${rules.judgesPerEntry} 位评委，去掉 ${rules.dropHighest} 个最高分和 ${rules.dropLowest} 个最低分后没有有效分数：去掉的分数合计应少于评委人数`,
      );
    }
    const tie = rules.tieRule;
    if (
      (tie.kind === 'criterion' || tie.kind === 'untrimmed_mean_then_criterion') &&
      rubric &&
      !rubric.criteria.some((c) => c.key === tie.criterionKey)
    ) {
      report(
        ['roundRules', i, 'tieRule', 'criterionKey'],
        `同分规则引用的评分项「${tie.criterionKey}」不在${name}的评分标准中`,
      );
    }
    const penalty = rules.timePenalty;
    if (penalty && penalty.maxPoints < penalty.points) {
      report(
        ['roundRules', i, 'timePenalty', 'maxPoints'],
        `${name}超时最多扣分（${num(penalty.maxPoints)}）小于每次扣分（${num(penalty.points)}）`,
      );
    } else if (penalty && rubric && penalty.maxPoints > rubric.total) {
      report(
        ['roundRules', i, 'timePenalty', 'maxPoints'],
        `${name}超时最多扣分（${num(penalty.maxPoints)}）超过总分（${num(rubric.total)}）`,
      );
    }
  });
}

export function checkAwards(s: Settings, report: ReportIssue) {
  duplicates(
    s.awardTiers,
    (t) => t.name,
    (i) => report(['awardTiers', i, 'name'], `奖项名称「${s.awardTiers[i]!.name}」重复`),
  );
  duplicates(
    s.orgAwards,
    (t) => t.name,
    (i) => report(['orgAwards', i, 'name'], `组织奖名称「${s.orgAwards[i]!.name}」重复`),
  );
  if (s.awardTiers.length === 0) return;
  const rounds = s.stages.filter((st) => isContestStage(st.kind));
  const awarded = rounds.at(-1);
  if (!awarded) return report(['awardTiers'], '设置了奖项，但活动没有比赛或评选阶段');
  const feeding = rounds.at(-2);
  const places = s.awardTiers.reduce((acc, t) => acc + t.places, 0);
  if (awarded.advanceCount && places > awarded.advanceCount) {
    report(
      ['awardTiers'],
      `各奖项名额合计 ${places} 名，超过「${awarded.name}」的入选人数 ${awarded.advanceCount} 名`,
    );
  } else if (feeding?.advanceCount && places > feeding.advanceCount) {
    report(
      ['awardTiers'],
      `各奖项名额合计 ${places} 名，超过进入「${awarded.name}」的 ${feeding.advanceCount} 名（「${feeding.name}」的晋级人数）`,
    );
  }
}
