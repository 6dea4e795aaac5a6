import { liveStateLabels } from '@jiangtai/contracts';
import type { Actor } from '../../lib/actor.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import type { AuditWho } from '../audit/service.ts';
import type { Db } from '../reviews/repository.ts';
import { computeResults } from '../reviews/results-service.ts';
import * as policy from './policy.ts';
import * as repo from './repository.ts';
import { speakerResult } from './results.ts';
import type { LiveCore, Scene } from './live-core.ts';

/** The supervisor's page: every score as it arrives, confirmations and the sign-off. */
export function supervisor(core: LiveCore) {
  const { db, clock, rounds, liveRound, scene, judging, settings } = core;
  const { auditLive, settle, speakersOf } = core;

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

  return { supervision, confirm, signOff };
}
