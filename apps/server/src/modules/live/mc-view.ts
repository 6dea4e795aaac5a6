import { liveStateLabels } from '@jiangtai/contracts';
import type { Actor } from '../../lib/actor.ts';
import * as policy from './policy.ts';
import * as repo from './repository.ts';
import { undoLabels, undoRefusal } from './undo.ts';
import type { LiveCore } from './live-core.ts';

/** The MC console's page: the evening, the timer, the speakers with results, what may be undone. */
export function mcView(core: LiveCore) {
  const { db, clock, liveRound, scene, judging, settings, elapsedAt, currentSlot, nextWaiting } = core;
  const { orderOf, undoFacts, speakersOf } = core;

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

  return { consoleView };
}
