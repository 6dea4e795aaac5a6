import type { Actor } from '../../lib/actor.ts';
import { conflict } from '../../lib/errors.ts';
import type { AuditWho } from '../audit/service.ts';
import * as policy from './policy.ts';
import * as repo from './repository.ts';
import type { LiveCore } from './live-core.ts';

/** 彩排, started and reset from the MC console. */
export function rehearsals(core: LiveCore) {
  const { db, clock, rounds, liveRound, scene, judging } = core;
  const { auditLive } = core;

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

  return { startRehearsal, resetRehearsal };
}
