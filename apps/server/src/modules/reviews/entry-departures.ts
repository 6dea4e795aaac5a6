import type { AuditWho } from '../audit/service.ts';
import { fixedFinalists } from '../live/draw/fixed-list.ts';
import { auditRound } from './round-context.ts';
import * as repo from './repository.ts';
import type { Db, RoundRow } from './repository.ts';
import { previousContestStage } from './rules.ts';
import { appendRecord, chainMark } from './score-log.ts';

/**
 * The rounds' side of an entry leaving the contest (the speaker withdraws it, the unit returns it, a
 * round's recommendation of it or the earlier stage's list is taken back) and of it coming back.
 * Called inside the transaction of the change that causes it, so an entry never competes in a state
 * that no longer allows it.
 *
 * Leaving and coming back change the ranking, so each is a record of the round's score log
 * ('entry_left' / 'entry_rejoined'): the chain head moves, earlier sign-offs lapse and the 公示 head
 * changes. round_entries.left_at mirrors the log for the screens; the results read the log.
 */

/** Who did it, for the record's actor: the platform itself when no one is signed in. */
const actorIdOf = (who: AuditWho, r: RoundRow) => (who.actor?.userId ?? r.created_by)!;

async function leaveRound(tx: Db, who: AuditWho, r: RoundRow, entryId: string, reason: string, at: Date) {
  const row = await repo.findRoundEntry(tx, r.id, entryId);
  if (!row || row.left_at) return false;
  await repo.setRoundEntryLeft(tx, r.id, entryId, { at, reason });
  await appendRecord(tx, r, {
    action: 'entry_left',
    entryId,
    judgeId: null,
    reason,
    actorId: actorIdOf(who, r),
    now: at,
  });
  await auditRound(tx, who, r, 'round.entry_left', {
    after: { code: row.code, roundState: r.state, reason, ...chainMark(r) },
  });
  return true;
}

/**
 * The entry competes again in an open round: its earlier judging is set aside (the log's rejoin
 * record clears its pairs, a judge taken off it stays off) and the same judges get it back to score
 * afresh, so no score given to the version that left counts for the one that came back.
 */
async function rejoinRound(tx: Db, who: AuditWho, r: RoundRow, entryId: string, reason: string, at: Date) {
  const row = await repo.findRoundEntry(tx, r.id, entryId);
  if (!row?.left_at) return false;
  // A live final whose draw has fixed its finalists takes back only those on the list: any other
  // entry would compete outside the drawn speaking order.
  const fixed = await fixedFinalists(tx, r.id);
  if (fixed && !fixed.entryIds.includes(entryId)) return false;
  await repo.setRoundEntryLeft(tx, r.id, entryId, null);
  await tx
    .updateTable('round_assignments')
    .set({ status: 'open', removed_reason: null })
    .where('round_id', '=', r.id)
    .where('entry_id', '=', entryId)
    .where('status', 'in', ['draft', 'submitted'])
    .execute();
  await appendRecord(tx, r, {
    action: 'entry_rejoined',
    entryId,
    judgeId: null,
    reason,
    actorId: actorIdOf(who, r),
    now: at,
  });
  await auditRound(tx, who, r, 'round.entry_rejoined', {
    after: { code: row.code, reason, ...chainMark(r) },
  });
  return true;
}

/** The rounds (locked, ascending id) in which the entry is listed, in the given states. */
async function roundsOfEntry(
  tx: Db,
  entryId: string,
  o: { left: boolean; states: string[]; except?: string },
) {
  let q = tx
    .selectFrom('round_entries as re')
    .innerJoin('review_rounds as r', 'r.id', 're.round_id')
    .select('re.round_id')
    .where('re.entry_id', '=', entryId)
    .where('re.left_at', o.left ? 'is not' : 'is', null)
    .where('r.state', 'in', o.states as RoundRow['state'][]);
  if (o.except) q = q.where('re.round_id', '<>', o.except);
  const ids = (await q.orderBy('re.round_id').execute()).map((x) => x.round_id);
  const rounds: RoundRow[] = [];
  for (const id of ids) {
    const r = await repo.findRound(tx, id, { forUpdate: true });
    if (r) rounds.push(r);
  }
  return rounds;
}

/**
 * Locks every unsealed round the entry is listed in, ascending id, before the entry itself is locked:
 * a round's own changes lock the round and then its entries, so an entry's change takes the same
 * order and the two never wait on each other in a cycle.
 */
