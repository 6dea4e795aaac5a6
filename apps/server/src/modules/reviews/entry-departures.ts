import { audit, type AuditWho } from '../audit/service.ts';
import type { Db } from './repository.ts';

/**
 * The rounds' side of an entry leaving the contest (the speaker withdraws it, the unit returns it, a
 * round's recommendation of it is taken back). Called by the entries service inside the same
 * transaction as the state change, so an entry never competes in a state that no longer allows it.
 *
 * The entry stays in each round it was in, marked 已退赛 with when and why: its score records stay in
 * the chain, but judges no longer see it, it is not ranked, it keeps no advancement place, it is not
 * on 公示 and no later stage takes it. A sealed round (final) is history and is not touched.
 */
export async function entryLeavesRounds(
  tx: Db,
  who: AuditWho,
  change: { entryId: string; reason: string; at: Date; exceptRoundId?: string },
) {
  let q = tx
    .selectFrom('round_entries as re')
    .innerJoin('review_rounds as r', 'r.id', 're.round_id')
    .select(['re.round_id', 're.code', 'r.scope_org_path', 'r.state'])
    .where('re.entry_id', '=', change.entryId)
    .where('re.left_at', 'is', null)
    .where('r.state', '<>', 'final');
  if (change.exceptRoundId) q = q.where('re.round_id', '<>', change.exceptRoundId);
  const rounds = await q.orderBy('re.round_id').execute();
  for (const r of rounds) {
    await tx
      .updateTable('round_entries')
      .set({ left_at: change.at, left_reason: change.reason })
      .where('round_id', '=', r.round_id)
      .where('entry_id', '=', change.entryId)
      .execute();
    await audit(tx, who, {
      action: 'round.entry_left',
      entityType: 'review_round',
      entityId: r.round_id,
      orgPath: r.scope_org_path,
      after: { code: r.code, roundState: r.state, reason: change.reason },
    });
  }
  return rounds.map((r) => r.round_id);
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
