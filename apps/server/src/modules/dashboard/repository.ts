import { sql } from 'kysely';
import type { DashboardMeasure, OrgType } from '@jiangtai/contracts';
import type { Db } from '../org/tables.ts';
import { unitAdminsQuery } from '../annex/repository.ts';
import { filesPlanSql, secretaryAccountsQuery } from '../plans/repository.ts';

/**
 * The dashboard's own tables (migration 041): the season rollups, read by path, and the
 * reminders sent. A subtree's rows are few (one per org with a plan or a lecture, and its ancestors).
 */
export interface SeasonRow {
  path: string;
  filed: number;
  accepted: number;
  records: number;
  confirmed: number;
  attendance: number;
  lecturedOrgs: number;
}

/** The plan and lecture rollup rows of some paths (an org and its children), merged by path. */
export async function seasonRows(db: Db, campaignId: string, paths: string[]): Promise<SeasonRow[]> {
  if (paths.length === 0) return [];
  const { rows } = await sql<{
    path: string;
    filed: number | null;
    accepted: number | null;
    records: number | null;
    confirmed: number | null;
    attendance: string | null;
    lectured_orgs: number | null;
  }>`
    SELECT coalesce(p.org_path, l.org_path) AS path, p.filed, p.accepted, l.records, l.confirmed,
           l.attendance, l.lectured_orgs
      FROM (SELECT * FROM season_plan_counts WHERE campaign_id = ${campaignId} AND org_path IN (${sql.join(paths)})) p
      FULL JOIN (SELECT * FROM season_lecture_counts WHERE campaign_id = ${campaignId} AND org_path IN (${sql.join(paths)})) l
        ON l.org_path = p.org_path`.execute(db);
  return rows.map((r) => ({
    path: r.path,
    filed: r.filed ?? 0,
    accepted: r.accepted ?? 0,
    records: r.records ?? 0,
    confirmed: r.confirmed ?? 0,
    attendance: Number(r.attendance ?? 0),
    lecturedOrgs: r.lectured_orgs ?? 0,
  }));
}

/**
 * Plans filed and lectures per week for an org's subtree: its own row below the top level; at the top
 * level (whose row holds only its own) that row plus its children's (`childPaths`).
 */
export async function weekRows(db: Db, campaignId: string, path: string, childPaths: string[]) {
  const paths = /^\d+\.$/.test(path) ? [path, ...childPaths] : [path];
  const { rows } = await sql<{ week: string; plans: number; lectures: number }>`
    SELECT week_ending::text AS week, sum(plans_filed)::int AS plans, sum(lectures)::int AS lectures
      FROM season_week_counts
     WHERE campaign_id = ${campaignId} AND org_path IN (${sql.join(paths)})
     GROUP BY week_ending ORDER BY week_ending`.execute(db);
  return rows.map((r) => ({ week: r.week, plans: Number(r.plans), lectures: Number(r.lectures) }));
}

/** Plans filed and lectures per week at each of `paths` (their rows as stored: subtrees below the top level). */
export async function weekRowsByPath(db: Db, campaignId: string, paths: string[]) {
  if (paths.length === 0) return [];
  const { rows } = await sql<{ path: string; week: string; plans: number; lectures: number }>`
    SELECT org_path AS path, week_ending::text AS week, plans_filed AS plans, lectures
      FROM season_week_counts
     WHERE campaign_id = ${campaignId} AND org_path IN (${sql.join(paths)})
     ORDER BY week_ending`.execute(db);
  return rows.map((r) => ({ ...r, plans: Number(r.plans), lectures: Number(r.lectures) }));
}

/** Reminders sent today (a Beijing date) in a campaign, for the laggard lists' `remindedAt`. */
export function remindersOn(db: Db, campaignId: string, day: string) {
  return db
    .selectFrom('dashboard_reminders')
    .select(['org_id', 'measure', 'created_at'])
    .where('campaign_id', '=', campaignId)
    .where('reminded_on', '=', day)
    .execute();
}

