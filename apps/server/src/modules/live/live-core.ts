import {
  liveSlotStatusLabels,
  liveStateLabels,
  type LiveSlotStatus,
  type LiveState,
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
import * as policy from './policy.ts';
import * as repo from './repository.ts';
import type { LiveRoundRow, LiveSlotRow } from './repository.ts';
import { shownStatus, speakerResult } from './results.ts';
import { type UndoFacts } from './undo.ts';

/**
 * The order of speakers for a live round (entry ids, first speaker first), or null while it is not
 * settled. The draw (抽签) provides it; the routes inject it.
 */
export type OrderSource = (db: Db, roundId: string) => Promise<string[] | null>;

/** A speaker who is done with (scored, confirmed, absent or withdrawn): the next one may be called. */
export const DONE: readonly LiveSlotStatus[] = ['scored', 'confirmed', 'no_show', 'withdrawn'];

export interface Scene {
  r: RoundRow;
  live: LiveRoundRow;
  slots: LiveSlotRow[];
}

/**
 * What the MC console, the judges' phones and the supervisor share: loading the round and its
 * evening, the audit row, settling the evening after a change, the MC's locked step, the order,
 * what an undo depends on and the speakers with their results.
 */
export function liveCore(deps: AppDeps, orderSource: OrderSource) {
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

  return {
    db,
    clock,
    rounds,
    liveRound,
    scene,
    judging,
    settings,
    elapsedAt,
    currentSlot,
    nextWaiting,
    auditLive,
    settle,
    mcStep,
    orderOf,
    undoFacts,
    speakersOf,
  };
}
export type LiveCore = ReturnType<typeof liveCore>;
