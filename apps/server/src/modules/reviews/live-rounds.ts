import type { AppDeps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import { conflict, invalid, notFound } from '../../lib/errors.ts';
import type { AuditWho } from '../audit/service.ts';
import { genesisHash, type StoredScoreRecord } from './hash-chain.ts';
import { resultRulesOf } from './chain-facts.ts';
import * as policy from './policy.ts';
import * as repo from './repository.ts';
import type { Db, RoundRow } from './repository.ts';
import { resultsService } from './results-service.ts';
import { accessOf, assignmentScene, auditRound, loadRound, unitConflictOf } from './round-context.ts';
import { appendRecord, appendScoreRecord, chainMark } from './score-log.ts';
import { randomEntryCode, validateScores } from './rules.ts';

/**
 * What the live final (modules/live) does to its review round, under the reviews module's rules:
 * every judge of the panel scores every speaker, a judge's score is appended to the round's
 * hash-chained log as in any round, the speaker's time is a record of the log, the round is closed
 * and signed off by the supervisor, and a rehearsal is a round of its own. The caller holds the
 * round row locked (loadRound(tx, id, true)) for every change.
 */
export function liveRounds(deps: AppDeps) {
  const { clock } = deps;
  const results = resultsService(deps);

  /**
   * Gives every active judge of the panel every competing entry (a live final has no distribution:
   * the whole panel scores each speaker), and sets judgesPerEntry to the panel's size.
   */
  async function assignWholePanel(tx: Db, r: RoundRow) {
    const scene = await assignmentScene(tx, r);
    const judges = scene.judgeRefs.map((j) => j.id);
    if (judges.length === 0) throw conflict('评委组还没有评委，请先在评审设置中添加评委');
    if (r.config.dropHighest + r.config.dropLowest >= judges.length)
      throw conflict(
        `评委组只有 ${judges.length} 位评委，去掉 ${r.config.dropHighest} 个最高分和 ${r.config.dropLowest} 个最低分后没有分数可算，请增加评委`,
      );
    const have = new Set(scene.assignments.map((a) => `${a.entry_id}:${a.judge_user_id}`));
    const pairs = scene.entries.flatMap((e) =>
      judges
        .filter((j) => !have.has(`${e.entry_id}:${j}`))
        .map((judgeId) => ({ entryId: e.entry_id, judgeId })),
    );
    await repo.insertAssignments(tx, r.id, pairs, clock.now());
    if (r.config.judgesPerEntry !== judges.length)
      await repo.updateRound(
        tx,
        r.id,
        { config: { ...r.config, judgesPerEntry: judges.length } },
        clock.now(),
      );
    return judges;
  }

  /**
   * A judge who joined the panel after the start scores the speakers from now on: the speaker whose
   * scoring opens gets a pair for every active judge who has none (a removed pair stays removed).
   */
  async function assignSpeakerToPanel(tx: Db, r: RoundRow, entryId: string) {
    const scene = await assignmentScene(tx, r);
    const have = new Set(
      scene.allAssignments.filter((a) => a.entry_id === entryId).map((a) => a.judge_user_id),
    );
    const pairs = scene.judgeRefs.filter((j) => !have.has(j.id)).map((j) => ({ entryId, judgeId: j.id }));
    await repo.insertAssignments(tx, r.id, pairs, clock.now());
  }

  /** A no-show speaker has nobody to score: the open pairs go (and come back if the skip is undone). */
  async function setEntryAbsent(tx: Db, r: RoundRow, entryId: string, absent: boolean) {
    const scene = await assignmentScene(tx, r);
    if (absent) {
      const open = scene.assignments.filter((a) => a.entry_id === entryId && a.status === 'open');
      if (scene.assignments.some((a) => a.entry_id === entryId && a.status !== 'open'))
        throw conflict('该选手已有评委评分，不能登记为缺席');
      await repo.deleteOpenAssignments(
        tx,
        r.id,
        open.map((a) => ({ entryId, judgeId: a.judge_user_id })),
      );
    } else {
      await repo.insertAssignments(
        tx,
        r.id,
        scene.judgeRefs.map((j) => ({ entryId, judgeId: j.id })),
        clock.now(),
      );
    }
  }

  /**
   * A judge's score of one speaker: the judge must hold the pair (not submitted, not removed), the
   * entry must compete, a unit conflict refuses it, the rubric validates it (every criterion, its
   * maximum, two decimals). Appended as a 'submit' record.
   */
  async function submitScore(
    tx: Db,
    r: RoundRow,
    actor: Actor,
    entryId: string,
    scores: Record<string, number>,
  ): Promise<{ stored: StoredScoreRecord; total: string }> {
    const item = await repo.findRoundEntry(tx, r.id, entryId);
    const assignment = item && (await repo.findAssignment(tx, r.id, entryId, actor.userId));
    if (!item || !assignment || assignment.status === 'removed') throw notFound('待评选手');
    if (item.left_at) throw conflict('该选手已退赛，无需再评分');
    if (assignment.status === 'submitted')
      throw conflict('您已提交该选手的评分，提交后不能修改；如需修改，请组织者说明原因后重新打开');
    if (unitConflictOf(await assignmentScene(tx, r), entryId, actor.userId))
      throw conflict('您属于该选手所在的单位（或其上级单位），应当回避，不能为其评分，请告知组织者');
    const valid = validateScores(r.config.criteria, scores, true);
    const stored = await appendScoreRecord(tx, r, {
      entryId,
      judgeId: actor.userId,
      action: 'submit',
      scores: valid.scores,
      comment: null,
      reason: null,
      actorId: actor.userId,
      now: clock.now(),
    });
    return { stored, total: valid.total! };
  }

  /** The speaker's time and the penalty it costs, as a record of the log (a correction is a new one). */
  function recordTime(
    tx: Db,
    r: RoundRow,
    t: {
      entryId: string;
      spokenSeconds: number;
      overtimeSeconds: number;
      penalty: string;
      reason: string | null;
    },
    actor: Actor,
  ) {
    return appendRecord(tx, r, {
      action: 'time_recorded',
      entryId: t.entryId,
      judgeId: null,
      reason: t.reason,
      data: { spokenSeconds: t.spokenSeconds, overtimeSeconds: t.overtimeSeconds, penalty: t.penalty },
      actorId: actor.userId,
      now: clock.now(),
    });
  }

  /** Judges' submission state per entry, for the live pages. */
  async function pairs(tx: Db, roundId: string) {
    return repo.listAssignments(tx, roundId);
  }

  /**
   * The supervisor signs the whole final: scoring is closed (every speaker who spoke has all scores;
   * a no-show has none), the log and tables agree, and the sign-off pins the head. The same rule as
   * a review round's sign-off decides who may sign.
   */
  async function closeAndSignOff(
    tx: Db,
    r: RoundRow,
    actor: Actor,
    input: { comment: string; chainHead?: string },
    who: AuditWho,
  ) {
    policy.assertMaySignOff(actor, accessOf(r), await repo.hasJudged(tx, r.id, actor.userId));
    if (input.chainHead && input.chainHead !== r.chain_head)
      throw conflict('您查看结果之后评分记录又有变动，请刷新页面、核对最新结果后再签字');
    const c = await results.compute(tx, r);
    results.assertConsistent(c);
    if (c.missing.length) throw conflict(`还有 ${c.missing.length} 份评分未提交，不能签字`);
    const now = clock.now();
    if (r.state === 'open') {
      await repo.updateRound(tx, r.id, { state: 'closed', closed_at: now }, now);
      await auditRound(tx, who, r, 'round.closed', { after: chainMark(r) });
    }
    await repo.insertSignoff(tx, {
      roundId: r.id,
      userId: actor.userId,
      comment: input.comment,
      chainHead: r.chain_head,
      records: r.score_count,
      now,
    });
    await auditRound(tx, who, r, 'round.signed_off', { after: { comment: input.comment, ...chainMark(r) } });
    return { chainHead: r.chain_head, records: r.score_count };
  }

  /**
   * A rehearsal (彩排) of a live round: a round of its own, flagged, with the same settings, panel and
   * finalists (fresh codes), and its own log. Nothing of it reaches the real round.
   */
  async function openRehearsal(tx: Db, real: RoundRow, actor: Actor): Promise<RoundRow> {
    if (real.rehearsal) throw invalid('彩排轮次不能再彩排');
    const now = clock.now();
    const id = await repo.insertRound(tx, {
      campaignId: real.campaign_id,
      stageKey: real.stage_key,
      scope: { id: real.scope_org_id, path: real.scope_org_path },
      config: { ...real.config, name: `${real.config.name}（彩排）` },
      chainHead: 'pending',
      createdBy: actor.userId,
      now,
      rehearsal: true,
    });
    await repo.updateRound(tx, id, { chain_head: genesisHash(id) }, now);
    const r = await loadRound(tx, id, true);
    await appendRecord(tx, r, {
      action: 'rules_set',
      entryId: null,
      judgeId: null,
      reason: null,
      data: { rules: resultRulesOf(r.config) },
      actorId: actor.userId,
      now,
    });
    for (const j of await repo.listPanel(tx, real.id))
      if (j.active)
        await repo.upsertPanelMember(tx, { roundId: id, userId: j.user_id, unitPath: j.unit_org_path, now });
    const codes = new Set<string>();
    const rows = (await repo.listRoundEntries(tx, real.id))
      .filter((e) => !e.left_at)
      .map((e) => {
        const code = randomEntryCode(codes);
        codes.add(code);
        return { roundId: id, entryId: e.entry_id, code };
      });
    await repo.insertRoundEntries(tx, rows);
    return r;
  }

  return {
    assignWholePanel,
    assignSpeakerToPanel,
    setEntryAbsent,
    submitScore,
    recordTime,
    pairs,
    closeAndSignOff,
    openRehearsal,
  };
}
export type LiveRounds = ReturnType<typeof liveRounds>;
