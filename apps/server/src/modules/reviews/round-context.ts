import type { Kysely } from 'kysely';
import type { AuditAction, RoundConfig, RoundState } from '@jiangtai/contracts';
import type { DB } from '../../db/types.ts';
import type { Actor } from '../../lib/actor.ts';
import { audit, type AuditWho } from '../audit/service.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import { findOrgs } from '../campaigns/repository.ts';
import { resolveUnit } from '../entries/rules.ts';
import { affiliationsOf } from '../accounts/operations.ts';
import { conflictsOf, type EntryRef, type JudgeRef } from './conflicts.ts';
import * as repo from './repository.ts';
import type { Db, RoundRow } from './repository.ts';
import { assertCanManageRound, assertCanSeeResults, assertNotJudging, type RoundAccess } from './policy.ts';
import { assertRoundState } from './rules.ts';
import type { AssignmentsInput } from './assignment.ts';

/** Loading a round and the shapes the pure rules take, shared by the round's services. */

export async function loadRound(db: Db, id: string, forUpdate = false): Promise<RoundRow> {
  const row = await repo.findRound(db, id, { forUpdate });
  if (!row) throw notFound('评审轮次');
  return row;
}

export const accessOf = (r: Pick<RoundRow, 'organiser_org_path' | 'scope_org_path'>): RoundAccess => ({
  organiserOrgPath: r.organiser_org_path,
  scopeOrgPath: r.scope_org_path,
});

export const stageName = (r: RoundRow) =>
  r.campaign_settings.stages.find((s) => s.key === r.stage_key)?.name ?? r.stage_key;

/**
 * Resolves the orgs a judge belongs to into the participating units they count for, the way an
 * entry's unit is resolved, so "the same unit and its subtree" compares like with like (a judge in a
 * branch of 市教育局 belongs to 市教育局). A unit that is the round's scope or above it (市委 for a
 * city round, 市教育局 for its own 初赛) contains every entry, so it says nothing about who a judge
 * is close to: it is dropped, and such a judge shares no unit.
 */
export async function judgeUnitResolver(db: Db, r: RoundRow) {
  const stage = r.campaign_settings.stages.find((s) => s.key === r.stage_key);
  const participating = await findOrgs(db, r.campaign_settings.participatingOrgIds);
  const opts = {
    organiser: { id: r.organiser_org_id, path: r.organiser_org_path },
    participating: participating.map((o) => ({ id: o.id, path: o.path })),
    runBy: stage?.runBy === 'branch' ? ('unit' as const) : (stage?.runBy ?? 'unit'),
  };
  return (orgPaths: readonly string[]): string[] => {
    const units = new Set<string>();
    for (const orgPath of orgPaths) {
      // Someone outside the campaign's orgs cannot share a unit with an entry; keep their own path.
      const unit = resolveUnit(orgPath, opts)?.path ?? orgPath;
      if (!r.scope_org_path.startsWith(unit)) units.add(unit);
    }
    return [...units].sort();
  };
}

const pairKey = (entryId: string, judgeId: string) => `${entryId}\u0000${judgeId}`;

/**
 * Everything assignment needs, read in one go. `entries` and `assignments` are the competing ones:
 * an entry that left the contest (已退赛) is assigned and balanced no more; `allEntries` and
 * `allAssignments` keep it for the organiser's view. Judges' units are read now from their accounts
 * (member org, roles other than judge) plus the unit stated at invitation, so a change there counts
 * at the next assignment. A pair set aside because its judge declared a conflict is no seat: the
 * entry needs another judge, exactly as if the pair had never been made.
 */
