import { assignmentStatusLabels } from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import { conflict, invalid, notFound } from '../../lib/errors.ts';
import type { AuditWho } from '../audit/service.ts';
import { genesisHash } from './hash-chain.ts';
import {
  readChain,
  reconcile,
  reconcileDepartures,
  resultRulesOf,
  sameRules,
  tableStatusOf,
} from './chain-facts.ts';
import { entryService } from '../entries/service.ts';
import * as repo from './repository.ts';
import type { Db, RoundRow } from './repository.ts';
import { assertSeesResults, auditRound, loadRound, managedChange } from './round-context.ts';
import {
  appendRecord,
  appendScoreRecord,
  chainMark,
  recordRemoval,
  recordTotal,
  toStoredRecord,
} from './score-log.ts';
import { createRoundTally } from './tally.ts';
import type { JudgeScore } from './scoring.ts';
import {
  advancement,
  applyTieDecisions,
  judgeSpread,
  tieBreakNote,
  type JudgeTotal,
} from './results-rules.ts';
import { unrankedRow } from './withdrawn.ts';
import { followEarlierStage, setPromoted } from './entry-departures.ts';
import { sealRefusal } from './seal-rule.ts';

const advancementLabels = { yes: '是', no: '否', pending: '待定' } as const;

const judgeNames = (panel: repo.PanelRow[]) => new Map(panel.map((j) => [j.user_id, j.display_name]));

/**
 * Everything computed from the round's log: scores, removals, tie decisions and rules are read from
 * the hash-chained records, so nothing outside the chain moves a rank. Where the assignment table or
 * the round's settings disagree with the log, the disagreement is listed (and blocks closing); no
 * caching — a round is small enough to recompute.
 */
export async function computeResults(tx: Db, r: RoundRow) {
  const [listed, assignments, rows, panel, tableTies] = await Promise.all([
    repo.listRoundEntries(tx, r.id),
    repo.listAssignments(tx, r.id),
    repo.listScoreLog(tx, r.id),
    repo.listPanel(tx, r.id),
    r.facts_chained ? Promise.resolve([]) : repo.listTieDecisions(tx, r.id),
  ]);
  const facts = readChain(genesisHash(r.id), rows.map(toStoredRecord));
  // Who competes is read from the log too; left_at only mirrors it.
  const departures = reconcileDepartures(facts, listed, { legacy: !r.departures_chained });
  const entries = departures.entries;
  const codes = new Map(entries.map((e) => [e.entry_id, e.code]));
  const names = judgeNames(panel);
  const { pairs, problems } = reconcile(facts, assignments, {
    legacy: !r.facts_chained,
    code: (e) => codes.get(e) ?? e,
    judge: (j) => names.get(j) ?? j,
  });
  problems.push(...departures.problems);
  const rules = facts.rules ?? resultRulesOf(r.config);
  if (facts.rules && !sameRules(facts.rules, resultRulesOf(r.config)))
    problems.push({
      entryId: null,
      judgeId: null,
      message:
        '本轮设置中的计分规则（去分、小数位、同分规则或晋级规则）与评分记录中登记的不一致，成绩按评分记录中登记的规则计算',
    });
  // Only competing entries are ranked: one that left the contest (已退赛) takes no rank or place.
  const scores = new Map<string, JudgeScore[]>(
    entries.filter((e) => !e.left_at).map((e) => [e.entry_id, []]),
  );
  const totals: JudgeTotal[] = [];
  for (const p of pairs) {
    const l = p.lastSubmit;
    const total = l ? (recordTotal(l.scores as Record<string, string | null>) ?? '0') : '0';
    if (p.state === 'removed') {
      scores.get(p.entryId)?.push({ judgeId: p.judgeId, total, criteria: {}, removed: true });
    } else if (p.state === 'submitted' && l && scores.has(p.entryId)) {
      const criteria = Object.fromEntries(
        Object.entries(l.scores).map(([k, v]) => [k, v === null || v === undefined ? '0' : String(v)]),
      );
      scores.get(p.entryId)?.push({ judgeId: p.judgeId, total, criteria });
      totals.push({ judgeId: p.judgeId, entryId: p.entryId, total });
    }
  }
  const tally = createRoundTally(
    rules,
    [...scores],
    new Map([...facts.times].map(([e, t]) => [e, t.penalty])),
  );
  const ranking = applyTieDecisions(tally.ranking(), [
    ...tableTies.map((d) => ({ entryIds: d.entry_ids.map(String), reason: d.reason })),
    ...facts.ties,
  ]);
  const left = entries.filter((e) => e.left_at);
  const leftIds = new Set(left.map((e) => e.entry_id));
  /** Scores still awaited: never from an entry that left the contest. */
  const missing = pairs.filter(
    (p) => (p.state === 'open' || p.state === 'draft' || p.state === 'reopened') && !leftIds.has(p.entryId),
  );
  return { entries, assignments, pairs, panel, ranking, totals, rules, problems, missing, facts, left };
}

