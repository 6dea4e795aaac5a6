import type { AppDeps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError, conflict } from '../../lib/errors.ts';
import { audit, type AuditWho } from '../audit/service.ts';
import { entryLeavesRounds } from '../reviews/entry-departures.ts';
import * as repo from './repository.ts';
import type { EntryRow } from './repository.ts';
import { stageOf } from './present.ts';
import { nextState, quotaText } from './rules.ts';

type Db = AppDeps['db'];

/** The round as the entries' events and audit rows name it. */
export interface RoundRef {
  id: string;
  name: string;
  stageKey: string;
}

const byId = (a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);

/**
 * What review rounds may do to entries, with the entries' own rules: a round's confirmation
 * recommends (same per-unit lock and quota check as a unit's direct 推荐), and withdrawing the
 * round's list undoes only what the round itself recommended. Each runs inside the round's
 * transaction; every change writes its entry event and audit row.
 *
 * Locks are always taken entries first (ascending id), then units (ascending id) — the order of a
 * direct recommendation (entry, then its unit) — so the two never wait on each other in a cycle.
 */
export function entryRoundChanges(deps: AppDeps) {
  const { clock } = deps;

  /**
   * Locks the round's entries before the round reads their states, so a withdrawal cannot slip in
   * between computing the advancement list and acting on it. Returns the locked rows.
   */
  async function lockForRound(tx: Db, entryIds: readonly string[]): Promise<EntryRow[]> {
    const rows: EntryRow[] = [];
    for (const id of [...entryIds].sort(byId)) {
      const row = await repo.findEntry(tx, id, { forUpdate: true });
      if (row) rows.push(row);
    }
    return rows;
  }

  /**
   * The round's advancing entries of its own (first) stage that are still 已提交 become 已推荐, unit
   * by unit under the unit's lock, refused as a whole (QUOTA_FULL, nothing changed) when a unit would
   * go over its quota. Entries already 已推荐 count against the quota but are not touched. Returns the
   * entries this round recommended.
   */
  async function promoteByRound(
    tx: Db,
    actor: Actor,
    who: AuditWho,
    round: RoundRef,
    entryIds: readonly string[],
  ): Promise<string[]> {
    const rows = await lockForRound(tx, entryIds);
    const candidates = rows.filter((r) => r.stage_key === round.stageKey && r.state === 'submitted');
    if (candidates.length === 0) return [];
    for (const r of candidates) {
      if (r.campaign_status !== 'published') throw conflict('活动已结束，作品不能再更改');
      nextState(r.state, 'recommend');
    }
    const units = new Map<string, EntryRow[]>();
    for (const r of candidates) units.set(r.unit_org_id, [...(units.get(r.unit_org_id) ?? []), r]);
    for (const unitId of [...units.keys()].sort(byId)) {
      const group = units.get(unitId)!;
      const first = group[0]!;
      await repo.lockUnit(tx, unitId);
      const quota = stageOf(first)?.quota;
      const already = await repo.countRecommended(tx, first.campaign_id, first.stage_key, unitId);
      if (quota && already + group.length > quota.max)
        throw new AppError(
          'QUOTA_FULL',
          `${first.unit_name}本阶段推荐名额为 ${quotaText(quota)}，已推荐 ${already} 名，晋级名单中该单位还有 ${group.length} 件作品待推荐，超出名额；请调整晋级人数或规则（如“每个单位前 N 名晋级”），或先退回已推荐的作品，再确认晋级名单`,
        );
    }
    const now = clock.now();
    for (const r of candidates) {
      await repo.updateEntry(tx, r.id, { state: 'recommended', return_reason: null }, now);
      await repo.insertEvent(tx, {
        entryId: r.id,
        from: r.state,
        to: 'recommended',
        actorUserId: actor.userId,
        actorName: actor.displayName,
        reason: `「${round.name}」评审晋级`,
        at: now,
      });
      await audit(tx, who, {
        action: 'entry.recommended',
        entityType: 'entry',
        entityId: r.id,
        orgPath: r.unit_org_path,
        before: { state: r.state },
        after: { state: 'recommended', roundId: round.id, round: round.name },
      });
    }
    return candidates.map((r) => r.id);
  }

  /**
   * Takes back the recommendations a round made (its list was withdrawn): those still 已推荐 return
   * to 已提交 and leave any other round that had taken them in (a later stage's). Entries that moved
   * on since (withdrawn, returned) are left as they are. Returns the entries changed.
   */
  async function undoRoundPromotion(
    tx: Db,
    actor: Actor,
    who: AuditWho,
    round: RoundRef,
    promotedIds: readonly string[],
    reason: string,
  ): Promise<string[]> {
    const rows = await lockForRound(tx, promotedIds);
    const undone = rows.filter((r) => r.state === 'recommended');
    const now = clock.now();
    const why = `「${round.name}」晋级名单撤回：${reason}`;
    for (const r of undone) {
      await repo.updateEntry(tx, r.id, { state: 'submitted' }, now);
      await repo.insertEvent(tx, {
        entryId: r.id,
        from: 'recommended',
        to: 'submitted',
        actorUserId: actor.userId,
        actorName: actor.displayName,
        reason: why,
        at: now,
      });
      await audit(tx, who, {
        action: 'entry.recommendation_undone',
        entityType: 'entry',
        entityId: r.id,
        orgPath: r.unit_org_path,
        before: { state: 'recommended' },
        after: { state: 'submitted', roundId: round.id, round: round.name, reason },
      });
      await entryLeavesRounds(tx, who, { entryId: r.id, reason: why, at: now, exceptRoundId: round.id });
    }
    return undone.map((r) => r.id);
  }

  return { lockForRound, promoteByRound, undoRoundPromotion };
}

export type EntryRoundChanges = ReturnType<typeof entryRoundChanges>;