export async function lockRoundsOfEntry(tx: Db, entryId: string) {
  const ids = await tx
    .selectFrom('round_entries as re')
    .innerJoin('review_rounds as r', 'r.id', 're.round_id')
    .select('re.round_id')
    .where('re.entry_id', '=', entryId)
    .where('r.state', '<>', 'final')
    .orderBy('re.round_id')
    .execute();
  for (const x of ids) await repo.findRound(tx, x.round_id, { forUpdate: true });
}

/** Every stage except a sealed (final) round, which is history and is not touched. */
const UNSEALED = ['open', 'closed', 'confirmed', 'publicised'];

/**
 * The entry leaves each unsealed round it competes in, marked 已退赛 with when and why: its score
 * records stay in the chain, but judges no longer see it, it is not ranked, it keeps no advancement
 * place, it is not on 公示 and no later stage takes it.
 */
export async function entryLeavesRounds(
  tx: Db,
  who: AuditWho,
  change: { entryId: string; reason: string; at: Date; exceptRoundId?: string },
) {
  const rounds = await roundsOfEntry(tx, change.entryId, {
    left: false,
    states: UNSEALED,
    ...(change.exceptRoundId ? { except: change.exceptRoundId } : {}),
  });
  for (const r of rounds) await leaveRound(tx, who, r, change.entryId, change.reason, change.at);
  return rounds.map((r) => r.id);
}

/**
 * One entry leaves one round (a finalist withdrawing before a live final's draw), in the caller's
 * transaction with the round locked: the same record, mirror and audit row as any departure. False
 * when it was not competing there.
 */
export const entryLeavesRound = (
  tx: Db,
  who: AuditWho,
  r: RoundRow,
  change: { entryId: string; reason: string; at: Date },
) => leaveRound(tx, who, r, change.entryId, change.reason, change.at);

const poolOf = (tx: Db, r: RoundRow) =>
  repo.poolEntryIds(tx, {
    campaignId: r.campaign_id,
    stageKey: r.stage_key,
    previousStageKey: previousContestStage(r.campaign_settings, r.stage_key)?.key ?? null,
    scopePath: r.scope_org_path,
  });

/**
 * The entry, eligible again (a returned entry corrected and submitted or recommended anew), comes
 * back into each open round it had left whose pool takes it now. A closed round keeps it out: its
 * scoring is over.
 */
export async function entryRejoinsRounds(tx: Db, who: AuditWho, change: { entryId: string; at: Date }) {
  const rounds = await roundsOfEntry(tx, change.entryId, { left: true, states: ['open'] });
  const back: string[] = [];
  for (const r of rounds) {
    if (!(await poolOf(tx, r)).includes(change.entryId)) continue;
    if (await rejoinRound(tx, who, r, change.entryId, '作品重新提交或推荐，重新参赛', change.at))
      back.push(r.id);
  }
  return back;
}

export const LIST_WITHDRAWN_REASON = '上一轮晋级名单已撤回';

/**
 * After a round's list changed (withdrawn, or confirmed again), the rounds of the next stage follow
 * what the earlier stage now sends on: an entry it no longer sends leaves every unsealed one, and an
 * entry it sends again comes back into an open one. New entries still come in by 加入作品.
 */
export async function followEarlierStage(tx: Db, who: AuditWho, earlier: RoundRow, at: Date) {
  const next = (await repo.listRoundsOfCampaign(tx, earlier.campaign_id)).filter(
    (x) =>
      UNSEALED.includes(x.state) &&
      previousContestStage(x.campaign_settings, x.stage_key)?.key === earlier.stage_key,
  );
  for (const n of next) {
    const r = (await repo.findRound(tx, n.id, { forUpdate: true }))!;
    const pool = new Set(await poolOf(tx, r));
    for (const e of await repo.listRoundEntries(tx, r.id)) {
      if (!e.left_at && !pool.has(e.entry_id))
        await leaveRound(tx, who, r, e.entry_id, LIST_WITHDRAWN_REASON, at);
      else if (e.left_at && pool.has(e.entry_id) && r.state === 'open')
        await rejoinRound(tx, who, r, e.entry_id, '上一轮重新确认晋级，重新参赛', at);
    }
  }
}

/** Records which entries this round's confirmation made 已推荐 (none: clears the record). */
export async function setPromoted(tx: Db, roundId: string, entryIds: readonly string[]) {
  await tx.updateTable('round_entries').set({ promoted: false }).where('round_id', '=', roundId).execute();
  if (entryIds.length === 0) return;
  await tx
    .updateTable('round_entries')
    .set({ promoted: true })
    .where('round_id', '=', roundId)
    .where('entry_id', 'in', [...entryIds])
    .execute();
}
