import type { AssignmentStatus } from '@jiangtai/contracts';
import type { ScoreLogAction } from '../../db/types.ts';
import { chainRecord, type StoredScoreRecord } from './hash-chain.ts';
import { Dec } from './scoring.ts';
import * as repo from './repository.ts';
import type { Db, RoundRow, ScoreLogRow } from './repository.ts';

type ChainRound = Pick<RoundRow, 'id' | 'chain_head' | 'score_count'>;

/**
 * Appends one record to a round's log. The caller holds the round row locked (FOR UPDATE), so records
 * get consecutive sequence numbers and each one's previous hash is the round's current head. The
 * round object is moved on to the new head, so a change appending several records chains them.
 */
export async function appendRecord(
  tx: Db,
  round: ChainRound,
  r: {
    action: ScoreLogAction;
    entryId: string | null;
    judgeId: string | null;
    scores?: Record<string, string | null>;
    comment?: string | null;
    reason: string | null;
    data?: unknown;
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
    scores: r.scores ?? {},
    comment: r.comment ?? null,
    reason: r.reason,
    actorId: r.actorId,
    createdAt: r.now,
    ...(r.data === undefined ? {} : { data: r.data }),
  });
  await repo.appendScore(tx, stored);
  await repo.updateRound(tx, round.id, { chain_head: stored.hash, score_count: stored.seq }, r.now);
  round.chain_head = stored.hash;
  round.score_count = stored.seq;
  return stored;
}

/** A judge's draft, submission, or the organiser reopening it; the assignment follows the record. */
export async function appendScoreRecord(
  tx: Db,
  round: ChainRound,
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
  const stored = await appendRecord(tx, round, r);
  const status: AssignmentStatus = r.action === 'submit' ? 'submitted' : 'draft';
  await repo.setAssignmentStatus(tx, round.id, r.entryId, r.judgeId, status);
  return stored;
}

/**
 * Takes a judge's work on one entry out of the results: by the organiser ('judge_removed') or by
 * the judge declaring a conflict ('conflict_declared'). The record is what the results read; the
 * assignment row follows it (removed, or deleted when nothing was scored).
 */
export async function recordRemoval(
  tx: Db,
  round: ChainRound,
  r: {
    action: 'judge_removed' | 'conflict_declared';
    entryId: string;
    judgeId: string;
    reason: string;
    /** The text kept on the assignment (e.g. 「评委声明回避：…」). */
    assignmentReason?: string;
    /** Nothing was scored: the assignment goes away instead of staying as removed. */
    deleteAssignment?: boolean;
    actorId: string;
    now: Date;
  },
): Promise<StoredScoreRecord> {
  const stored = await appendRecord(tx, round, {
    action: r.action,
    entryId: r.entryId,
    judgeId: r.judgeId,
    reason: r.reason,
    actorId: r.actorId,
    now: r.now,
  });
  if (r.deleteAssignment)
    await repo.deleteOpenAssignments(tx, round.id, [{ entryId: r.entryId, judgeId: r.judgeId }]);
  else
    await repo.setAssignmentStatus(
      tx,
      round.id,
      r.entryId,
      r.judgeId,
      'removed',
      r.assignmentReason ?? r.reason,
    );
  return stored;
}

/** The head a change left, for its audit row: one more copy of the head outside the round row. */
export const chainMark = (round: Pick<RoundRow, 'chain_head' | 'score_count'>) => ({
  chainHead: round.chain_head,
  records: round.score_count,
});

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
  ...(row.data === null || row.data === undefined ? {} : { data: row.data }),
});

/** A record's total in decimal arithmetic; null while a criterion is unscored (a draft). */
export function recordTotal(scores: Record<string, string | null>): string | null {
  const values = Object.values(scores);
  if (values.some((v) => v === null)) return null;
  return values.reduce((sum, v) => sum.plus(v!), new Dec(0)).toFixed();
}
