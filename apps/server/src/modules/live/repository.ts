import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { LiveSlotStatus, LiveState } from '@jiangtai/contracts';
import type { LiveUndo } from '../../db/types.ts';
import type { Db } from '../reviews/repository.ts';

/** SQL of the live final's own tables (live_rounds, live_slots, live_score_keys); no rules. */

export async function findLiveRound(db: Db, roundId: string, forUpdate = false) {
  let q = db.selectFrom('live_rounds').selectAll().where('round_id', '=', roundId);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}
export type LiveRoundRow = NonNullable<Awaited<ReturnType<typeof findLiveRound>>>;

// Letters and digits that cannot be misread (no 0/O, 1/I/L): typed from a printed sheet if need be.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const screenCode = () => Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

/** The evening's row, made the first time the round is opened on the live pages. */
export async function ensureLiveRound(db: Db, roundId: string, rehearsalOf: string | null, now: Date) {
  await db
    .insertInto('live_rounds')
    .values({
      round_id: roundId,
      rehearsal_of: rehearsalOf,
      screen_code: screenCode(),
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('round_id').doNothing())
    .execute();
  return (await findLiveRound(db, roundId))!;
}

export async function findRoundIdByScreenCode(db: Db, code: string): Promise<string | null> {
  const row = await db
    .selectFrom('live_rounds')
    .select('round_id')
    .where('screen_code', '=', code)
    .where('discarded_at', 'is', null)
    .executeTakeFirst();
  return row?.round_id ?? null;
}

/** Every change bumps the version (screens drop an older snapshot). */
export async function updateLiveRound(
  db: Db,
  roundId: string,
  patch: Partial<{
    state: LiveState;
    current_entry_id: string | null;
    timer_running: boolean;
    timer_started_at: Date | null;
    timer_elapsed_ms: number;
    undo: LiveUndo | null;
    discarded_at: Date;
  }>,
  now: Date,
) {
  const { undo, ...rest } = patch;
  await db
    .updateTable('live_rounds')
    .set((eb) => ({
      ...rest,
      ...(undo !== undefined ? { undo: undo === null ? null : JSON.stringify(undo) } : {}),
      version: eb('version', '+', 1),
      updated_at: now,
    }))
    .where('round_id', '=', roundId)
    .execute();
}

/** The live rehearsal of a real round that is not discarded, if any. */
export async function findActiveRehearsal(db: Db, realRoundId: string) {
  return db
    .selectFrom('live_rounds')
    .selectAll()
    .where('rehearsal_of', '=', realRoundId)
    .where('discarded_at', 'is', null)
    .executeTakeFirst();
}

// ---------- slots ----------

export async function listSlots(db: Db, roundId: string) {
  return db
    .selectFrom('live_slots')
    .selectAll()
    .where('round_id', '=', roundId)
    .orderBy('position')
    .execute();
}
export type LiveSlotRow = Awaited<ReturnType<typeof listSlots>>[number];

export async function insertSlots(db: Db, roundId: string, entryIds: readonly string[]) {
  if (entryIds.length === 0) return;
  await db
    .insertInto('live_slots')
    .values(entryIds.map((entryId, i) => ({ round_id: roundId, entry_id: entryId, position: i + 1 })))
    .execute();
}

export async function updateSlot(
  db: Db,
  roundId: string,
  entryId: string,
  patch: Partial<{
    status: LiveSlotStatus;
    spoken_ms: number | null;
    skip_reason: string | null;
    scoring_opened_at: Date | null;
    scored_at: Date | null;
    confirmed_by: string | null;
    confirmed_at: Date | null;
    announced_at: Date | null;
  }>,
) {
  await db
    .updateTable('live_slots')
    .set(patch)
    .where('round_id', '=', roundId)
    .where('entry_id', '=', entryId)
    .execute();
}

// ---------- idempotency keys ----------

export async function findScoreKey(db: Db, key: string) {
  return db.selectFrom('live_score_keys').selectAll().where('key', '=', key).executeTakeFirst();
}

export async function insertScoreKey(
  db: Db,
  k: {
    key: string;
    roundId: string;
    judgeId: string;
    entryId: string;
    requestHash: string;
    outcome: unknown;
    now: Date;
  },
) {
  await db
    .insertInto('live_score_keys')
    .values({
      key: k.key,
      round_id: k.roundId,
      judge_user_id: k.judgeId,
      entry_id: k.entryId,
      request_hash: k.requestHash,
      outcome: JSON.stringify(k.outcome),
      at: k.now,
    })
    .execute();
}

/** Live rounds (and live rehearsals not reset) where the user sits on the panel. */
export async function liveRoundsOfJudge(db: Db, userId: string) {
  return db
    .selectFrom('review_rounds as r')
    .innerJoin('round_judges as j', 'j.round_id', 'r.id')
    .innerJoin('campaigns as c', 'c.id', 'r.campaign_id')
    .leftJoin('live_rounds as l', 'l.round_id', 'r.id')
    .select(['r.id', 'r.rehearsal', 'c.title as campaign_title', 'l.state as live_state'])
    .select(sql<string>`r.config->>'name'`.as('name'))
    .where('j.user_id', '=', userId)
    .where('j.active', '=', true)
    .where('r.state', '=', 'open')
    .where(sql<boolean>`jsonb_typeof(r.config->'live') = 'object'`)
    .where('l.discarded_at', 'is', null)
    .orderBy('r.id', 'desc')
    .execute();
}
