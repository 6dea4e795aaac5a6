import { createHash } from 'node:crypto';
import {
  liveSlotStatusLabels,
  liveStateLabels,
  type LiveScoreInput,
  type LiveSlotStatus,
  type LiveState,
  type TimerAction,
} from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import type { LiveUndo } from '../../db/types.ts';
import { audit, type AuditWho } from '../audit/service.ts';
import * as reviewsRepo from '../reviews/repository.ts';
import type { Db, RoundRow } from '../reviews/repository.ts';
import { liveRounds } from '../reviews/live-rounds.ts';
import { computeResults } from '../reviews/results-service.ts';
import { canonicalJson } from '../reviews/hash-chain.ts';
import { timePenaltyOf } from './penalty.ts';
import * as policy from './policy.ts';
import * as repo from './repository.ts';
import type { LiveRoundRow, LiveSlotRow } from './repository.ts';
import { shownStatus, speakerResult } from './results.ts';
import { planUndo, undoLabels, undoRefusal, type UndoFacts } from './undo.ts';

/**
 * The order of speakers for a live round (entry ids, first speaker first), or null while it is not
 * settled. The draw (抽签) provides it; the routes inject it.
 */
export type OrderSource = (db: Db, roundId: string) => Promise<string[] | null>;

/** A speaker who is done with (scored, confirmed, absent or withdrawn): the next one may be called. */
const DONE: readonly LiveSlotStatus[] = ['scored', 'confirmed', 'no_show', 'withdrawn'];

interface Scene {
  r: RoundRow;
  live: LiveRoundRow;
  slots: LiveSlotRow[];
}

/**
 * The evening of a live final: the MC console's steps, the judges' scores (idempotent by the
 * phone's key), the supervisor's confirmations and sign-off, rehearsals. Every change runs with the
 * review round's row locked (the same lock as every score append), writes an audit row and bumps the
 * live round's version; the routes then tell the screens (liveBus.changed).
 */
