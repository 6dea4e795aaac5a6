import { createHash } from 'node:crypto';
import {
  liveSlotStatusLabels,
  liveStateLabels,
  type LiveScoreInput,
  type LiveState,
} from '@jiangtai/contracts';
import type { Actor } from '../../lib/actor.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import type { AuditWho } from '../audit/service.ts';
import * as reviewsRepo from '../reviews/repository.ts';
import type { Db } from '../reviews/repository.ts';
import { canonicalJson } from '../reviews/hash-chain.ts';
import * as policy from './policy.ts';
import * as repo from './repository.ts';
import type { LiveSlotRow } from './repository.ts';
import type { LiveCore } from './live-core.ts';

/** The judges' phones: their live rounds, the evening as the judge sees it, the idempotent score. */
export function judges(core: LiveCore) {
  const { db, clock, rounds, liveRound, scene, settings, currentSlot } = core;
  const { auditLive, settle } = core;

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

  return { myLiveRounds, judgeView, score };
}

export interface ScoreOutcome {
  entryId: string;
  status: 'submitted';
  total: string;
  submittedAt: string;
  /** The score's record number in the round's log. */
  seq: number;
}
