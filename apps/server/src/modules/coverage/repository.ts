import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, OrgType } from '../../db/types.ts';

export type Db = Kysely<DB> | Transaction<DB>;

/** Active members (m*) and, of them, those who lectured in the campaign (l*), all and per leader group. */
export interface PathSums {
  members: number;
  secretaries: number;
  deputies: number;
  committee: number;
  lectured: number;
  lecturedSecretaries: number;
  lecturedDeputies: number;
  lecturedCommittee: number;
}

export interface ChildSums extends PathSums {
  /** The child org's id. */
  child: string;
  /** Active members directly in the org (not its descendants), and its own 书记: the branch check. */
  ownMembers: number;
  ownLectured: number;
  ownSecretaries: number;
  ownLecturedSecretaries: number;
}

/** `<alias>.org_path` in the subtree of `<pathExpr>`: a "C"-collated index range ('1.5.' ≤ p < '1.5/'). */
const inSubtreeOf = (alias: string, pathExpr: ReturnType<typeof sql>) =>
  sql`${sql.ref(`${alias}.org_path`)} >= ${pathExpr} COLLATE "C"
    AND ${sql.ref(`${alias}.org_path`)} < (left(${pathExpr}, -1) || '/') COLLATE "C"`;

const COUNT_COLUMNS = ['members', 'secretaries', 'deputies', 'committee'] as const;
const sums = (alias: string) =>
  sql.join(COUNT_COLUMNS.map((c) => sql`coalesce(sum(${sql.ref(`${alias}.${c}`)}), 0)::int AS ${sql.id(c)}`));

/**
 * Each child of an org (inactive ones too, so that nothing in the subtree is left out of the totals)
 * with its subtree's sums, in one statement: per child two index range scans over the rollups of
 * migration 031 (at most one row per org and table), never over members or lecture records. Also each
 * child's own members and 书记 (attached to it directly), for the branch check, and a row for the org
 * itself (`self`) with its own members only: the org's totals are that row plus all its children.
 */
export async function childSums(db: Db, campaignId: string, org: { id: string }) {
  // The org's own row (om/ol) for itself, the subtree sums (m/l) for each child.
  const pick = (column: string, as: string, lectured = false) =>
    sql`coalesce(CASE WHEN c.id = ${org.id} THEN ${sql.ref(`${lectured ? 'ol' : 'om'}.${column}`)}
      ELSE ${sql.ref(`${lectured ? 'l' : 'm'}.${column}`)} END, 0)::int AS ${sql.id(as)}`;
  const { rows } = await sql<ChildSums & { self: boolean; name: string; type: OrgType; active: boolean }>`
    SELECT c.id AS child, c.id = ${org.id} AS self, c.name, c.type, c.active,
           ${pick('members', 'members')}, ${pick('secretaries', 'secretaries')},
           ${pick('deputies', 'deputies')}, ${pick('committee', 'committee')},
           ${pick('members', 'lectured', true)}, ${pick('secretaries', 'lecturedSecretaries', true)},
           ${pick('deputies', 'lecturedDeputies', true)}, ${pick('committee', 'lecturedCommittee', true)},
           coalesce(om.secretaries, 0) AS "ownSecretaries", coalesce(ol.secretaries, 0) AS "ownLecturedSecretaries",
           coalesce(om.members, 0) AS "ownMembers", coalesce(ol.members, 0) AS "ownLectured"
      FROM orgs c
      LEFT JOIN coverage_member_counts om ON om.org_path = c.path
      LEFT JOIN coverage_counts ol ON ol.campaign_id = ${campaignId} AND ol.org_path = c.path
      CROSS JOIN LATERAL (SELECT ${sums('k')} FROM coverage_member_counts k
                           WHERE c.id <> ${org.id} AND ${inSubtreeOf('k', sql.ref('c.path'))}) m
      CROSS JOIN LATERAL (SELECT ${sums('k')} FROM coverage_counts k
                           WHERE c.id <> ${org.id} AND k.campaign_id = ${campaignId}
                             AND ${inSubtreeOf('k', sql.ref('c.path'))}) l
     WHERE c.id = ${org.id} OR c.parent_id = ${org.id}
     ORDER BY c.id = ${org.id} DESC, c.sort_order, c.id`.execute(db);
  return rows;
}

/** Sums for each of several subtrees (the tops of a viewer's scope). */
export async function subtreeSums(
  db: Db,
  campaignId: string,
  paths: string[],
): Promise<Map<string, PathSums>> {
  const out = new Map<string, PathSums>();
  for (const path of paths) {
    const { rows } = await sql<PathSums>`
      SELECT m.members, m.secretaries, m.deputies, m.committee,
             l.members AS "lectured", l.secretaries AS "lecturedSecretaries",
             l.deputies AS "lecturedDeputies", l.committee AS "lecturedCommittee"
        FROM (SELECT ${sums('k')} FROM coverage_member_counts k WHERE ${inSubtreeOf('k', sql`${path}`)}) m,
             (SELECT ${sums('k')} FROM coverage_counts k
               WHERE k.campaign_id = ${campaignId} AND ${inSubtreeOf('k', sql`${path}`)}) l`.execute(db);
    out.set(path, rows[0]!);
  }
  return out;
}

/** Per-path rollup rows of a subtree, each path's own members (the export sums them up the tree). */
export async function pathSums(
  db: Db,
  campaignId: string,
  path: string,
): Promise<(PathSums & { orgPath: string })[]> {
  const { rows } = await sql<PathSums & { orgPath: string }>`
    SELECT m.org_path AS "orgPath", m.members, m.secretaries, m.deputies, m.committee,
           coalesce(l.members, 0) AS "lectured", coalesce(l.secretaries, 0) AS "lecturedSecretaries",
           coalesce(l.deputies, 0) AS "lecturedDeputies", coalesce(l.committee, 0) AS "lecturedCommittee"
      FROM coverage_member_counts m
      LEFT JOIN coverage_counts l ON l.campaign_id = ${campaignId} AND l.org_path = m.org_path
     WHERE ${inSubtreeOf('m', sql`${path}`)}`.execute(db);
  return rows;
}

export function findOrg(db: Db, id: string) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'type', 'path', 'parent_id', 'active'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function orgsByPaths(db: Db, paths: string[]) {
  if (paths.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'type', 'path', 'parent_id', 'active'])
    .where('path', 'in', paths)
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
}

/** Active orgs of a subtree with what the export needs to lay them out as a tree. */
export function subtreeOrgs(db: Db, path: string) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'type', 'path', 'parent_id', 'depth', 'sort_order'])
    .where('path', 'like', `${path}%`)
    .where('active', '=', true)
    .execute();
}

export function orgNames(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('orgs').select(['id', 'name', 'type']).where('id', 'in', ids).execute();
}

/**
 * Active members directly in the org who have no counting lecture in the campaign (the secretary's
 * to-do list): 书记, 副书记, 委员 first, then the others, each in the order they were entered.
 */
export function pendingMembers(db: Db, campaignId: string, orgPath: string) {
  return db
    .selectFrom('members as m')
    .select(['m.id', 'm.name', 'm.positions'])
    .where('m.org_path', '=', orgPath)
    .where('m.active', '=', true)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('coverage_speakers as s')
            .select('s.member_id')
            .whereRef('s.member_id', '=', 'm.id')
            .where('s.campaign_id', '=', campaignId),
        ),
      ),
    )
    .orderBy(
      sql`CASE coverage_leader_group(m.positions) WHEN 0 THEN 4 ELSE coverage_leader_group(m.positions) END`,
    )
    .orderBy('m.id')
    .execute();
}