export async function assignmentScene(db: Db, r: RoundRow) {
  const [allEntries, panel, allAssignments, conflicts] = await Promise.all([
    repo.listRoundEntries(db, r.id),
    repo.listPanel(db, r.id),
    repo.listAssignments(db, r.id),
    repo.listConflicts(db, r.id),
  ]);
  const entries = allEntries.filter((e) => !e.left_at);
  const live = new Set(entries.map((e) => e.entry_id));
  const assignments = allAssignments.filter((a) => live.has(a.entry_id));
  const affiliations = await affiliationsOf(
    db,
    panel.map((j) => j.user_id),
  );
  const unitsOfOrgs = await judgeUnitResolver(db, r);
  const unitsOf = new Map(
    panel.map((j) => [
      j.user_id,
      unitsOfOrgs([...(affiliations.get(j.user_id) ?? []), ...(j.unit_org_path ? [j.unit_org_path] : [])]),
    ]),
  );
  const entryRefs: EntryRef[] = entries.map((e) => ({
    id: e.entry_id,
    code: e.code,
    unitPath: e.unit_org_path,
    categoryKey: e.category_key,
  }));
  const judgeRefs: JudgeRef[] = panel
    .filter((j) => j.active)
    .map((j) => ({
      id: j.user_id,
      name: j.display_name,
      unitPaths: unitsOf.get(j.user_id) ?? [],
      declared: conflicts
        .filter((c) => c.judge_user_id === j.user_id)
        .map((c) => ({ entryId: c.entry_id, reason: c.reason })),
    }));
  const declared = new Set(conflicts.map((c) => pairKey(c.entry_id, c.judge_user_id)));
  const seats = assignments.filter(
    (a) => !(a.status === 'removed' && declared.has(pairKey(a.entry_id, a.judge_user_id))),
  );
  const current: Record<string, string[]> = {};
  for (const a of seats) (current[a.entry_id] ??= []).push(a.judge_user_id);
  return {
    entries,
    allEntries,
    allAssignments,
    panel,
    assignments,
    seats,
    conflicts,
    entryRefs,
    judgeRefs,
    unitsOf,
    current: current as AssignmentsInput,
    perEntry: (r.config as RoundConfig).judgesPerEntry,
  };
}

/** The managers' and supervisors' views (names, results, log, exports): never a judge of the round. */
export async function assertSeesResults(db: Db, actor: Actor, r: RoundRow) {
  assertCanSeeResults(actor, accessOf(r));
  assertNotJudging(await repo.hasJudged(db, r.id, actor.userId));
}

/** A manager's own tools (the judge picker): never a judge of the round either. */
export async function assertManagesRound(db: Db, actor: Actor, r: RoundRow) {
  assertCanManageRound(actor, accessOf(r));
  assertNotJudging(await repo.hasJudged(db, r.id, actor.userId));
}

/**
 * The frame of every change an organiser makes to a round: one transaction, the round row locked
 * (so changes and score appends are serialised), the manager check, and the states it is allowed in.
 */
export function managedChange<T>(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  states: readonly RoundState[],
  doing: string,
  change: (tx: Db, r: RoundRow) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (tx) => {
    const r = await loadRound(tx, id, true);
    assertCanManageRound(actor, accessOf(r));
    assertNotJudging(await repo.hasJudged(tx, r.id, actor.userId));
    assertRoundState(r.state, states, doing);
    if (r.rehearsal) throw conflict('这是现场决赛的彩排，只能在现场控制台操作');
    return change(tx, r);
  });
}

/** The audit row of a change to a round, filed under the round's scope so its admins see it. */
export function auditRound(
  tx: Db,
  who: AuditWho,
  r: Pick<RoundRow, 'id' | 'scope_org_path'>,
  action: AuditAction,
  change: { before?: unknown; after?: unknown },
) {
  return audit(tx, who, {
    action,
    entityType: 'review_round',
    entityId: r.id,
    orgPath: r.scope_org_path,
    ...change,
  });
}

/**
 * Whether a judge now belongs to an entry's unit (or a unit above it). Units are read when asked,
 * so a role granted after the assignment counts: the pair is flagged on the round's page and the
 * judge is refused a score until they declare 回避 (which sets the pair aside and finds another judge).
 */
export function unitConflictOf(
  scene: Pick<Awaited<ReturnType<typeof assignmentScene>>, 'entryRefs' | 'unitsOf'>,
  entryId: string,
  judgeId: string,
): boolean {
  const entry = scene.entryRefs.find((e) => e.id === entryId);
  if (!entry) return false;
  const judge = { id: judgeId, unitPaths: scene.unitsOf.get(judgeId) ?? [] };
  return conflictsOf(judge, entry).length > 0;
}
