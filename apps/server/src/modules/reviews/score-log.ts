import type { AssignmentStatus } from '@jiangtai/contracts';
import { chainRecord, type StoredScoreRecord } from './hash-chain.ts';
import { Dec } from './scoring.ts';
import * as repo from './repository.ts';
import type { Db, RoundRow, ScoreLogRow } from './repository.ts';

/**
 * Appending to a round's score log. The caller holds the round row locked (FOR UPDATE), so records
 * get consecutive sequence numbers and each one's previous hash is the round's current head.
 */
export async function appendScoreRecord(
  tx: Db,
  round: Pick<RoundRow, 'id' | 'chain_head' | 'score_count'>,
  r: {
    entryId: string;
    judgeId: string;
    action: 'draft' | 'submit' | 'reopen';
    scores: Record<string, string | null>;
    comment: string | null;
    reason: string | null;
    actorId: string;
    now: Date;
  },
): Promise<StoredScoreRecord> {
  const stored = chainRecord(round.chain_head, {
    seq: round.score_count + 1,
    roundId: round.id,
    entryId: r.entryId,
    judgeId: r.judgeId,
    action: r.action,
    scores: r.scores,
    comment: r.comment,
    reason: r.reason,
    actorId: r.actorId,
    createdAt: r.now,
  });
  await repo.appendScore(tx, stored);
  await repo.updateRound(tx, round.id, { chain_head: stored.hash, score_count: stored.seq }, r.now);
  const status: AssignmentStatus = r.action === 'submit' ? 'submitted' : 'draft';
  await repo.setAssignmentStatus(tx, round.id, r.entryId, r.judgeId, status);
  return stored;
}

/** A stored row in the shape the chain check reads. */
export const toStoredRecord = (row: ScoreLogRow): StoredScoreRecord => ({
  seq: row.seq,
  roundId: row.round_id,
  entryId: row.entry_id,
  judgeId: row.judge_user_id,
  action: row.action,
  scores: row.scores,
  comment: row.comment,
  reason: row.reason,
  actorId: row.actor_user_id,
  createdAt: row.created_at,
  prevHash: row.prev_hash,
  hash: row.hash,
});

/** A record's total in decimal arithmetic; null while a criterion is unscored (a draft). */
export function recordTotal(scores: Record<string, string | null>): string | null {
  const values = Object.values(scores);
  if (values.some((v) => v === null)) return null;
  return values.reduce((sum, v) => sum.plus(v!), new Dec(0)).toFixed();
}