/**
 * The accounts that reminders to some orgs reach, in one statement however many orgs: the 书记/副书记
 * accounts of `branchIds` (plans' rule) and the unit admins of `unitIds` (annex's rule).
 */
export function recipientRows(
  db: Db,
  orgs: { branchIds: readonly string[]; unitIds: readonly string[] },
): Promise<{ org_id: string; user_id: string }[]> {
  const { branchIds, unitIds } = orgs;
  if (branchIds.length && unitIds.length)
    return secretaryAccountsQuery(db, branchIds).unionAll(unitAdminsQuery(db, unitIds)).execute();
  if (branchIds.length) return secretaryAccountsQuery(db, branchIds).execute();
  if (unitIds.length) return unitAdminsQuery(db, unitIds).execute();
  return Promise.resolve([]);
}

/** Records a reminder; false when one for the same org and measure was already sent that day. */
export async function insertReminder(
  db: Db,
  r: {
    campaignId: string;
    orgId: string;
    measure: DashboardMeasure;
    day: string;
    recipients: number;
    by: string;
    now: Date;
  },
): Promise<boolean> {
  const row = await db
    .insertInto('dashboard_reminders')
    .values({
      campaign_id: r.campaignId,
      org_id: r.orgId,
      measure: r.measure,
      reminded_on: r.day,
      recipients: r.recipients,
      sent_by: r.by,
      created_at: r.now,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Ids as one array literal parameter (`${…}::bigint[]`): one bind, however many ids. */
const idArray = (ids: readonly string[]) => `{${ids.map((id) => BigInt(id).toString()).join(',')}}`;

/**
 * Active branches of an org's subtree that file plans (plans' filesPlanSql, as the plan overview counts
 * them) per child of the org (key: the child's id; '' for the org itself), for `plans.branches`, from the
 * subtree's active branch-typed orgs (tree-facts.ts): 党支部 always file, the few others are looked up by id.
 */
export async function branchCountsFromTree(
  db: Db,
  campaignId: string,
  org: { id: string; path: string },
  branches: readonly { id: string; path: string; type: string }[],
) {
  const childOf = (path: string) => (path === org.path ? '' : path.slice(org.path.length).split('.', 1)[0]!);
  const others = branches.filter((b) => b.type !== 'branch');
  // filesPlanSql's other two reasons, each an index probe per org: a plan in the campaign, active members.
  const { rows: filing } = others.length
    ? await sql<{ key: string }>`
        SELECT org_id::text AS key FROM lecture_plans
         WHERE campaign_id = ${campaignId} AND org_id = ANY(${idArray(others.map((b) => b.id))}::bigint[])
        UNION ALL
        SELECT org_path FROM org_member_counts
         WHERE org_path = ANY(${`{${others.map((b) => `"${b.path}"`).join(',')}}`}::text[]) AND active_count > 0`.execute(
        db,
      )
    : { rows: [] };
  const keys = new Set(filing.map((r) => r.key));
  const files = new Set(
    others.filter((b) => keys.has(String(b.id)) || keys.has(b.path)).map((b) => String(b.id)),
  );
  const counts = new Map<string, number>();
  for (const b of branches)
    if (b.type === 'branch' || files.has(String(b.id))) {
      const c = childOf(b.path);
      counts.set(c, (counts.get(c) ?? 0) + 1);
    }
  return counts;
}

type SeasonMeasure = 'plans' | 'lectures';

/** A branch behind on plans filed or on having held a lecture, `done` of `of`. */
export interface SeasonLaggard {
  measure: SeasonMeasure;
  id: string;
  name: string;
  type: string;
  parent_name: string | null;
  done: number;
  of: number;
}

/**
 * The branches of a subtree (not the org itself) furthest behind on plans filed and on having held a
 * lecture, each of the branches in the branch's own subtree (1 for a 党支部; a 党总支 with its branches),
 * ranked in the database as laggards.ts ranks: lowest rate first, then the most left, then the oldest.
 */
export async function lowestBranchesSeason(
  db: Db,
  campaignId: string,
  org: { id: string; path: string },
  branchTypes: readonly string[],
  limit: number,
) {
  type Row = {
    measure: 'plans' | 'lectures';
    id: string;
    name: string;
    type: string;
    parent_name: string | null;
    done: number;
    of: number;
  };
  const types = sql.join([...branchTypes]);
  const hi = `${org.path.slice(0, -1)}/`;
  // Hash joins over the subtree's rows (read once by range), not an index probe per branch. `n`: the
  // branch itself, its branches and theirs (a 党总支's 党支部; branches nest no deeper in a party tree).
  const { rows } = await sql<Row>`
    WITH b AS MATERIALIZED (
      SELECT o.id, o.name, o.type, o.parent_id, o.path FROM orgs o
       WHERE o.path LIKE ${`${org.path}%`} AND o.id <> ${org.id} AND o.active AND o.type IN (${types})
         AND ${filesPlanSql('o', campaignId)}),
    k1 AS (SELECT parent_id AS id, count(*) AS n FROM b GROUP BY parent_id),
    k2 AS (SELECT p.parent_id AS id, sum(k1.n) AS n FROM k1 JOIN b p ON p.id = k1.id GROUP BY p.parent_id),
    n AS MATERIALIZED (
      SELECT b.path, 1 + coalesce(k1.n, 0) + coalesce(k2.n, 0) AS of
        FROM b LEFT JOIN k1 ON k1.id = b.id LEFT JOIN k2 ON k2.id = b.id),
    x AS MATERIALIZED (
      SELECT b.id, b.name, b.type, b.parent_id, n.of, coalesce(pc.filed, 0) AS filed,
             coalesce(lc.lectured_orgs, 0) AS lectured
        FROM b JOIN n ON n.path = b.path
        LEFT JOIN (SELECT org_path, filed FROM season_plan_counts WHERE campaign_id = ${campaignId}
                      AND org_path >= ${org.path} COLLATE "C" AND org_path < ${hi} COLLATE "C") pc ON pc.org_path = b.path
        LEFT JOIN (SELECT org_path, lectured_orgs FROM season_lecture_counts WHERE campaign_id = ${campaignId}
                      AND org_path >= ${org.path} COLLATE "C" AND org_path < ${hi} COLLATE "C") lc ON lc.org_path = b.path)
    SELECT y.*, p.name AS parent_name FROM (
      (SELECT 'plans' AS measure, id, name, type, parent_id, filed AS done, of FROM x
        ORDER BY (filed * 1000) / of, of - filed DESC, id LIMIT ${limit})
      UNION ALL
      (SELECT 'lectures', id, name, type, parent_id, lectured, of FROM x
        ORDER BY (lectured * 1000) / of, of - lectured DESC, id LIMIT ${limit})) y
      LEFT JOIN orgs p ON p.id = y.parent_id`.execute(db);
  return rows.map((r) => ({ ...r, done: Number(r.done), of: Number(r.of) }));
}

const SEASON_DONE = {
  plans: { table: 'season_plan_counts', column: 'filed' },
  lectures: { table: 'season_lecture_counts', column: 'lectured_orgs' },
} as const;

/**
 * The branches of a subtree furthest behind on plans filed and on having held a lecture, when at least
 * `limit` of them have nothing done (no plan filed / no lecture in their subtree): the lists
 * lowestBranchesSeason gives, in its order, without ranking the whole subtree. It ranks by the exact
 * rate (done / of), so those with nothing done come first, the most left to do (`of`) first, then the
 * oldest.
 * `of` exceeds 1 only for a branch with branches beneath it: those with nothing done are read whole
 * (few: parents of the subtree's branches), the others are the oldest with nothing done, read by id until
 * the list is full. A measure is null when fewer than `limit` branches have nothing done: the caller
 * then ranks the subtree (lowestBranchesSeason).
 */
export async function zeroBranchesSeason(
  db: Db,
  campaignId: string,
  org: { id: string; path: string },
  branchTypes: readonly string[],
  limit: number,
  /**
   * When known (tree-facts.ts): the subtree's active branch-typed orgs that have such orgs beneath
   * them (the only parents that can pass the filter below); read here otherwise.
   */
  parentIds?: readonly string[],
): Promise<Record<SeasonMeasure, SeasonLaggard[] | null>> {
  type Row = {
    id: string;
    name: string;
    type: string;
    parent_name: string | null;
    of: number;
    plans: boolean;
    lectures: boolean;
  };
  const types = sql.join([...branchTypes]);
  const filing = (o: string) =>
    sql`${sql.ref(`${o}.active`)} AND ${sql.ref(`${o}.type`)} IN (${types}) AND ${filesPlanSql(o, campaignId)}`;
  const inSubtree = sql`o.path LIKE ${`${org.path}%`} AND o.id <> ${org.id}`;
  // The subtree's paths with something done, read once by range and hashed: walking the oldest
  // branches then costs a lookup each, however late in id order those with nothing done come.
  const nothing = (m: SeasonMeasure) =>
    sql`o.path NOT IN (SELECT z.org_path FROM ${sql.table(SEASON_DONE[m].table)} z
          WHERE z.campaign_id = ${campaignId} AND z.org_path >= ${org.path} COLLATE "C"
            AND z.org_path < ${`${org.path.slice(0, -1)}/`} COLLATE "C" AND z.${sql.ref(SEASON_DONE[m].column)} > 0)`;
  // Parents of the subtree's branch-typed orgs that are branches with nothing done on either measure,
  // with `of` counted as lowestBranchesSeason counts it.
  const parents = parentIds
    ? sql`(SELECT unnest(${idArray(parentIds)}::bigint[]) AS id)`
    : sql`(SELECT DISTINCT parent_id AS id FROM orgs c
             WHERE c.path LIKE ${`${org.path}%`} AND c.active AND c.type IN (${types}))`;
  const { rows: found } = await (parentIds && parentIds.length === 0
    ? { rows: [] as Omit<Row, 'of'>[] }
    : sql<Omit<Row, 'of'>>`
    SELECT o.id, o.name, o.type, q.name AS parent_name, coalesce(zp.filed, 0) = 0 AS plans,
           coalesce(zl.lectured_orgs, 0) = 0 AS lectures
      FROM ${parents} p
      JOIN orgs o ON o.id = p.id
      LEFT JOIN orgs q ON q.id = o.parent_id
      LEFT JOIN season_plan_counts zp ON zp.campaign_id = ${campaignId} AND zp.org_path = o.path
      LEFT JOIN season_lecture_counts zl ON zl.campaign_id = ${campaignId} AND zl.org_path = o.path
     WHERE ${inSubtree} AND ${filing('o')} AND (coalesce(zp.filed, 0) = 0 OR coalesce(zl.lectured_orgs, 0) = 0)`.execute(
        db,
      ));
  // Their `of`: the branch, its branches and theirs.
  const { rows: counted } = found.length
    ? await sql<{ id: string; of: number }>`
        SELECT o.id, 1 + (SELECT count(*) FROM orgs c WHERE c.parent_id = o.id AND ${filing('c')})
               + (SELECT count(*) FROM orgs c JOIN orgs g ON g.parent_id = c.id
                   WHERE c.parent_id = o.id AND ${filing('c')} AND ${filing('g')}) AS of
          FROM orgs o WHERE o.id IN (${sql.join(found.map((r) => r.id))})`.execute(db)
    : { rows: [] };
  const ofById = new Map(counted.map((r) => [r.id, Number(r.of)]));
  const deep: Row[] = found.map((r) => ({ ...r, of: ofById.get(r.id) ?? 1 }));
  const lists = await Promise.all(
    (['plans', 'lectures'] as const).map(async (m) => {
      const mine = deep.filter((r) => r[m]);
      // The others have `of` 1; the oldest of those with nothing done make up the list.
      const { rows: oldest } = await sql<Row>`
        SELECT o.id, o.name, o.type, q.name AS parent_name, 1 AS of
          FROM orgs o LEFT JOIN orgs q ON q.id = o.parent_id
         WHERE ${inSubtree} AND ${filing('o')} AND ${nothing(m)}
         ORDER BY o.id LIMIT ${limit + mine.length}`.execute(db);
      const seen = new Set(mine.map((r) => r.id));
      const zero = [...mine, ...oldest.filter((r) => !seen.has(r.id))];
      if (zero.length < limit) return null;
      return zero
        .map((r) => ({ id: r.id, name: r.name, type: r.type, parent_name: r.parent_name, of: Number(r.of) }))
        .sort((a, b) => b.of - a.of || Number(a.id) - Number(b.id))
        .slice(0, limit)
        .map((r) => ({ ...r, measure: m, done: 0 }));
    }),
  );
  return { plans: lists[0]!, lectures: lists[1]! };
}

/**
 * The branches of a subtree (not the org itself) with the lowest coverage (coverage's rollups, migration
 * 031): lectured of active members in each branch's subtree, lowest rate (rounded down to 0.1%) first,
 * then the most members left, then the oldest. The branches are those the other measures count (they
 * file plans: filesPlanSql), with members; a 党总支 without members of its own or a plan is left out,
 * as its 党支部 are listed themselves. Ranked in the database so a city's branches never leave it.
 */
export async function lowestBranchCoverage(
  db: Db,
  campaignId: string,
  org: { id: string; path: string },
  branchTypes: readonly string[],
  limit: number,
) {
  const hi = `${org.path.slice(0, -1)}/`;
  // The subtree's member rows read once by range and matched to their orgs, ranked; parents' names
  // only for the ranked few.
  const { rows } = await sql<{
    id: string;
    name: string;
    type: OrgType;
    parent_name: string | null;
    done: number;
    of: number;
  }>`
    SELECT y.id, y.name, y.type, p.name AS parent_name, y.done, y.of FROM (
      SELECT o.id, o.name, o.type, o.parent_id, x.done, x.of FROM (
        SELECT m.org_path, coalesce(l.members, 0) AS done, m.members AS of
          FROM coverage_member_counts m
          LEFT JOIN coverage_counts l ON l.campaign_id = ${campaignId} AND l.org_path = m.org_path
         WHERE m.org_path >= ${org.path} COLLATE "C" AND m.org_path < ${hi} COLLATE "C" AND m.members > 0) x
        JOIN orgs o ON o.path = x.org_path
       WHERE o.path LIKE ${`${org.path}%`} AND o.id <> ${org.id} AND o.active
         AND o.type IN (${sql.join([...branchTypes])}) AND ${filesPlanSql('o', campaignId)}
       ORDER BY (x.done * 1000) / x.of, x.of - x.done DESC, o.id LIMIT ${limit}) y
      LEFT JOIN orgs p ON p.id = y.parent_id
     ORDER BY (y.done * 1000) / y.of, y.of - y.done DESC, y.id`.execute(db);
  return rows.map((r) => ({ ...r, done: Number(r.done), of: Number(r.of) }));
}

/** An org's children, inactive ones too (their rows still count in the org's totals), in tree order. */
export function childOrgs(db: Db, orgId: string) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'type', 'path', 'parent_id', 'active'])
    .where('parent_id', '=', orgId)
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
}

/** Orgs by id with their parent's name (the laggard list names a branch's parent). */
export function orgsWithParents(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('orgs as o')
    .leftJoin('orgs as p', 'p.id', 'o.parent_id')
    .select(['o.id', 'o.name', 'o.type', 'p.name as parent_name'])
    .where('o.id', 'in', ids)
    .execute();
}