export function liveService(deps: AppDeps, orderSource: OrderSource) {
  const { db, clock } = deps;
  const rounds = liveRounds(deps);

  // ---------- loading ----------

  async function liveRound(tx: Db, id: string, forUpdate: boolean): Promise<RoundRow> {
    const r = await reviewsRepo.findRound(tx, id, { forUpdate });
    if (!r || !r.config.live) throw notFound('现场决赛');
    return r;
  }

  /** The round, its evening (made on first use) and its slots; a reset rehearsal is gone. */
  async function scene(tx: Db, r: RoundRow, forUpdate: boolean): Promise<Scene> {
    let live = await repo.findLiveRound(tx, r.id, forUpdate);
    if (!live) live = await repo.ensureLiveRound(tx, r.id, null, clock.now());
    if (live.discarded_at) throw notFound('现场决赛');
    return { r, live, slots: await repo.listSlots(tx, r.id) };
  }

  const judging = (tx: Db, r: RoundRow, actor: Actor) => reviewsRepo.hasJudged(tx, r.id, actor.userId);

  const settings = (r: RoundRow) => r.config.live!;

  const elapsedAt = (live: LiveRoundRow, now: Date) =>
    live.timer_elapsed_ms +
    (live.timer_running && live.timer_started_at
      ? now.getTime() - new Date(live.timer_started_at).getTime()
      : 0);

  const currentSlot = (s: Scene) => s.slots.find((x) => x.entry_id === s.live.current_entry_id) ?? null;
  const nextWaiting = (s: Scene) => s.slots.find((x) => x.status === 'waiting') ?? null;

  function auditLive(
    tx: Db,
    who: AuditWho,
    r: RoundRow,
    action: Parameters<typeof audit>[2]['action'],
    after: unknown,
  ) {
    return audit(tx, who, {
      action,
      entityType: 'review_round',
      entityId: r.id,
      orgPath: r.scope_org_path,
      after: {
        ...(after as object),
        chainHead: r.chain_head,
        records: r.score_count,
        rehearsal: r.rehearsal,
      },
    });
  }

  /** After a change of the slots: the evening is finished when nobody is left to speak or score. */
  async function settle(tx: Db, roundId: string) {
    const live = (await repo.findLiveRound(tx, roundId))!;
    if (live.state !== 'running' && live.state !== 'finished') return;
    const slots = await repo.listSlots(tx, roundId);
    // A finalist who left the contest (已退赛) since the start is not waited for.
    const left = new Set(
      (await reviewsRepo.listRoundEntries(tx, roundId)).filter((e) => e.left_at).map((e) => e.entry_id),
    );
    for (const x of slots)
      if (left.has(x.entry_id) && x.status !== 'withdrawn' && x.status !== 'no_show') {
        await repo.updateSlot(tx, roundId, x.entry_id, { status: 'withdrawn' });
        x.status = 'withdrawn';
      }
    const state: LiveState = slots.every((x) => DONE.includes(x.status)) ? 'finished' : 'running';
    if (state !== live.state) await repo.updateLiveRound(tx, roundId, { state }, clock.now());
  }

  /** One MC step: the round locked, the MC's check, the evening's state allowed. */
  function mcStep<T>(
    actor: Actor,
    id: string,
    states: readonly LiveState[],
    doing: string,
    step: (tx: Db, s: Scene) => Promise<T>,
  ): Promise<T> {
    return db.transaction().execute(async (tx) => {
      const r = await liveRound(tx, id, true);
      policy.assertMc(actor, r, await judging(tx, r, actor));
      const s = await scene(tx, r, true);
      if (!states.includes(s.live.state))
        throw conflict(`现场决赛当前为「${liveStateLabels[s.live.state]}」，不能${doing}`);
      if (r.state !== 'open' && s.live.state !== 'signed')
        throw conflict('本轮评分已截止，不能再操作现场流程');
      const out = await step(tx, s);
      await settle(tx, id);
      return out;
    });
  }

  // ---------- the MC console ----------

  /** The order, refusing one that is not exactly the competing finalists. */
  async function orderOf(tx: Db, r: RoundRow): Promise<string[] | null> {
    let order = await orderSource(tx, r.id);
    if (!order && r.rehearsal) {
      // A rehearsal uses the real round's order when it is drawn, else the finalists by code.
      const real = (await repo.findLiveRound(tx, r.id))?.rehearsal_of;
      const copied = new Set((await reviewsRepo.listRoundEntries(tx, r.id)).map((e) => e.entry_id));
      // Who left the real round before the rehearsal was copied is not in it.
      order = real ? ((await orderSource(tx, real))?.filter((e) => copied.has(e)) ?? null) : null;
      if (!order)
        order = (await reviewsRepo.listRoundEntries(tx, r.id))
          .filter((e) => !e.left_at)
          .sort((a, b) => (a.code < b.code ? -1 : 1))
          .map((e) => e.entry_id);
    }
    return order;
  }

  async function start(actor: Actor, id: string, who: AuditWho) {
    await mcStep(actor, id, ['setup', 'drawn'], '开始比赛', async (tx, s) => {
      const order = await orderOf(tx, s.r);
      if (!order || order.length === 0)
        throw conflict('出场顺序还没有确定，请先完成抽签（或录入出场顺序）后再开始');
      // The drawn order keeps a finalist who left after the draw's list was fixed (已退出): their
      // place is kept and skipped (settle marks it withdrawn), so the published order stays as drawn.
      const listed = await reviewsRepo.listRoundEntries(tx, id);
      const known = new Set(listed.map((e) => e.entry_id));
      const inOrder = new Set(order);
      if (
        inOrder.size !== order.length ||
        order.some((e) => !known.has(e)) ||
        listed.some((e) => !e.left_at && !inOrder.has(e.entry_id))
      )
        throw conflict('出场顺序与决赛选手名单不一致（有选手加入），请重新确定出场顺序');
      if (listed.every((e) => e.left_at || !inOrder.has(e.entry_id)))
        throw conflict('出场顺序中的选手都已退出，没有人参加决赛');
      await rounds.assignWholePanel(tx, s.r);
      await repo.insertSlots(tx, id, order);
      await repo.updateLiveRound(
        tx,
        id,
        { state: 'running', current_entry_id: null, undo: null },
        clock.now(),
      );
      await auditLive(tx, who, s.r, 'live.started', { speakers: order.length });
    });
    return consoleView(actor, id);
  }

  async function callNext(actor: Actor, id: string, who: AuditWho) {
    await mcStep(actor, id, ['running'], '请下一位选手', async (tx, s) => {
      const cur = currentSlot(s);
      if (cur && !DONE.includes(cur.status))
        throw conflict(
          cur.status === 'scoring'
            ? '当前选手的评委还没有全部提交评分，请稍候再请下一位选手'
            : '当前选手还在宣讲，请先停止计时并开始评分，或登记缺席',
        );
      const next = nextWaiting(s);
      if (!next) throw conflict('所有选手都已上场，没有下一位选手了');
      await repo.updateSlot(tx, id, next.entry_id, { status: 'speaking' });
      await repo.updateLiveRound(
        tx,
        id,
        {
          current_entry_id: next.entry_id,
          timer_running: false,
          timer_started_at: null,
          timer_elapsed_ms: 0,
          undo: { kind: 'call', entryId: next.entry_id, previousEntryId: s.live.current_entry_id },
        },
        clock.now(),
      );
      await auditLive(tx, who, s.r, 'live.speaker_called', {
        entryId: next.entry_id,
        position: next.position,
      });
    });
    return consoleView(actor, id);
  }

  async function timer(actor: Actor, id: string, action: TimerAction, who: AuditWho) {
    await mcStep(actor, id, ['running'], '操作计时器', async (tx, s) => {
      const cur = currentSlot(s);
      if (!cur || cur.status !== 'speaking') throw conflict('当前没有正在宣讲的选手，请先请选手上场');
      if (cur.spoken_ms !== null) throw conflict('计时已停止；如需继续计时，请点「撤销」并写明原因');
      const now = clock.now();
      const elapsed = elapsedAt(s.live, now);
      const running = s.live.timer_running;
      if (action === 'start' || action === 'resume') {
        if (running) throw conflict('计时器已在运行');
        if (action === 'start' && elapsed > 0) throw conflict('计时已开始过，请点「继续」');
        if (action === 'resume' && elapsed === 0) throw conflict('计时还没有开始，请点「开始计时」');
        await repo.updateLiveRound(tx, id, { timer_running: true, timer_started_at: now, undo: null }, now);
        await auditLive(tx, who, s.r, 'live.timer', { action, entryId: cur.entry_id, elapsedMs: elapsed });
        return;
      }
      if (action === 'pause') {
        if (!running) throw conflict('计时器没有在运行');
        await repo.updateLiveRound(
          tx,
          id,
          { timer_running: false, timer_started_at: null, timer_elapsed_ms: elapsed, undo: null },
          now,
        );
        await auditLive(tx, who, s.r, 'live.timer', { action, entryId: cur.entry_id, elapsedMs: elapsed });
        return;
      }
      // stop: the spoken time is known; it and its penalty become a record of the log.
      if (!running && elapsed === 0) throw conflict('计时还没有开始');
      await recordSpokenTime(tx, s, cur.entry_id, elapsed, null, actor);
      await repo.updateLiveRound(
        tx,
        id,
        {
          timer_running: false,
          timer_started_at: null,
          timer_elapsed_ms: elapsed,
          undo: { kind: 'stop', entryId: cur.entry_id, elapsedMs: elapsed },
        },
        now,
      );
      await auditLive(tx, who, s.r, 'live.time_recorded', {
        entryId: cur.entry_id,
        ...timePenaltyOf(elapsed, settings(s.r).timePenalty),
      });
    });
    return consoleView(actor, id);
  }

  async function recordSpokenTime(
    tx: Db,
    s: Scene,
    entryId: string,
    elapsedMs: number,
    reason: string | null,
    actor: Actor,
  ) {
    const t = timePenaltyOf(elapsedMs, settings(s.r).timePenalty);
    await repo.updateSlot(tx, s.r.id, entryId, { spoken_ms: elapsedMs });
    await rounds.recordTime(tx, s.r, { entryId, ...t, reason }, actor);
  }

  async function openScoring(actor: Actor, id: string, who: AuditWho) {
    await mcStep(actor, id, ['running'], '开始评分', async (tx, s) => {
      const cur = currentSlot(s);
      if (!cur || cur.status !== 'speaking') throw conflict('当前没有正在宣讲的选手');
      if (cur.spoken_ms === null) throw conflict('请先停止计时，再开始评分');
      await rounds.assignSpeakerToPanel(tx, s.r, cur.entry_id);
      await repo.updateSlot(tx, id, cur.entry_id, { status: 'scoring', scoring_opened_at: clock.now() });
      await repo.updateLiveRound(
        tx,
        id,
        { undo: { kind: 'open', entryId: cur.entry_id, previous: s.live.undo } },
        clock.now(),
      );
      await auditLive(tx, who, s.r, 'live.scoring_opened', { entryId: cur.entry_id });
    });
    return consoleView(actor, id);
  }

  /** A no-show: a speaker still waiting, or called but whose timer never started. */
  async function skip(actor: Actor, id: string, input: { entryId: string; reason: string }, who: AuditWho) {
    await mcStep(actor, id, ['running'], '登记缺席', async (tx, s) => {
      const slot = s.slots.find((x) => x.entry_id === input.entryId);
      if (!slot) throw notFound('选手');
      const isCurrent = s.live.current_entry_id === slot.entry_id;
      const untouched =
        slot.status === 'speaking' &&
        isCurrent &&
        !s.live.timer_running &&
        elapsedAt(s.live, clock.now()) === 0;
      if (slot.status !== 'waiting' && !untouched)
        throw conflict(`该选手当前为「${liveSlotStatusLabels[slot.status]}」，不能登记缺席`);
      await rounds.setEntryAbsent(tx, s.r, slot.entry_id, true);
      await repo.updateSlot(tx, id, slot.entry_id, { status: 'no_show', skip_reason: input.reason });
      await repo.updateLiveRound(
        tx,
        id,
        {
          ...(isCurrent ? { timer_running: false, timer_started_at: null, timer_elapsed_ms: 0 } : {}),
          undo: {
            kind: 'skip',
            entryId: slot.entry_id,
            previousStatus: slot.status as 'waiting' | 'speaking',
            previousEntryId: s.live.current_entry_id,
          },
        },
        clock.now(),
      );
      await auditLive(tx, who, s.r, 'live.speaker_skipped', { entryId: slot.entry_id, reason: input.reason });
    });
    return consoleView(actor, id);
  }

  /** What undoing needs to know: the step's speaker and whether any judge has scored them. */
  async function undoFacts(tx: Db, s: Scene, u: LiveUndo): Promise<UndoFacts> {
    const slot = s.slots.find((x) => x.entry_id === u.entryId);
    // Only taking back 开始评分 depends on the judges (the console asks on every poll).
    if (u.kind !== 'open') return { slot, scoredBy: 0 };
    const pairs = await reviewsRepo.listAssignments(tx, s.r.id);
    return {
      slot,
      scoredBy: pairs.filter((a) => a.entry_id === u.entryId && a.status !== 'open' && a.status !== 'removed')
        .length,
    };
  }

  /**
   * Takes back the MC's last step, with a reason (see undo.ts): calling a speaker (before the timer
   * started), stopping the timer (before scoring opened: the time is recorded again at the next stop,
   * as a new record), a no-show, opening scoring (while no judge has scored: afterwards the
   * organiser reopens scores instead) or an announcement (the result leaves the screens).
   */
  async function undo(actor: Actor, id: string, reason: string, who: AuditWho) {
    await mcStep(actor, id, ['running', 'finished', 'signed'], '撤销', async (tx, s) => {
      const u = s.live.undo;
      if (!u) throw conflict('没有可以撤销的操作（计时开始后不能撤销）');
      const plan = planUndo(u, await undoFacts(tx, s, u));
      if (plan.present) await rounds.setEntryAbsent(tx, s.r, u.entryId, false);
      await repo.updateSlot(tx, id, plan.entryId, plan.slot);
      await repo.updateLiveRound(tx, id, plan.live, clock.now());
      await auditLive(tx, who, s.r, 'live.undone', { kind: u.kind, entryId: u.entryId, reason });
    });
    return consoleView(actor, id);
  }

  /** The result goes on the screens: once all judges scored and, if so set, the supervisor confirmed. */
  async function announce(actor: Actor, id: string, entryId: string, who: AuditWho) {
    await mcStep(actor, id, ['running', 'finished', 'signed'], '公布成绩', async (tx, s) => {
      const slot = s.slots.find((x) => x.entry_id === entryId);
      if (!slot) throw notFound('选手');
      if (slot.announced_at) throw conflict('该选手的成绩已公布');
      if (slot.status !== 'scored' && slot.status !== 'confirmed')
        throw conflict('评委还没有全部提交评分，不能公布成绩');
      if (settings(s.r).announce === 'after_confirm' && slot.status !== 'confirmed')
        throw conflict('本场设置为监督员确认后公布，请等待监督员确认该选手的成绩');
      await repo.updateSlot(tx, id, entryId, { announced_at: clock.now() });
      await repo.updateLiveRound(
        tx,
        id,
        { undo: { kind: 'announce', entryId, previous: s.live.undo } },
        clock.now(),
      );
      await auditLive(tx, who, s.r, 'live.result_announced', { entryId });
    });
    return consoleView(actor, id);
  }

  async function speakersOf(tx: Db, r: RoundRow, slots: LiveSlotRow[]) {
    const [entries, panel, c] = await Promise.all([
      reviewsRepo.listRoundEntries(tx, r.id),
      reviewsRepo.listPanel(tx, r.id),
      computeResults(tx, r),
    ]);
    const byId = new Map(entries.map((e) => [e.entry_id, e]));
    const names = new Map(panel.map((j) => [j.user_id, j.display_name]));
    return {
      c,
      panel,
      items: slots.map((x) => {
        const e = byId.get(x.entry_id);
        const res = speakerResult(c, x.entry_id, names);
        return {
          entryId: x.entry_id,
          position: x.position,
          speakerName: e?.speaker_name ?? '',
          unitName: e?.unit_name ?? '',
          title: e?.title ?? '',
          status: shownStatus(x.status, res.complete),
          statusLabel: liveSlotStatusLabels[shownStatus(x.status, res.complete)],
          skipReason: x.skip_reason,
          leftReason: e?.left_at ? e.left_reason : null,
          announced: !!x.announced_at,
          confirmed: x.status === 'confirmed',
          result: res,
        };
      }),
    };
  }

  /** Everything the MC console shows (the organiser sees scores anyway: they manage the round). */
  async function consoleView(actor: Actor, id: string) {
    const { s, order, rehearsal, speakers, undoing } = await db.transaction().execute(async (tx) => {
      const r = await liveRound(tx, id, false);
      policy.assertMc(actor, r, await judging(tx, r, actor));
      const s = await scene(tx, r, false);
      const order = s.live.state === 'setup' ? await orderOf(tx, r) : null;
      const rehearsal = r.rehearsal ? null : await repo.findActiveRehearsal(tx, r.id);
      const u = s.live.undo;
      const undoing = u ? { u, refusal: undoRefusal(u, await undoFacts(tx, s, u)) } : null;
      return { s, order, rehearsal, speakers: await speakersOf(tx, r, s.slots), undoing };
    });
    const now = clock.now();
    const cur = currentSlot(s);
    const next = nextWaiting(s);
    const live = settings(s.r);
    return {
      round: {
        id: s.r.id,
        name: s.r.config.name,
        campaignTitle: s.r.campaign_title,
        reviewState: s.r.state,
        rehearsal: s.r.rehearsal,
        rehearsalOf: s.live.rehearsal_of,
        settings: live,
        criteria: s.r.config.criteria,
      },
      state: s.live.state,
      stateLabel: liveStateLabels[s.live.state],
      orderReady: s.live.state === 'setup' ? !!order && order.length > 0 : true,
      version: s.live.version,
      screenCode: s.live.screen_code,
      serverNow: now.toISOString(),
      currentEntryId: cur?.entry_id ?? null,
      nextEntryId: next?.entry_id ?? null,
      timer: {
        running: s.live.timer_running,
        elapsedMs: elapsedAt(s.live, now),
        stopped: cur?.spoken_ms !== null && cur?.spoken_ms !== undefined,
        limitSeconds: live.speakingSeconds,
        warnSeconds: live.warnSeconds,
      },
      // A step that can no longer be taken back says why (the MC is not left to find out by trying).
      undo: undoing
        ? { kind: undoing.u.kind, label: undoLabels[undoing.u.kind], refusal: undoing.refusal }
        : null,
      activeRehearsal: rehearsal ? { roundId: rehearsal.round_id } : null,
      judges: speakers.panel
        .filter((j) => j.active)
        .map((j) => ({ userId: j.user_id, name: j.display_name })),
      speakers: speakers.items,
    };
  }

  // ---------- judges ----------

  /** Live rounds (and rehearsals) where the judge sits on the panel, for the phone's start page. */
  async function myLiveRounds(actor: Actor) {
    const rows = await repo.liveRoundsOfJudge(db, actor.userId);
    return {
      items: rows.map((r) => ({
        id: r.id,
        name: r.name,
        campaignTitle: r.campaign_title,
        rehearsal: r.rehearsal,
        state: (r.live_state ?? 'setup') as LiveState,
        stateLabel: liveStateLabels[(r.live_state ?? 'setup') as LiveState],
      })),
    };
  }

  async function judgeScene(tx: Db, actor: Actor, id: string, forUpdate: boolean) {
    const r = await liveRound(tx, id, forUpdate);
    policy.assertPanelJudge(await reviewsRepo.findPanelMember(tx, id, actor.userId));
    return scene(tx, r, forUpdate);
  }

  /** The phone's state: the speaker on stage, whom the judge may score now, what they submitted. */
  async function judgeView(actor: Actor, id: string) {
    return db.transaction().execute(async (tx) => {
      const s = await judgeScene(tx, actor, id, false);
      const [entries, assignments, latest] = await Promise.all([
        reviewsRepo.listRoundEntries(tx, id),
        reviewsRepo.listAssignments(tx, id),
        reviewsRepo.latestScores(tx, id, { judgeId: actor.userId }),
      ]);
      const byId = new Map(entries.map((e) => [e.entry_id, e]));
      const mine = new Map(
        assignments.filter((a) => a.judge_user_id === actor.userId).map((a) => [a.entry_id, a]),
      );
      const last = new Map(latest.map((l) => [l.entry_id, l]));
      const speaker = (x: LiveSlotRow) => {
        const e = byId.get(x.entry_id);
        const a = mine.get(x.entry_id);
        const l = last.get(x.entry_id);
        const submitted = a?.status === 'submitted';
        return {
          entryId: x.entry_id,
          position: x.position,
          speakerName: e?.speaker_name ?? '',
          unitName: e?.unit_name ?? '',
          title: e?.title ?? '',
          status: x.status,
          statusLabel: liveSlotStatusLabels[x.status],
          /** Scoring is open to this judge now (first time, or reopened by the organiser). */
          canScore:
            !!a &&
            !submitted &&
            a.status !== 'removed' &&
            ['scoring', 'scored', 'confirmed'].includes(x.status),
          reopened: a?.status === 'draft' && l?.action === 'reopen',
          reopenReason: l?.action === 'reopen' ? l.reason : null,
          submitted,
          myScores: submitted && l ? l.scores : null,
          submittedAt: submitted && l ? l.created_at : null,
        };
      };
      const cur = currentSlot(s);
      return {
        round: {
          id,
          name: s.r.config.name,
          campaignTitle: s.r.campaign_title,
          rehearsal: s.r.rehearsal,
          criteria: s.r.config.criteria,
        },
        state: s.live.state,
        stateLabel: liveStateLabels[s.live.state],
        version: s.live.version,
        current: cur ? speaker(cur) : null,
        toScore: s.slots.map(speaker).filter((x) => x.canScore),
        submitted: s.slots.map(speaker).filter((x) => x.submitted),
      };
    });
  }

  const requestHash = (judgeId: string, input: LiveScoreInput) =>
    createHash('sha256')
      .update(canonicalJson({ judgeId, entryId: input.entryId, scores: input.scores }))
      .digest('hex');

  /**
   * A judge's score. The key makes it idempotent: the first attempt stores its outcome under the key
   * in the same transaction as the score; a retry with the same key and content gets that outcome and
   * appends nothing, whatever happened since; the same key with other content is refused.
   */
  async function score(actor: Actor, id: string, input: LiveScoreInput, who: AuditWho) {
    const out = await db.transaction().execute(async (tx) => {
      // The round locked first: a retry racing its own first attempt waits for it, then finds the key.
      await liveRound(tx, id, true);
      const hash = requestHash(actor.userId, input);
      const seen = await repo.findScoreKey(tx, input.key);
      // A retry of what this judge already sent is answered as it was, whatever happened since.
      if (seen && seen.judge_user_id === actor.userId && seen.request_hash === hash && seen.round_id === id)
        return { outcome: seen.outcome as ScoreOutcome, changed: false };
      const s = await judgeScene(tx, actor, id, true);
      if (seen) throw conflict('这个提交编号已用于另一份评分，请刷新页面后重新提交');
      const slot = s.slots.find((x) => x.entry_id === input.entryId);
      if (!slot) throw notFound('选手');
      const assignment = await reviewsRepo.findAssignment(tx, id, input.entryId, actor.userId);
      if (assignment?.status === 'submitted')
        throw conflict('您已提交该选手的评分，提交后不能修改；如需修改，请组织者说明原因后重新打开');
      const reopened = assignment?.status === 'draft';
      if (
        slot.status !== 'scoring' &&
        !(reopened && (slot.status === 'scored' || slot.status === 'confirmed'))
      )
        throw conflict('该选手的评分还没有开始（或已结束），请等待主持人开始评分');
      const { stored, total } = await rounds.submitScore(tx, s.r, actor, input.entryId, input.scores);
      const now = clock.now();
      const outcome: ScoreOutcome = {
        entryId: input.entryId,
        status: 'submitted',
        total,
        submittedAt: now.toISOString(),
        seq: stored.seq,
      };
      await repo.insertScoreKey(tx, {
        key: input.key,
        roundId: id,
        judgeId: actor.userId,
        entryId: input.entryId,
        requestHash: hash,
        outcome,
        now,
      });
      // Everyone on the panel has scored: the speaker's result is complete.
      const pairs = (await reviewsRepo.listAssignments(tx, id)).filter(
        (a) => a.entry_id === input.entryId && a.status !== 'removed',
      );
      let announced = false;
      if (pairs.every((a) => a.status === 'submitted')) {
        // Announced by itself only when first complete: a result the MC took off the screens (撤销)
        // comes back when announced again, not when a reopened score is submitted again.
        const announceNow =
          settings(s.r).announce === 'before_confirm' && !slot.announced_at && !slot.scored_at;
        await repo.updateSlot(tx, id, input.entryId, {
          status: 'scored',
          scored_at: now,
          confirmed_by: null,
          confirmed_at: null,
          ...(announceNow ? { announced_at: now } : {}),
        });
        announced = announceNow;
      }
      await repo.updateLiveRound(
        tx,
        id,
        // The MC may take an announcement made by itself off the screens, as one they made.
        announced ? { undo: { kind: 'announce', entryId: input.entryId, previous: null } } : {},
        now,
      );
      await auditLive(tx, who, s.r, 'live.score_submitted', { entryId: input.entryId, total });
      await settle(tx, id);
      return { outcome, changed: true };
    });
    return out;
  }

  // ---------- the supervisor ----------

  /** Every score as it arrives, named, with each speaker's result and the confirmations. */
  async function supervision(actor: Actor, id: string) {
    return db.transaction().execute(async (tx) => {
      const r = await liveRound(tx, id, false);
      const judged = await judging(tx, r, actor);
      policy.assertWatches(actor, r, judged);
      const s = await scene(tx, r, false);
      const speakers = await speakersOf(tx, r, s.slots);
      const refusal = policy.confirmRefusal(actor, r, judged);
      const allDone =
        s.slots.length > 0 &&
        s.slots.every((x) => x.status === 'confirmed' || x.status === 'no_show' || x.status === 'withdrawn');
      return {
        round: {
          id,
          name: r.config.name,
          campaignTitle: r.campaign_title,
          rehearsal: r.rehearsal,
          settings: settings(r),
          criteria: r.config.criteria,
          dropHighest: speakers.c.rules.dropHighest,
          dropLowest: speakers.c.rules.dropLowest,
          decimals: speakers.c.rules.decimals,
        },
        state: s.live.state,
        stateLabel: liveStateLabels[s.live.state],
        version: s.live.version,
        currentEntryId: s.live.current_entry_id,
        chainHead: r.chain_head,
        records: r.score_count,
        problems: speakers.c.problems.map((p) => p.message),
        canConfirm: refusal === null,
        confirmRefusal: refusal,
        signOff: {
          allowed: refusal === null && s.live.state === 'finished' && allDone,
          signed: s.live.state === 'signed',
          blockedReason:
            refusal ??
            (s.live.state === 'signed' ? '已签字确认' : !allDone ? '还有选手的成绩未经确认' : null),
        },
        speakers: speakers.items,
      };
    });
  }

  async function superviseStep<T>(actor: Actor, id: string, step: (tx: Db, s: Scene) => Promise<T>) {
    return db.transaction().execute(async (tx) => {
      const r = await liveRound(tx, id, true);
      policy.assertMayConfirm(actor, r, await judging(tx, r, actor));
      return step(tx, await scene(tx, r, true));
    });
  }

  async function confirm(actor: Actor, id: string, entryId: string, who: AuditWho) {
    await superviseStep(actor, id, async (tx, s) => {
      const slot = s.slots.find((x) => x.entry_id === entryId);
      if (!slot) throw notFound('选手');
      if (slot.status === 'confirmed') throw conflict('该选手的成绩已确认');
      const names = new Map<string, string>();
      const complete = speakerResult(await computeResults(tx, s.r), entryId, names).complete;
      if (slot.status !== 'scored' || !complete) throw conflict('评委还没有全部提交该选手的评分，暂不能确认');
      const now = clock.now();
      await repo.updateSlot(tx, id, entryId, {
        status: 'confirmed',
        confirmed_by: actor.userId,
        confirmed_at: now,
      });
      await repo.updateLiveRound(tx, id, {}, now);
      await auditLive(tx, who, s.r, 'live.result_confirmed', { entryId });
      await settle(tx, id);
    });
    return supervision(actor, id);
  }

  /** The supervisor signs the whole final: scoring closes, the sign-off pins the log's head. */
  async function signOff(
    actor: Actor,
    id: string,
    input: { comment: string; chainHead?: string },
    who: AuditWho,
  ) {
    await superviseStep(actor, id, async (tx, s) => {
      if (s.live.state === 'signed') throw conflict('现场决赛已签字确认');
      const open = s.slots.filter(
        (x) => x.status !== 'confirmed' && x.status !== 'no_show' && x.status !== 'withdrawn',
      );
      if (s.slots.length === 0 || open.length > 0)
        throw conflict(`还有 ${open.length || '全部'} 位选手的成绩未经确认，请逐一确认后再签字`);
      const head = await rounds.closeAndSignOff(tx, s.r, actor, input, who);
      await repo.updateLiveRound(tx, id, { state: 'signed', undo: null }, clock.now());
      await auditLive(tx, who, s.r, 'live.signed_off', { comment: input.comment, ...head });
    });
    return supervision(actor, id);
  }

  // ---------- rehearsal ----------

  /** 彩排: a copy of the live round (same settings, panel and finalists) whose data is thrown away. */
  async function startRehearsal(actor: Actor, id: string, who: AuditWho) {
    const rehearsalId = await db.transaction().execute(async (tx) => {
      const r = await liveRound(tx, id, true);
      policy.assertMc(actor, r, await judging(tx, r, actor));
      if (r.rehearsal) throw conflict('这已经是彩排，请回到正式比赛的控制台');
      if (r.state !== 'open') throw conflict('本轮评分已截止，不能再彩排');
      const s = await scene(tx, r, true);
      if (s.live.state !== 'setup') throw conflict('正式比赛已经开始，不能再彩排');
      if (await repo.findActiveRehearsal(tx, id))
        throw conflict('已有一场彩排，请先「重置彩排」再开始新的彩排');
      const copy = await rounds.openRehearsal(tx, r, actor);
      await repo.ensureLiveRound(tx, copy.id, id, clock.now());
      await auditLive(tx, who, r, 'live.rehearsal_started', { rehearsalRoundId: copy.id });
      return copy.id;
    });
    return { rehearsalRoundId: rehearsalId };
  }

  /** 重置彩排: the rehearsal is discarded (its log stays, append-only, but it is gone from every view). */
  async function resetRehearsal(actor: Actor, id: string, who: AuditWho) {
    return db.transaction().execute(async (tx) => {
      const r = await liveRound(tx, id, true);
      policy.assertMc(actor, r, await judging(tx, r, actor));
      const rehearsal = await repo.findActiveRehearsal(tx, id);
      if (!rehearsal) throw conflict('没有进行中的彩排');
      await repo.updateLiveRound(tx, rehearsal.round_id, { discarded_at: clock.now() }, clock.now());
      await auditLive(tx, who, r, 'live.rehearsal_reset', { rehearsalRoundId: rehearsal.round_id });
      return { rehearsalRoundId: rehearsal.round_id };
    });
  }

  return {
    consoleView,
    start,
    callNext,
    timer,
    openScoring,
    skip,
    undo,
    announce,
    myLiveRounds,
    judgeView,
    score,
    supervision,
    confirm,
    signOff,
    startRehearsal,
    resetRehearsal,
  };
}
export type LiveService = ReturnType<typeof liveService>;

export interface ScoreOutcome {
  entryId: string;
  status: 'submitted';
  total: string;
  submittedAt: string;
  /** The score's record number in the round's log. */
  seq: number;
}
