import { assignmentStatusLabels } from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import { conflict, invalid, notFound } from '../../lib/errors.ts';
import type { AuditWho } from '../audit/service.ts';
import { genesisHash, verifyChain } from './hash-chain.ts';
import * as policy from './policy.ts';
import { insertEvent } from '../entries/repository.ts';
import * as repo from './repository.ts';
import type { Db, RoundRow } from './repository.ts';
import { accessOf, auditRound, loadRound, managedChange } from './round-context.ts';
import { appendScoreRecord, recordTotal, toStoredRecord } from './score-log.ts';
import { createRoundTally } from './tally.ts';
import type { JudgeScore } from './scoring.ts';
import { advancement, applyTieDecisions, judgeSpread, type JudgeTotal } from './results-rules.ts';

/**
 * Results of a round: every judge's scores, dropped ones, the trimmed mean and the rank; the
 * organiser's corrections (reopen a score, take a judge off an entry, decide a tie), closing,
 * advancement; the supervisor's chain check and sign-off.
 */
export function resultsService(deps: AppDeps) {
  const { db, clock } = deps;

  /** Everything computed from the stored rows; no caching — a round is small enough to recompute. */
  async function compute(tx: Db, r: RoundRow) {
    const [entries, assignments, latest, panel, decisions] = await Promise.all([
      repo.listRoundEntries(tx, r.id),
      repo.listAssignments(tx, r.id),
      repo.latestScores(tx, r.id),
      repo.listPanel(tx, r.id),
      repo.listTieDecisions(tx, r.id),
    ]);
    const last = new Map(latest.map((l) => [`${l.entry_id}:${l.judge_user_id}`, l]));
    const scores = new Map<string, JudgeScore[]>(entries.map((e) => [e.entry_id, []]));
    const totals: JudgeTotal[] = [];
    for (const a of assignments) {
      const l = last.get(`${a.entry_id}:${a.judge_user_id}`);
      const submitted = l?.action === 'submit';
      const total = submitted ? (recordTotal(l.scores) ?? '0') : '0';
      if (a.status === 'removed') {
        scores.get(a.entry_id)?.push({ judgeId: a.judge_user_id, total, criteria: {}, removed: true });
      } else if (a.status === 'submitted' && submitted) {
        const criteria = Object.fromEntries(Object.entries(l.scores).map(([k, v]) => [k, v ?? '0']));
        scores.get(a.entry_id)?.push({ judgeId: a.judge_user_id, total, criteria });
        totals.push({ judgeId: a.judge_user_id, entryId: a.entry_id, total });
      }
    }
    const tally = createRoundTally(r.config, [...scores]);
    const ranking = applyTieDecisions(
      tally.ranking(),
      decisions.map((d) => ({ entryIds: d.entry_ids.map(String), reason: d.reason })),
    );
    return { entries, assignments, last, panel, ranking, totals };
  }

  /** Who advances by the round's rule, from the computed ranking (a tie across the cut blocks it). */
  function advancementPreview(r: RoundRow, c: Awaited<ReturnType<typeof compute>>) {
    const codes = new Map(c.entries.map((e) => [e.entry_id, e.code]));
    const facts = new Map(
      c.entries.map((e) => [
        e.entry_id,
        { entryId: e.entry_id, categoryKey: e.category_key, unitId: e.unit_org_id },
      ]),
    );
    return advancement(c.ranking, facts, r.config.advancement, (e) => codes.get(e) ?? e);
  }

  const judgeNames = (panel: repo.PanelRow[]) => new Map(panel.map((j) => [j.user_id, j.display_name]));

  async function results(actor: Actor, id: string) {
    const r = await loadRound(db, id);
    policy.assertCanSeeResults(actor, accessOf(r));
    const c = await compute(db, r);
    const names = judgeNames(c.panel);
    const byId = new Map(c.entries.map((e) => [e.entry_id, e]));
    const categories = new Map(r.campaign_settings.categories.map((x) => [x.key, x.name]));
    const preview = advancementPreview(r, c);
    const advancing = new Set(
      r.state === 'open' || r.state === 'closed'
        ? preview.advancing
        : c.entries.filter((e) => e.advanced).map((e) => e.entry_id),
    );
    const missing = c.assignments.filter((a) => a.status === 'open' || a.status === 'draft');
    const rubricTotal = r.config.criteria.reduce((s, x) => s + x.max, 0);
    return {
      roundId: id,
      state: r.state,
      criteria: r.config.criteria,
      decimals: r.config.decimals,
      dropHighest: r.config.dropHighest,
      dropLowest: r.config.dropLowest,
      missingScores: missing.length,
      items: c.ranking.map((k) => {
        const e = byId.get(k.entryId)!;
        return {
          entryId: k.entryId,
          code: e.code,
          title: e.title,
          speakerName: e.speaker_name,
          unitName: e.unit_name,
          categoryName: categories.get(e.category_key) ?? e.category_key,
          rank: k.rank,
          score: k.score,
          untrimmedMean: k.result.untrimmedMean,
          used: k.result.used,
          assigned: k.result.assigned,
          needsDecision: k.needsDecision,
          tiedWith: k.tiedWith.map((t) => byId.get(t)?.code ?? t),
          tiedWithIds: k.tiedWith,
          note: k.note,
          flags: k.result.flags.map((f) => f.message),
          advancing: advancing.has(k.entryId),
          judges: c.assignments
            .filter((a) => a.entry_id === k.entryId)
            .map((a) => {
              const l = c.last.get(`${a.entry_id}:${a.judge_user_id}`);
              const counted = a.status === 'submitted' && l?.action === 'submit';
              return {
                judgeId: a.judge_user_id,
                name: names.get(a.judge_user_id) ?? a.judge_user_id,
                status: a.status,
                statusLabel: assignmentStatusLabels[a.status],
                total:
                  counted || (a.status === 'removed' && l?.action === 'submit')
                    ? recordTotal(l!.scores)
                    : null,
                criteria: counted ? l!.scores : null,
                comment: counted ? l!.comment : null,
                dropped: k.result.droppedHighest.includes(a.judge_user_id)
                  ? ('highest' as const)
                  : k.result.droppedLowest.includes(a.judge_user_id)
                    ? ('lowest' as const)
                    : null,
                removedReason: a.removed_reason,
              };
            }),
        };
      }),
      advancement: { rule: r.config.advancement, ...preview },
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
        after: input,
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
      await repo.setAssignmentStatus(tx, id, input.entryId, input.judgeId, 'removed', input.reason);
      await auditRound(tx, who, r, 'round.judge_removed_from_entry', {
        before: { status: a.status },
        after: input,
      });
    });
    return results(actor, id);
  }

  /** Scoring ends: refused while an assigned score is missing or an entry has no score at all. */
  async function close(actor: Actor, id: string, who: AuditWho) {
    await managedChange(db, actor, id, ['open'], '截止评分', async (tx, r) => {
      const c = await compute(tx, r);
      const missing = c.assignments.filter((a) => a.status === 'open' || a.status === 'draft');
      if (missing.length) {
        const codes = [
          ...new Set(missing.map((a) => c.entries.find((e) => e.entry_id === a.entry_id)?.code)),
        ];
        throw conflict(
          `还有 ${missing.length} 份评分未提交（作品 ${codes.slice(0, 5).join('、')}${codes.length > 5 ? ' 等' : ''}）；请催促评委提交，或在该作品下移除评委并写明原因`,
        );
      }
      const unscored = c.ranking.filter((k) => k.rank === null);
      if (unscored.length) throw conflict(`有 ${unscored.length} 件作品还没有任何有效评分，请先分配评委`);
      await repo.updateRound(tx, id, { state: 'closed', closed_at: clock.now() }, clock.now());
      await auditRound(tx, who, r, 'round.closed', {
        after: { chainHead: r.chain_head, scores: r.score_count },
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
      await repo.insertTieDecision(tx, {
        roundId: id,
        entryIds: input.order,
        reason: input.reason,
        decidedBy: actor.userId,
        now: clock.now(),
      });
      await auditRound(tx, who, r, 'round.tie_decided', {
        after: input,
      });
    });
    return results(actor, id);
  }

  /**
   * The organiser confirms the advancement list. Entries of a first-stage round become 已推荐 (the
   * unit's recommendation); the others are read as advanced by the next stage's round.
   */
  async function confirm(actor: Actor, id: string, who: AuditWho) {
    await managedChange(db, actor, id, ['closed'], '确认晋级', async (tx, r) => {
      const c = await compute(tx, r);
      const preview = advancementPreview(r, c);
      if (preview.blockers.length) throw conflict(preview.blockers.join('；'));
      await repo.setAdvanced(tx, id, preview.advancing);
      const now = clock.now();
      for (const e of c.entries.filter(
        (x) =>
          preview.advancing.includes(x.entry_id) && x.state === 'submitted' && x.stage_key === r.stage_key,
      )) {
        await tx
          .updateTable('entries')
          .set({ state: 'recommended', updated_at: now })
          .where('id', '=', e.entry_id)
          .execute();
        await insertEvent(tx, {
          entryId: e.entry_id,
          from: 'submitted',
          to: 'recommended',
          actorUserId: actor.userId,
          actorName: actor.displayName,
          reason: `「${r.config.name}」评审晋级`,
          at: now,
        });
      }
      await repo.updateRound(tx, id, { state: 'confirmed', confirmed_at: now }, now);
      await auditRound(tx, who, r, 'round.advancement_confirmed', {
        after: { advancing: preview.advancing.map((e) => c.entries.find((x) => x.entry_id === e)?.code) },
      });
    });
    return results(actor, id);
  }

  // ---------- supervision ----------

  async function scoreLog(actor: Actor, id: string) {
    const r = await loadRound(db, id);
    policy.assertCanSeeResults(actor, accessOf(r));
    const [rows, panel, entries] = await Promise.all([
      repo.listScoreLog(db, id),
      repo.listPanel(db, id),
      repo.listRoundEntries(db, id),
    ]);
    const names = judgeNames(panel);
    const actors = await repo.userNames(db, [...new Set(rows.map((x) => x.actor_user_id))]);
    const codes = new Map(entries.map((e) => [e.entry_id, e.code]));
    return {
      chainHead: r.chain_head,
      items: rows.map((x) => ({
        seq: x.seq,
        code: codes.get(x.entry_id) ?? x.entry_id,
        judgeName: names.get(x.judge_user_id) ?? x.judge_user_id,
        actorName: actors.get(x.actor_user_id) ?? x.actor_user_id,
        action: x.action,
        total: recordTotal(x.scores),
        reason: x.reason,
        at: x.created_at,
        hash: x.hash,
      })),
    };
  }

  /** Recomputes every hash of the round's log from the stored rows and compares with the stored head. */
  async function verify(actor: Actor, id: string, who: AuditWho) {
    const r = await loadRound(db, id);
    policy.assertCanSeeResults(actor, accessOf(r));
    const rows = await repo.listScoreLog(db, id);
    const check = verifyChain(rows.map(toStoredRecord), {
      genesis: genesisHash(id),
      expectedHead: r.chain_head,
    });
    const countOk = rows.length === r.score_count;
    const ok = check.ok && countOk;
    await auditRound(db, who, r, 'round.chain_verified', {
      after: { ok, records: rows.length },
    });
    return {
      ok,
      records: rows.length,
      head: r.chain_head,
      checkedAt: clock.now(),
      message: ok
        ? `评分记录完整：共 ${rows.length} 条，逐条校验哈希链一致，未发现篡改`
        : check.ok
          ? `评分记录条数（${rows.length}）与登记的条数（${r.score_count}）不一致，记录可能被删除或插入`
          : `第 ${check.brokenAt + 1} 条评分记录校验失败：${check.reason}。评分记录可能被篡改，请立即报告`,
      brokenAt: check.ok ? null : check.brokenAt + 1,
    };
  }

  async function signoff(actor: Actor, id: string, comment: string, who: AuditWho) {
    await db.transaction().execute(async (tx) => {
      const r = await loadRound(tx, id, true);
      policy.assertMaySignOff(actor, accessOf(r), await repo.hasJudged(tx, id, actor.userId));
      if (r.state === 'open') throw conflict('评分截止后才能签字确认');
      await repo.insertSignoff(tx, {
        roundId: id,
        userId: actor.userId,
        comment,
        chainHead: r.chain_head,
        now: clock.now(),
      });
      await auditRound(tx, who, r, 'round.signed_off', {
        after: { comment, chainHead: r.chain_head },
      });
    });
    return signoffs(actor, id);
  }

  async function signoffs(actor: Actor, id: string) {
    const r = await loadRound(db, id);
    policy.assertCanSeeResults(actor, accessOf(r));
    const rows = await repo.listSignoffs(db, id);
    return {
      items: rows.map((s) => ({
        id: s.id,
        name: s.display_name,
        comment: s.comment,
        chainHead: s.chain_head,
        at: s.at,
      })),
    };
  }

  return {
    compute,
    results,
    reopenScore,
    removeJudgeFromEntry,
    close,
    decideTie,
    confirm,
    scoreLog,
    verify,
    signoff,
    signoffs,
  };
}
export type ResultsService = ReturnType<typeof resultsService>;