/**
 * Results of a round: every judge's scores, dropped ones, the trimmed mean and the rank; the
 * organiser's corrections (reopen a score, take a judge off an entry, decide a tie), closing,
 * advancement; the supervisor's sign-off. Everything is computed from the round's hash-chained log
(chain-facts.ts); the chain check itself is in chain-check-service.ts.
 */
export function resultsService(deps: AppDeps) {
  const { db, clock } = deps;
  const entryOps = entryService(deps);

  const compute = computeResults;

  /** Who advances by the round's rule, from the computed ranking (a tie across the cut blocks it). */
  function advancementPreview(_r: RoundRow, c: Awaited<ReturnType<typeof compute>>) {
    const codes = new Map(c.entries.map((e) => [e.entry_id, e.code]));
    const facts = new Map(
      c.entries.map((e) => [
        e.entry_id,
        { entryId: e.entry_id, categoryKey: e.category_key, unitId: e.unit_org_id },
      ]),
    );
    return advancement(c.ranking, facts, c.rules.advancement, (e) => codes.get(e) ?? e);
  }

  async function results(actor: Actor, id: string) {
    const r = await loadRound(db, id);
    await assertSeesResults(db, actor, r);
    const c = await compute(db, r);
    const names = judgeNames(c.panel);
    const byId = new Map(c.entries.map((e) => [e.entry_id, e]));
    const categories = new Map(r.campaign_settings.categories.map((x) => [x.key, x.name]));
    const criterionName = (key: string) => r.config.criteria.find((x) => x.key === key)?.name ?? key;
    const preview = advancementPreview(r, c);
    const deciding = r.state === 'open' || r.state === 'closed';
    const advancing = new Set(
      deciding ? preview.advancing : c.entries.filter((e) => e.advanced && !e.left_at).map((e) => e.entry_id),
    );
    const pending = new Map(deciding ? preview.pending.map((p) => [p.entryId, p.reason]) : []);
    const rubricTotal = r.config.criteria.reduce((s, x) => s + x.max, 0);
    const unanswered =
      r.state === 'publicised' ? (await repo.listObjections(db, id)).filter((o) => !o.outcome).length : 0;
    const sealBlockedReason = sealRefusal(r, clock.now(), unanswered);
    return {
      roundId: id,
      state: r.state,
      /** Whether 封存结果 would be accepted now (for those who manage the round), and why not. */
      seal: { allowed: !sealBlockedReason, blockedReason: sealBlockedReason },
      criteria: r.config.criteria,
      decimals: c.rules.decimals,
      dropHighest: c.rules.dropHighest,
      dropLowest: c.rules.dropLowest,
      missingScores: c.missing.length,
      reopenedScores: c.missing.filter((p) => p.state === 'reopened').length,
      /** The log these results were computed from: what a sign-off pins and the sheets print. */
      chainHead: c.facts.head,
      records: c.facts.records,
      problems: c.problems.map((p) => p.message),
      items: [...c.ranking, ...c.left.map((e) => unrankedRow(e.entry_id))].map((k) => {
        const e = byId.get(k.entryId)!;
        const mine = c.pairs.filter((p) => p.entryId === k.entryId);
        const waiting = c.missing.filter((p) => p.entryId === k.entryId);
        const reopened = waiting.filter((p) => p.state === 'reopened').length;
        const tieBreak = k.needsDecision ? null : tieBreakNote(k.decidedBy, c.rules.tieRule, criterionName);
        const state: 'yes' | 'no' | 'pending' = pending.has(k.entryId)
          ? 'pending'
          : advancing.has(k.entryId)
            ? 'yes'
            : 'no';
        return {
          withdrawn: !!e.left_at,
          withdrawnAt: e.left_at,
          withdrawnReason: e.left_reason,
          lostPlace: e.advanced && !!e.left_at,
          entryId: k.entryId,
          code: e.code,
          title: e.title,
          speakerName: e.speaker_name,
          unitName: e.unit_name,
          categoryName: categories.get(e.category_key) ?? e.category_key,
          rank: k.rank,
          score: k.score,
          untrimmedMean: k.result.untrimmedMean,
          /** Live finals: the speaker's time and the overtime penalty already taken off `score`. */
          spokenSeconds: c.facts.times.get(k.entryId)?.spokenSeconds ?? null,
          overtimeSeconds: c.facts.times.get(k.entryId)?.overtimeSeconds ?? 0,
          penalty: k.result.penalty,
          used: k.result.used,
          assigned: mine.length,
          awaiting: waiting.length,
          needsDecision: k.needsDecision,
          tiedWith: k.tiedWith.map((t) => byId.get(t)?.code ?? t),
          tiedWithIds: k.tiedWith,
          note: k.note ?? tieBreak,
          tieBreak,
          flags: [
            ...(e.left_at ? [`已退赛：${e.left_reason ?? ''}`] : []),
            // A live final's overtime deduction, already taken off the score.
            ...(c.facts.times.get(k.entryId)?.overtimeSeconds
              ? [`超时 ${c.facts.times.get(k.entryId)!.overtimeSeconds} 秒，扣 ${k.result.penalty} 分`]
              : []),
            ...k.result.flags.map((f) => f.message),
            ...(reopened ? [`${reopened} 份评分已重新打开，待评委重新提交`] : []),
            ...(waiting.length > reopened ? [`${waiting.length - reopened} 份评分尚未提交`] : []),
            ...c.problems.filter((p) => p.entryId === k.entryId).map((p) => p.message),
          ],
          advancing: state === 'yes',
          advancement: state,
          advancementLabel: advancementLabels[state],
          advancementNote: pending.get(k.entryId) ?? null,
          judges: mine.map((p) => {
            const counted = p.state === 'submitted' && !!p.lastSubmit;
            const status = tableStatusOf(p.state);
            const scores = p.lastSubmit?.scores as Record<string, string | null> | undefined;
            return {
              judgeId: p.judgeId,
              name: names.get(p.judgeId) ?? p.judgeId,
              status,
              statusLabel: p.state === 'reopened' ? '待重新提交' : assignmentStatusLabels[status],
              reopened: p.state === 'reopened',
              total: (counted || p.state === 'removed') && scores ? recordTotal(scores) : null,
              criteria: counted ? (scores ?? null) : null,
              comment: counted ? (p.lastSubmit?.comment ?? null) : null,
              dropped: k.result.droppedHighest.includes(p.judgeId)
                ? ('highest' as const)
                : k.result.droppedLowest.includes(p.judgeId)
                  ? ('lowest' as const)
                  : null,
              removedReason: p.state === 'removed' ? p.removedReason : null,
            };
          }),
        };
      }),
      advancement: { rule: c.rules.advancement, ...preview },
      spread: judgeSpread(c.totals, Math.max(1, rubricTotal * 0.15)).map((s) => ({
        ...s,
        name: names.get(s.judgeId) ?? s.judgeId,
        outliers: s.outliers.map((o) => ({ ...o, code: byId.get(o.entryId)?.code ?? o.entryId })),
      })),
    };
  }

  /** The organiser opens a submitted score again (the judge may then change it); logged with the reason. */
  async function reopenScore(
    actor: Actor,
    id: string,
    input: { entryId: string; judgeId: string; reason: string },
    who: AuditWho,
  ) {
    await managedChange(db, actor, id, ['open', 'closed'], '重新打开评分', async (tx, r) => {
      const a = await repo.findAssignment(tx, id, input.entryId, input.judgeId);
      if (!a) throw notFound('评分');
      if (a.status !== 'submitted') throw conflict('只有已提交的评分可以重新打开');
      const [l] = await repo.latestScores(tx, id, { entryId: input.entryId, judgeId: input.judgeId });
      if (r.state === 'closed')
        await repo.updateRound(tx, id, { state: 'open', closed_at: null }, clock.now());
      await appendScoreRecord(tx, r, {
        entryId: input.entryId,
        judgeId: input.judgeId,
        action: 'reopen',
        scores: l?.scores ?? {},
        comment: l?.comment ?? null,
        reason: input.reason,
        actorId: actor.userId,
        now: clock.now(),
      });
      await auditRound(tx, who, r, 'round.score_reopened', {
        after: { ...input, ...chainMark(r) },
      });
    });
    return results(actor, id);
  }

  /** Takes a judge off one entry with a reason; the entry's mean then uses the scores present. */
  async function removeJudgeFromEntry(
    actor: Actor,
    id: string,
    input: { entryId: string; judgeId: string; reason: string },
    who: AuditWho,
  ) {
    await managedChange(db, actor, id, ['open', 'closed'], '移除评委', async (tx, r) => {
      const a = await repo.findAssignment(tx, id, input.entryId, input.judgeId);
      if (!a) throw notFound('评委分配');
      if (a.status === 'removed') throw conflict('该评委已从这件作品移除');
      // A record in the log, so the changed score moves the head and earlier sign-offs lapse.
      await recordRemoval(tx, r, {
        action: 'judge_removed',
        entryId: input.entryId,
        judgeId: input.judgeId,
        reason: input.reason,
        actorId: actor.userId,
        now: clock.now(),
      });
      await auditRound(tx, who, r, 'round.judge_removed_from_entry', {
        before: { status: a.status },
        after: { ...input, ...chainMark(r) },
      });
    });
    return results(actor, id);
  }

  /** Scoring ends: refused while an assigned score is missing or an entry has no score at all. */
  async function close(actor: Actor, id: string, who: AuditWho) {
    await managedChange(db, actor, id, ['open'], '截止评分', async (tx, r) => {
      const c = await compute(tx, r);
      assertConsistent(c);
      const missing = c.missing;
      if (missing.length) {
        const codes = [...new Set(missing.map((a) => c.entries.find((e) => e.entry_id === a.entryId)?.code))];
        const reopened = missing.filter((p) => p.state === 'reopened').length;
        throw conflict(
          `还有 ${missing.length} 份评分未提交${reopened ? `（其中 ${reopened} 份已重新打开、待评委重新提交）` : ''}（作品 ${codes.slice(0, 5).join('、')}${codes.length > 5 ? ' 等' : ''}）；请催促评委提交，或在该作品下移除评委并写明原因`,
        );
      }
      const unscored = c.ranking.filter((k) => k.rank === null);
      if (unscored.length) throw conflict(`有 ${unscored.length} 件作品还没有任何有效评分，请先分配评委`);
      await repo.updateRound(tx, id, { state: 'closed', closed_at: clock.now() }, clock.now());
      await auditRound(tx, who, r, 'round.closed', {
        after: chainMark(r),
      });
    });
    return results(actor, id);
  }

  async function decideTie(
    actor: Actor,
    id: string,
    input: { order: string[]; reason: string },
    who: AuditWho,
  ) {
    await managedChange(db, actor, id, ['open', 'closed'], '裁定同分', async (tx, r) => {
      const c = await compute(tx, r);
      const first = c.ranking.find((k) => k.entryId === input.order[0]);
      const group = first ? [first.entryId, ...first.tiedWith] : [];
      const same =
        first?.needsDecision &&
        group.length === input.order.length &&
        group.every((g) => input.order.includes(g));
      if (!same) throw invalid('所排列的作品不是一组待裁定的同分作品，请刷新后重试');
      // The log's record is what the ranking reads; the table keeps who decided, for the round's files.
      await appendRecord(tx, r, {
        action: 'tie_decided',
        entryId: null,
        judgeId: null,
        reason: input.reason,
        data: { order: input.order },
        actorId: actor.userId,
        now: clock.now(),
      });
      await repo.insertTieDecision(tx, {
        roundId: id,
        entryIds: input.order,
        reason: input.reason,
        decidedBy: actor.userId,
        now: clock.now(),
      });
      await auditRound(tx, who, r, 'round.tie_decided', {
        after: { ...input, ...chainMark(r) },
      });
    });
    return results(actor, id);
  }

  /**
   * The organiser confirms the advancement list. In a first-stage round, advancing entries still
   * 已提交 are recommended through the entries service — the same unit lock and quota check as a
   * unit's own 推荐, refused as a whole when a unit would exceed its quota — and the round records
   * which ones it recommended, so withdrawing the list undoes exactly those. Later rounds' entries
   * are read as advanced by the next stage's round.
   */
  async function confirm(actor: Actor, id: string, who: AuditWho) {
    await managedChange(db, actor, id, ['closed'], '确认晋级', async (tx, r) => {
      // Entries are locked before their states are read: a withdrawal waits, or has already landed.
      await entryOps.lockForRound(
        tx,
        (await repo.listRoundEntries(tx, id)).map((e) => e.entry_id),
      );
      const c = await compute(tx, r);
      assertConsistent(c);
      const preview = advancementPreview(r, c);
      if (preview.blockers.length) throw conflict(preview.blockers.join('；'));
      const promoted = await entryOps.promoteByRound(
        tx,
        actor,
        who,
        { id, name: r.config.name, stageKey: r.stage_key },
        preview.advancing,
      );
      await repo.setAdvanced(tx, id, preview.advancing);
      await setPromoted(tx, id, promoted);
      const now = clock.now();
      await repo.updateRound(tx, id, { state: 'confirmed', confirmed_at: now }, now);
      // Entries this list sends on again come back into the next stage's open round.
      await followEarlierStage(tx, who, r, now);
      const code = (e: string) => c.entries.find((x) => x.entry_id === e)?.code;
      await auditRound(tx, who, r, 'round.advancement_confirmed', {
        after: {
          advancing: preview.advancing.map(code),
          recommended: promoted.map(code),
          ...chainMark(r),
        },
      });
    });
    return results(actor, id);
  }

  /** Disagreements between the log and the tables stop every step that fixes the results. */
  function assertConsistent(c: Awaited<ReturnType<typeof compute>>) {
    if (c.problems.length)
      throw conflict(
        `评分记录与评审数据不一致，不能继续：${c.problems
          .slice(0, 3)
          .map((p) => p.message)
          .join('；')}${c.problems.length > 3 ? ` 等 ${c.problems.length} 处` : ''}`,
      );
  }

  return {
    compute,
    results,
    reopenScore,
    removeJudgeFromEntry,
    close,
    decideTie,
    confirm,
    assertConsistent,
  };
}
export type ResultsService = ReturnType<typeof resultsService>;
