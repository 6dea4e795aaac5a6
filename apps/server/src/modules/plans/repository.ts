import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type {
  DB,
  LecturePlanLinesTable,
  LecturePlanRevisionKind,
  LecturePlanRevisionsTable,
  LecturePlansTable,
  LecturePlanStatus,
} from '../../db/types.ts';
import { pathCopy } from '../../db/path-copies.ts';
import { BRANCH_LEADER_POSITIONS, BRANCH_ORG_TYPES } from '../org/branch-leaders.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** lecture_plans.org_path follows its branch when the tree is restructured. */
export const planPathCopies = [pathCopy('lecture_plans', 'org_path')];

const leaders = sql`${sql.val([...BRANCH_LEADER_POSITIONS])}::text[]`;

export function findBranch(db: Db, id: string) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'path', 'type', 'active'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export const isBranchType = (type: string) => (BRANCH_ORG_TYPES as readonly string[]).includes(type);

export function findPlan(db: Db, campaignId: string, orgId: string, forUpdate = false) {
  let q = db
    .selectFrom('lecture_plans as p')
    .leftJoin('users as d', 'd.id', 'p.decided_by')
    .selectAll('p')
    .select('d.display_name as decided_by_name')
    .where('p.campaign_id', '=', campaignId)
    .where('p.org_id', '=', orgId);
  if (forUpdate) q = q.forUpdate('p');
  return q.executeTakeFirst();
}
export type PlanRow = NonNullable<Awaited<ReturnType<typeof findPlan>>>;

export async function insertPlan(
  db: Db,
  p: { campaignId: string; orgId: string; orgPath: string; createdBy: string; now: Date },
) {
  await db
    .insertInto('lecture_plans')
    .values({
      campaign_id: p.campaignId,
      org_id: p.orgId,
      org_path: p.orgPath,
      created_by: p.createdBy,
      created_at: p.now,
      updated_by: p.createdBy,
      updated_at: p.now,
      version: 0,
    })
    .execute();
}

