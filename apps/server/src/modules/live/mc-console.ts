import { liveSlotStatusLabels, type TimerAction } from '@jiangtai/contracts';
import type { Actor } from '../../lib/actor.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import type { AuditWho } from '../audit/service.ts';
import * as reviewsRepo from '../reviews/repository.ts';
import type { Db } from '../reviews/repository.ts';
import { timePenaltyOf } from './penalty.ts';
import * as repo from './repository.ts';
import { planUndo } from './undo.ts';
import { DONE, type LiveCore, type Scene } from './live-core.ts';
import { mcView } from './mc-view.ts';

/** The MC console's steps: start, call, timer, open scoring, no-show, undo, announce (each returns the console). */
export function mcConsole(core: LiveCore) {
  const { clock, rounds, settings, elapsedAt, currentSlot, nextWaiting } = core;
  const { auditLive, mcStep, orderOf, undoFacts } = core;

  const { consoleView } = mcView(core);

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

  return { start, callNext, timer, openScoring, skip, undo, announce };
}
