import type { LiveRankRow, LiveResult, LiveSnapshot, LiveSpeaker } from '@jiangtai/contracts';
import { notFound } from '../../lib/errors.ts';
import * as reviewsRepo from '../reviews/repository.ts';
import type { Db } from '../reviews/repository.ts';
import { computeResults } from '../reviews/results-service.ts';
import { createRoundTally } from '../reviews/tally.ts';
import type { JudgeScore } from '../reviews/scoring.ts';
import { recordTotal } from '../reviews/score-log.ts';
import * as repo from './repository.ts';
import { judgeLabel, shownStatus, speakerResult } from './results.ts';

/**
 * The public state of a live round, for the big screen, the ranking screen and the audience view.
 * Public-safe: names of speakers (the final is open review) and, for a speaker, scores only once
 * the result was announced — which needs every judge's score and, when the round says so, the
 * supervisor's confirmation. Judges appear as configured (name, 评委N, or not at all); while a
 * speaker is being scored only counts are shown. `now` is the server clock of the snapshot.
 */
export async function buildSnapshot(db: Db, roundId: string, now: Date = new Date()): Promise<LiveSnapshot> {
  const r = await reviewsRepo.findRound(db, roundId);
  const settings = r?.config.live;
  if (!r || !settings) throw notFound('现场决赛');
  const live = await repo.findLiveRound(db, roundId);
  if (live?.discarded_at) throw notFound('现场决赛');
  const [slots, entries, panel, c] = await Promise.all([
    repo.listSlots(db, roundId),
    reviewsRepo.listRoundEntries(db, roundId),
    reviewsRepo.listPanel(db, roundId),
    computeResults(db, r),
  ]);
  const byId = new Map(entries.map((e) => [e.entry_id, e]));
  const names = new Map(panel.map((j) => [j.user_id, j.display_name]));
  // 评委N follows the panel's order, the same for every speaker.
  const order = new Map(panel.filter((j) => j.active).map((j, i) => [j.user_id, i]));

  const speakers: LiveSpeaker[] = slots.map((x) => {
    const e = byId.get(x.entry_id);
    const complete = speakerResult(c, x.entry_id, names).complete;
    return {
      entryId: x.entry_id,
      position: x.position,
      speakerName: e?.speaker_name ?? '',
      unitName: e?.unit_name ?? '',
      title: e?.title ?? '',
      status: shownStatus(x.status, complete),
    };
  });
  const speakerOf = new Map(speakers.map((s) => [s.entryId, s]));

  const resultOf = (entryId: string, confirmed: boolean): LiveResult => {
    const s = speakerOf.get(entryId)!;
    const res = speakerResult(c, entryId, names);
    return {
      entryId,
      position: s.position,
      speakerName: s.speakerName,
      unitName: s.unitName,
      title: s.title,
      judges:
        settings.judgeDisplay === 'hidden'
          ? []
          : res.judges
              .filter((j) => j.submitted)
              .sort((a, b) => (order.get(a.judgeId) ?? 0) - (order.get(b.judgeId) ?? 0))
              .map((j) => ({
                label: judgeLabel(settings.judgeDisplay, j.name, order.get(j.judgeId) ?? 0),
                total: j.total ?? '0',
                dropped: j.dropped,
              })),
      average: res.average ?? '0',
      overtimeSeconds: res.overtimeSeconds,
      penalty: res.penalty,
      score: res.score ?? '0',
      confirmed,
    };
  };

  // A result whose score was reopened leaves the screens until it is complete again.
  const announced = slots
    .filter((x) => x.announced_at && speakerResult(c, x.entry_id, names).complete)
    .sort((a, b) => new Date(a.announced_at!).getTime() - new Date(b.announced_at!).getTime());
  const latest = announced[announced.length - 1];

  // The ranking of announced results by the round's own rules (trimming, penalty, tie rule).
  const scoresOf = (entryId: string): JudgeScore[] =>
    c.pairs
      .filter((p) => p.entryId === entryId && p.state === 'submitted' && p.lastSubmit)
      .map((p) => {
        const s = p.lastSubmit!.scores as Record<string, string | null>;
        return {
          judgeId: p.judgeId,
          total: recordTotal(s) ?? '0',
          criteria: Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v ?? '0'])),
        };
      });
  const tally = createRoundTally(
    c.rules,
    announced.map((x) => [x.entry_id, scoresOf(x.entry_id)] as const),
    new Map([...c.facts.times].map(([e, t]) => [e, t.penalty])),
  );
  const ranking: LiveRankRow[] = tally
    .ranking()
    .filter((k) => k.rank !== null)
    .map((k) => ({
      rank: k.rank!,
      entryId: k.entryId,
      speakerName: speakerOf.get(k.entryId)?.speakerName ?? '',
      unitName: speakerOf.get(k.entryId)?.unitName ?? '',
      score: k.score ?? '0',
    }));

  const current = slots.find((x) => x.entry_id === live?.current_entry_id) ?? null;
  const next = slots.find((x) => x.status === 'waiting') ?? null;
  const elapsedMs = live
    ? live.timer_elapsed_ms +
      (live.timer_running && live.timer_started_at
        ? Math.max(0, now.getTime() - new Date(live.timer_started_at).getTime())
        : 0)
    : 0;
  const scoring =
    current && (current.status === 'scoring' || current.status === 'scored' || current.status === 'confirmed')
      ? (() => {
          const res = speakerResult(c, current.entry_id, names);
          return { open: current.status === 'scoring', submitted: res.submitted, judges: res.judges.length };
        })()
      : null;

  return {
    roundId,
    version: live?.version ?? 0,
    campaignTitle: r.campaign_title,
    roundName: r.config.name,
    rehearsal: r.rehearsal,
    state: live?.state ?? 'setup',
    serverNow: now.toISOString(),
    speakers,
    currentEntryId: current?.entry_id ?? null,
    nextEntryId: next?.entry_id ?? null,
    timer: {
      running: live?.timer_running ?? false,
      elapsedMs,
      limitSeconds: settings.speakingSeconds,
      warnSeconds: settings.warnSeconds,
    },
    scoring,
    lastResult: latest ? resultOf(latest.entry_id, latest.status === 'confirmed') : null,
    ranking,
    judgeDisplay: settings.judgeDisplay,
  };
}

/** The live round a public screen address (/screen/<code>) shows, or null (unknown or reset). */
export function roundIdForScreen(db: Db, code: string): Promise<string | null> {
  return repo.findRoundIdByScreenCode(db, code);
}
