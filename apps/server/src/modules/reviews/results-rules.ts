import type { AdvancementRule, TieRule } from '@jiangtai/contracts';
import type { RankedEntry } from './ranking.ts';
import { Dec } from './scoring.ts';

/**
 * What the organiser adds on top of the computed ranking: decisions on ties the rule could not break,
 * the advancement list per the round's rule, and each judge's scoring spread. Pure functions.
 */

export interface TieDecision {
  entryIds: string[];
  reason: string;
}

/**
 * Applies recorded decisions to flagged ties: a decision whose entries are exactly one tied group
 * orders that group (ranks r, r+1, …) and its reason becomes the note. A decision for a group that no
 * longer exists (scores changed since) is ignored, and the tie shows as undecided again.
 */
export function applyTieDecisions(
  ranking: readonly RankedEntry[],
  decisions: readonly TieDecision[],
): RankedEntry[] {
  const out = ranking.map((r) => ({ ...r }));
  for (const d of decisions) {
    const set = new Set(d.entryIds);
    if (set.size !== d.entryIds.length) continue;
    const group = out.filter((r) => r.needsDecision && set.has(r.entryId));
    if (group.length !== set.size) continue;
    const sameGroup = group.every(
      (g) => g.tiedWith.length === set.size - 1 && g.tiedWith.every((t) => set.has(t)),
    );
    if (!sameGroup) continue;
    const base = Math.min(...group.map((g) => g.rank ?? Infinity));
    const start = out.findIndex((r) => set.has(r.entryId));
    d.entryIds.forEach((id, i) => {
      const g = group.find((x) => x.entryId === id)!;
      g.rank = base + i;
      g.needsDecision = false;
      g.tiedWith = [];
      g.note = `同分，由组织者裁定名次：${d.reason}`;
    });
    // Put the group in the decided order in place.
    const ordered = d.entryIds.map((id) => group.find((g) => g.entryId === id)!);
    out.splice(start, ordered.length, ...ordered);
  }
  return out;
}

export interface AdvancementFacts {
  entryId: string;
  categoryKey: string;
  unitId: string;
}

export interface AdvancementPreview {
  advancing: string[];
  /**
   * Entries tied across the cut: neither in nor out until the organiser decides the tie. Shown as
   * 待定 with the reason, never as 是 / 否.
   */
  pending: { entryId: string; reason: string }[];
  /** Chinese problems that block confirming, e.g. a tie across the cut. */
  blockers: string[];
  groups: { key: string; advancing: number; candidates: number }[];
}

/**
 * Who advances: the first N of the whole ranking, of each category, or of each unit. Entries without
 * a score never advance. When the N-th and the next entry of a group share a rank, the cut cannot be
 * made: the entries of that rank are pending and the organiser must decide the tie first.
 */
export function advancement(
  ranking: readonly RankedEntry[],
  facts: ReadonlyMap<string, AdvancementFacts>,
  rule: AdvancementRule,
  label: (e: string) => string,
): AdvancementPreview {
  const groupOf = (id: string) => {
    const f = facts.get(id);
    if (rule.kind === 'top_n_per_category') return f?.categoryKey ?? '';
    if (rule.kind === 'unit_quota') return f?.unitId ?? '';
    return 'all';
  };
  const groups = new Map<string, RankedEntry[]>();
  for (const r of ranking) {
    if (r.rank === null) continue;
    const g = groupOf(r.entryId);
    groups.set(g, [...(groups.get(g) ?? []), r]);
  }
  const advancing: string[] = [];
  const pending: AdvancementPreview['pending'] = [];
  const blockers: string[] = [];
  const summary: AdvancementPreview['groups'] = [];
  for (const [key, list] of groups) {
    let take = list.slice(0, rule.count);
    const next = list[rule.count];
    const last = take[take.length - 1];
    if (next && last && next.rank === last.rank) {
      blockers.push(
        `第 ${rule.count} 名处有同分（${[last, next].map((x) => label(x.entryId)).join('、')}），请先裁定同分名次`,
      );
      const tied = list.filter((x) => x.rank === last.rank);
      take = take.filter((x) => x.rank !== last.rank);
      const slots = rule.count - take.length;
      for (const t of tied) {
        const others = tied.filter((x) => x !== t).map((x) => label(x.entryId));
        pending.push({
          entryId: t.entryId,
          reason: `与 ${others.join('、')} 同分并列第 ${t.rank} 名，只剩 ${slots} 个晋级名额，待组织者裁定同分名次`,
        });
      }
    }
    advancing.push(...take.map((t) => t.entryId));
    summary.push({ key, advancing: take.length, candidates: list.length });
  }
  return { advancing, pending, blockers, groups: summary };
}