export function updatePlan(
  db: Db,
  id: string,
  set: Partial<{
    status: LecturePlanStatus;
    return_reason: string | null;
    last_save_key: string;
    updated_by: string;
    updated_at: Date;
    submitted_by: string;
    submitted_at: Date;
    decided_by: string;
    decided_at: Date;
  }>,
) {
  return db
    .updateTable('lecture_plans')
    .set({ ...set, version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
}

/** A plan's lines (removed ones too when asked), in their order, with the speaker's name. */
export function listLines(db: Db, planId: string, opts: { withRemoved?: boolean } = {}) {
  let q = db
    .selectFrom('lecture_plan_lines as l')
    .leftJoin('members as m', 'm.id', 'l.speaker_member_id')
    .selectAll('l')
    .select('m.name as speaker_name')
    .where('l.plan_id', '=', planId);
  if (!opts.withRemoved) q = q.where('l.removed_at', 'is', null);
  return q.orderBy('l.sort_order').orderBy('l.id').execute();
}
export type LineRow = Awaited<ReturnType<typeof listLines>>[number];

export interface LineValues {
  month: string;
  topic: string;
  category_key: string;
  speaker_member_id: string | null;
  guest_speaker_name: string | null;
  occasion: LineRow['occasion'];
  sort_order: number;
}

export function insertLine(db: Db, planId: string, key: string, v: LineValues, now: Date) {
  return db
    .insertInto('lecture_plan_lines')
    .values({ plan_id: planId, client_key: key, ...v, created_at: now, updated_at: now })
    .execute();
}

export function updateLine(db: Db, id: string, v: LineValues, now: Date) {
  return db
    .updateTable('lecture_plan_lines')
    .set({ ...v, updated_at: now, removed_at: null, removed_by: null })
    .where('id', '=', id)
    .execute();
}

/** Takes lines out of the plan; never deletes (a lecture record may point at them). */
export function removeLines(db: Db, ids: string[], by: string, now: Date) {
  if (ids.length === 0) return Promise.resolve();
  return db
    .updateTable('lecture_plan_lines')
    .set({ removed_at: now, removed_by: by, updated_at: now })
    .where('id', 'in', ids)
    .execute();
}

/** The branch's active members (the speaker picker, and the check that a speaker belongs). */
export function branchMembers(db: Db, orgId: string) {
  return db
    .selectFrom('members')
    .select(['id', 'name', 'positions'])
    .where('org_id', '=', orgId)
    .where('active', '=', true)
    .orderBy(sql`CASE WHEN positions && ${leaders} THEN 0 ELSE 1 END`)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export function insertRevision(
  db: Db,
  r: {
    planId: string;
    kind: LecturePlanRevisionKind;
    before: LecturePlanStatus;
    after: LecturePlanStatus;
    reason: string | null;
    lines: unknown;
    actorUserId: string;
    actorName: string;
    now: Date;
  },
) {
  return db
    .insertInto('lecture_plan_revisions')
    .values({
      plan_id: r.planId,
      kind: r.kind,
      status_before: r.before,
      status_after: r.after,
      reason: r.reason,
      lines: JSON.stringify(r.lines),
      actor_user_id: r.actorUserId,
      actor_name: r.actorName,
      created_at: r.now,
    })
    .execute();
}

export function listRevisions(db: Db, planId: string) {
  return db
    .selectFrom('lecture_plan_revisions')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('id', 'desc')
    .execute();
}

/**
 * The accounts linked to the branches' active 书记/副书记 (whom a plan's notices reach), as a query
 * (`orgIds` not empty) that a caller may combine with others in one statement (the dashboard's reminders).
 */
export function secretaryAccountsQuery(db: Db, orgIds: readonly string[]) {
  return db
    .selectFrom('members as m')
    .innerJoin('users as u', 'u.member_id', 'm.id')
    .select(['m.org_id', 'u.id as user_id'])
    .where('m.org_id', 'in', [...orgIds])
    .where('m.active', '=', true)
    .where('u.active', '=', true)
    .where(sql<boolean>`m.positions && ${leaders}`);
}

/** The accounts linked to the branches' active 书记/副书记 (whom a plan's notices reach). */
export async function secretaryAccounts(db: Db, orgIds: readonly string[]) {
  if (orgIds.length === 0) return [];
  const rows = await secretaryAccountsQuery(db, orgIds).execute();
  return rows.map((r) => ({ orgId: r.org_id, userId: r.user_id }));
}

/** Plans of some branches in one campaign (the secretary's own list). */
export function plansOf(db: Db, pairs: { campaignId: string; orgId: string }[]) {
  if (pairs.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('lecture_plans')
    .select(['campaign_id', 'org_id', 'status'])
    .where((eb) =>
      eb.or(pairs.map((p) => eb.and([eb('campaign_id', '=', p.campaignId), eb('org_id', '=', p.orgId)]))),
    )
    .execute();
}

/**
 * Every active branch (a 党总支 only when it holds members itself) under `orgPath` and inside the campaign's participating subtrees, with its plan's
 * status, line count and how many secretary accounts a reminder would reach: one statement (counts are
 * correlated subqueries on indexed columns), so a county with hundreds of branches costs one round trip.
 */
/**
 * Whether the org aliased `o` is a branch expected to file a plan in the campaign: a 党支部, or a 党总支
 * with members of its own or a plan (one that only groups branches files none). For the overview and
 * the dashboard's `plans.branches`, so both count the same branches.
 */
export function filesPlanSql(o: string, campaignId: string) {
  const ref = (c: string) => sql.ref(`${o}.${c}`);
  return sql<boolean>`(${ref('type')} = 'branch'
    OR EXISTS (SELECT 1 FROM lecture_plans fp WHERE fp.org_id = ${ref('id')} AND fp.campaign_id = ${campaignId})
    OR EXISTS (SELECT 1 FROM org_member_counts k WHERE k.org_path = ${ref('path')} AND k.active_count > 0))`;
}

export function overviewRows(db: Db, q: { campaignId: string; orgPath: string; scopePaths: string[] }) {
  return (
    db
      .selectFrom('orgs as o')
      .leftJoin('lecture_plans as p', (j) =>
        j.onRef('p.org_id', '=', 'o.id').on('p.campaign_id', '=', q.campaignId),
      )
      .select((eb) => [
        'o.id',
        'o.name',
        'o.path',
        'p.status',
        'p.submitted_at',
        eb
          .selectFrom('lecture_plan_lines as l')
          .select(eb.fn.countAll<string>().as('n'))
          .whereRef('l.plan_id', '=', 'p.id')
          .where('l.removed_at', 'is', null)
          .as('line_count'),
        eb
          .selectFrom('members as m')
          .innerJoin('users as u', 'u.member_id', 'm.id')
          .select(eb.fn.countAll<string>().as('n'))
          .whereRef('m.org_id', '=', 'o.id')
          .where('m.active', '=', true)
          .where('u.active', '=', true)
          .where(sql<boolean>`m.positions && ${leaders}`)
          .as('secretary_accounts'),
      ])
      .where('o.path', 'like', `${q.orgPath}%`)
      .where((eb) => eb.or(q.scopePaths.map((p) => eb('o.path', 'like', `${p}%`))))
      .where('o.active', '=', true)
      .where('o.type', 'in', [...BRANCH_ORG_TYPES])
      // A 党总支 that only groups branches (no members of its own) files no plan, unless it has one.
      .where((eb) =>
        eb.or([
          eb('o.type', '=', 'branch'),
          eb('p.id', 'is not', null),
          sql<boolean>`EXISTS (SELECT 1 FROM org_member_counts k WHERE k.org_path = o.path AND k.active_count > 0)`,
        ]),
      )
      .orderBy('o.path')
      .execute()
  );
}

// ---- bulk inserts for a trusted seed (the demo city's season); no rules are applied here ----

const BULK = 500;

async function inChunks<T, R>(rows: T[], insert: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < rows.length; i += BULK) out.push(...(await insert(rows.slice(i, i + BULK))));
  return out;
}

/** Plans as they are, in multi-row inserts; answers each plan's id by its branch. */
export function insertPlansBulk(db: Db, rows: Insertable<LecturePlansTable>[]) {
  return inChunks(rows, (chunk) =>
    db.insertInto('lecture_plans').values(chunk).returning(['id', 'org_id']).execute(),
  );
}

/** Plan lines in multi-row inserts; answers each line's id by its plan and key. */
export function insertLinesBulk(db: Db, rows: Insertable<LecturePlanLinesTable>[]) {
  return inChunks(rows, (chunk) =>
    db.insertInto('lecture_plan_lines').values(chunk).returning(['id', 'plan_id', 'client_key']).execute(),
  );
}

export function insertRevisionsBulk(db: Db, rows: Insertable<LecturePlanRevisionsTable>[]) {
  return inChunks(rows, (chunk) =>
    db.insertInto('lecture_plan_revisions').values(chunk).returning('id').execute(),
  );
}
