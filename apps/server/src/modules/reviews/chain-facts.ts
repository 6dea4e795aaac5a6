import type {
  AdvancementRule,
  AssignmentStatus,
  RoundConfig,
  TieRule,
  TimePenalty,
} from '@jiangtai/contracts';
import { canonicalJson, type StoredScoreRecord } from './hash-chain.ts';
import type { TieDecision } from './results-rules.ts';

/**
 * What a round's log says, read in order: each (entry, judge) pair's last score record and whether it
 * was taken out, the organiser's tie decisions and the results rules in force. The results are
 * computed from these facts, never from the tables that mirror them, so nothing outside the chain
 * moves a rank. Pure: no database.
 */

/** The rules a ranking depends on; recorded in the log whenever they are set. */
export interface ResultRules {
  dropHighest: number;
  dropLowest: number;
  decimals: number;
  tieRule: TieRule;
  advancement: AdvancementRule;
  /** A live final's time penalty; absent on other rounds (and on a live round without one). */
  timePenalty?: TimePenalty;
}

const pickRules = (c: ResultRules): ResultRules => ({
  dropHighest: c.dropHighest,
  dropLowest: c.dropLowest,
  decimals: c.decimals,
  tieRule: c.tieRule,
  advancement: c.advancement,
  ...(c.timePenalty ? { timePenalty: c.timePenalty } : {}),
});

export const resultRulesOf = (c: RoundConfig): ResultRules =>
  pickRules({ ...c, timePenalty: c.live?.timePenalty ?? undefined });

/** A live speaker's recorded time: the last 'time_recorded' record of the entry counts. */
export interface TimeFact {
  spokenSeconds: number;
  overtimeSeconds: number;
  /** Points taken off the final score, a decimal string. */
  penalty: string;
}

export const sameRules = (a: ResultRules, b: ResultRules) =>
  canonicalJson(pickRules(a)) === canonicalJson(pickRules(b));

export interface PairFacts {
  entryId: string;
  judgeId: string;
  /** The last draft, submit or reopen record of the pair. */
  last: StoredScoreRecord | null;
  /** The last submit record (a removed judge's score is still shown, struck through). */
  lastSubmit: StoredScoreRecord | null;
  /** The record that took the judge off the entry, if any. */
  removal: StoredScoreRecord | null;
}

/** A pair as the log has it; 'reopened' is a submitted score the organiser opened again. */
export type PairState = 'open' | 'draft' | 'reopened' | 'submitted' | 'removed';

export interface ChainFacts {
  head: string;
  records: number;
  pairs: Map<string, PairFacts>;
  ties: TieDecision[];
  /** null when the log holds no rules record (rounds opened before rules were recorded). */
  rules: ResultRules | null;
  /** Entries the log says left the round (their 'entry_left' record) or came back (null). */
  departures: Map<string, StoredScoreRecord | null>;
  /** Live finals: each speaker's time and penalty, by entry id. */
  times: Map<string, TimeFact>;
}

export const pairKey = (entryId: string, judgeId: string) => `${entryId}:${judgeId}`;

const SCORE_ACTIONS = new Set(['draft', 'submit', 'reopen']);
const REMOVALS = new Set(['judge_removed', 'conflict_declared']);

export function readChain(genesis: string, records: readonly StoredScoreRecord[]): ChainFacts {
  const pairs = new Map<string, PairFacts>();
  const ties: TieDecision[] = [];
  let rules: ResultRules | null = null;
  const departures = new Map<string, StoredScoreRecord | null>();
  const times = new Map<string, TimeFact>();
  for (const r of records) {
    if (r.entryId && r.judgeId && (SCORE_ACTIONS.has(r.action) || REMOVALS.has(r.action))) {
      const key = pairKey(r.entryId, r.judgeId);
      const p = pairs.get(key) ?? {
        entryId: r.entryId,
        judgeId: r.judgeId,
        last: null,
        lastSubmit: null,
        removal: null,
      };
      if (REMOVALS.has(r.action)) p.removal ??= r;
      else {
        p.last = r;
        if (r.action === 'submit') p.lastSubmit = r;
      }
      pairs.set(key, p);
    } else if (r.action === 'judge_left' && r.judgeId) {
      // The judge's unsubmitted work was handed back: a later assignment of the pair starts afresh.
      const released = (r.data as { released?: unknown } | undefined)?.released;
      for (const e of Array.isArray(released) ? released : []) pairs.delete(pairKey(String(e), r.judgeId));
    } else if (r.action === 'entry_left' && r.entryId) {
      departures.set(r.entryId, r);
    } else if (r.action === 'entry_rejoined' && r.entryId) {
      // Back in the round, it is judged afresh: earlier scores are set aside, a removal stays.
      departures.set(r.entryId, null);
      for (const [key, p] of pairs) if (p.entryId === r.entryId && !p.removal) pairs.delete(key);
    } else if (r.action === 'tie_decided') {
      const d = r.data as { order?: unknown } | undefined;
      if (Array.isArray(d?.order)) ties.push({ entryIds: d.order.map(String), reason: r.reason ?? '' });
    } else if (r.action === 'time_recorded' && r.entryId) {
      // A correction is a later record of its own: the last one counts.
      const d = (r.data ?? {}) as Partial<TimeFact>;
      times.set(r.entryId, {
        spokenSeconds: Number(d.spokenSeconds ?? 0),
        overtimeSeconds: Number(d.overtimeSeconds ?? 0),
        penalty: String(d.penalty ?? '0'),
      });
    } else if (r.action === 'rules_set') {
      rules = (r.data as { rules?: ResultRules } | undefined)?.rules ?? rules;
    }
  }
  const last = records[records.length - 1];
  return { head: last ? last.hash : genesis, records: records.length, pairs, ties, rules, departures, times };
}