export interface JudgeTotal {
  judgeId: string;
  entryId: string;
  total: string;
}

export interface JudgeSpread {
  judgeId: string;
  scored: number;
  meanTotal: string | null;
  /** Mean of (this judge's total − the mean of the other judges' totals on the same entry). */
  meanDeviation: string | null;
  deviationSd: string | null;
  outliers: { entryId: string; total: string; othersMean: string; deviation: string }[];
}

/**
 * Each judge's scoring next to the rest of the panel, to spot someone far off. An outlier is a score
 * more than `threshold` points from the mean of the other judges on that entry. Information only.
 */
export function judgeSpread(totals: readonly JudgeTotal[], threshold: number): JudgeSpread[] {
  const byEntry = new Map<string, JudgeTotal[]>();
  for (const t of totals) byEntry.set(t.entryId, [...(byEntry.get(t.entryId) ?? []), t]);
  const byJudge = new Map<string, JudgeTotal[]>();
  for (const t of totals) byJudge.set(t.judgeId, [...(byJudge.get(t.judgeId) ?? []), t]);
  const fmt = (d: Dec) => d.toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(2);
  return [...byJudge].map(([judgeId, mine]) => {
    const devs: { entryId: string; total: Dec; othersMean: Dec; dev: Dec }[] = [];
    for (const t of mine) {
      const others = (byEntry.get(t.entryId) ?? []).filter((o) => o.judgeId !== judgeId);
      if (others.length === 0) continue;
      const othersMean = others.reduce((s, o) => s.plus(o.total), new Dec(0)).div(others.length);
      const total = new Dec(t.total);
      devs.push({ entryId: t.entryId, total, othersMean, dev: total.minus(othersMean) });
    }
    const sum = mine.reduce((s, t) => s.plus(t.total), new Dec(0));
    const meanDev = devs.length ? devs.reduce((s, d) => s.plus(d.dev), new Dec(0)).div(devs.length) : null;
    const sd =
      meanDev && devs.length > 1
        ? devs
            .reduce((s, d) => s.plus(d.dev.minus(meanDev).pow(2)), new Dec(0))
            .div(devs.length - 1)
            .sqrt()
        : null;
    return {
      judgeId,
      scored: mine.length,
      meanTotal: mine.length ? fmt(sum.div(mine.length)) : null,
      meanDeviation: meanDev ? fmt(meanDev) : null,
      deviationSd: sd ? fmt(sd) : null,
      outliers: devs
        .filter((d) => d.dev.abs().gt(threshold))
        .map((d) => ({
          entryId: d.entryId,
          total: d.total.toFixed(),
          othersMean: fmt(d.othersMean),
          deviation: fmt(d.dev),
        })),
    };
  });
}

/**
 * How the round's tie rule separated an entry from a neighbour with the same final score, as shown
 * next to the rank and in the exports (e.g. 「同分，按去分前平均分区分」); null when no rule was needed.
 */
export function tieBreakNote(
  decidedBy: 'untrimmed_mean' | 'criterion' | null,
  rule: TieRule,
  criterionName: (key: string) => string,
): string | null {
  if (decidedBy === 'untrimmed_mean') return '同分，按去分前平均分区分';
  if (decidedBy !== 'criterion' || !('criterionKey' in rule)) return null;
  const name = criterionName(rule.criterionKey);
  return rule.kind === 'untrimmed_mean_then_criterion'
    ? `同分且去分前平均分相同，按「${name}」项平均分区分`
    : `同分，按「${name}」项平均分区分`;
}