/** Removal is final: a judge taken off an entry can no longer score it. */
export function pairState(p: PairFacts | undefined): PairState {
  if (!p) return 'open';
  if (p.removal) return 'removed';
  const action = p.last?.action;
  if (action === 'submit') return 'submitted';
  if (action === 'reopen') return 'reopened';
  if (action === 'draft') return 'draft';
  return 'open';
}

/** The assignment status the table should hold for a pair in this state. */
export const tableStatusOf = (s: PairState): AssignmentStatus => (s === 'reopened' ? 'draft' : s);

/** Chinese words for a state, in the messages naming a disagreement. */
export const pairStateText: Record<PairState, string> = {
  open: '未评',
  draft: '已暂存',
  reopened: '已重新打开',
  submitted: '已提交',
  removed: '已移除',
};

const removalText = (r: StoredScoreRecord) =>
  r.action === 'conflict_declared' ? `评委声明回避：${r.reason ?? ''}` : (r.reason ?? '');

export interface PairView {
  entryId: string;
  judgeId: string;
  state: PairState;
  /** What round_assignments says; null when the log has a score for a pair with no assignment. */
  tableStatus: AssignmentStatus | null;
  last: StoredScoreRecord | null;
  lastSubmit: StoredScoreRecord | null;
  removedReason: string | null;
}

/** A disagreement between the log and the tables that mirror it; blocks closing and confirming. */
export interface Disagreement {
  entryId: string | null;
  judgeId: string | null;
  message: string;
}

const tableText: Record<AssignmentStatus, string> = {
  open: '未评',
  draft: '已暂存',
  submitted: '已提交',
  removed: '已移除',
};

/**
 * Every pair the round knows (its assignments, and any pair the log has a submitted score for) in the
 * state the log gives it, with each place the assignment table says otherwise. In a round opened
 * before removals were recorded (`legacy`), a removal found only in the table still counts.
 */
export function reconcile(
  facts: ChainFacts,
  assignments: readonly {
    entry_id: string;
    judge_user_id: string;
    status: AssignmentStatus;
    removed_reason: string | null;
  }[],
  o: { legacy: boolean; code: (entryId: string) => string; judge: (judgeId: string) => string },
): { pairs: PairView[]; problems: Disagreement[] } {
  const pairs: PairView[] = [];
  const problems: Disagreement[] = [];
  const seen = new Set<string>();
  const who = (e: string, j: string) => `作品 ${o.code(e)} 评委 ${o.judge(j)}`;
  for (const a of assignments) {
    const key = pairKey(a.entry_id, a.judge_user_id);
    seen.add(key);
    const p = facts.pairs.get(key);
    let state = pairState(p);
    if (o.legacy && a.status === 'removed' && state !== 'removed') state = 'removed';
    const expected = tableStatusOf(state);
    if (a.status !== expected) {
      const message =
        a.status === 'submitted'
          ? `${who(a.entry_id, a.judge_user_id)}的评分显示「已提交」，但评分记录中没有这份提交（记录为「${pairStateText[state]}」），评分记录可能被删除，请先校验评分记录`
          : a.status === 'removed'
            ? `${who(a.entry_id, a.judge_user_id)}显示「已移除」，但评分记录中没有移除记录`
            : `${who(a.entry_id, a.judge_user_id)}的分配显示「${tableText[a.status]}」，评分记录为「${pairStateText[state]}」`;
      problems.push({ entryId: a.entry_id, judgeId: a.judge_user_id, message });
    }
    pairs.push({
      entryId: a.entry_id,
      judgeId: a.judge_user_id,
      state,
      tableStatus: a.status,
      last: p?.last ?? null,
      lastSubmit: p?.lastSubmit ?? null,
      removedReason: p?.removal ? removalText(p.removal) : a.removed_reason,
    });
  }
  for (const [key, p] of facts.pairs) {
    if (seen.has(key) || pairState(p) !== 'submitted') continue;
    problems.push({
      entryId: p.entryId,
      judgeId: p.judgeId,
      message: `评分记录中有${who(p.entryId, p.judgeId)}的提交，但分配记录中没有这项分配`,
    });
    pairs.push({
      entryId: p.entryId,
      judgeId: p.judgeId,
      state: 'submitted',
      tableStatus: null,
      last: p.last,
      lastSubmit: p.lastSubmit,
      removedReason: null,
    });
  }
  return { pairs, problems };
}

/**
 * Which entries have left the round, as the log says, with each place round_entries says otherwise.
 * In a round opened before departures were recorded (`legacy`), an entry with no record in the log
 * keeps what the table says.
 */
export function reconcileDepartures<
  E extends { entry_id: string; code: string; left_at: Date | null; left_reason: string | null },
>(
  facts: ChainFacts,
  entries: readonly E[],
  o: { legacy: boolean },
): { entries: E[]; problems: Disagreement[] } {
  const problems: Disagreement[] = [];
  const out = entries.map((e) => {
    const record = facts.departures.get(e.entry_id);
    if (record === undefined && o.legacy) return e;
    const left = record ?? null;
    if (left && !e.left_at)
      problems.push({
        entryId: e.entry_id,
        judgeId: null,
        message: `作品 ${e.code} 在评分记录中已退赛，但作品名单中未标记退赛`,
      });
    else if (!left && e.left_at)
      problems.push({
        entryId: e.entry_id,
        judgeId: null,
        message: `作品 ${e.code} 在作品名单中标记为已退赛，但评分记录中没有退赛记录`,
      });
    return {
      ...e,
      left_at: left ? (e.left_at ?? new Date(left.createdAt)) : null,
      left_reason: left ? left.reason : null,
    };
  });
  return { entries: out, problems };
}
