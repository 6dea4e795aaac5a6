import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';

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
  /** The child org's id (the next segment of the path), or '' for members attached to the org itself. */
  child: string;
  /** Members and lectured members directly in the child org (not its descendants): its own 书记 check. */
  ownSecretaries: number;
  ownLecturedSecretaries: number;
}

/** `org_path` in the subtree of `path` as a "C"-collated index range ('1.5.' ≤ p < '1.5/'). */
const inSubtree = (path: string) =>
  sql`org_path >= ${path} COLLATE "C" AND org_path < ${`${path.slice(0, -1)}/`} COLLATE "C"`;

/** Both rollups' rows in a subtree, one shape: the member counts, then the campaign's lectured counts. */
const rollupRows = (campaignId: string, path: string) => sql`
  SELECT org_path, members AS mm, secretaries AS ms, deputies AS md, committee AS mc,
         0 AS lm, 0 AS ls, 0 AS ld, 0 AS lc
    FROM coverage_member_counts WHERE ${inSubtree(path)}
  UNION ALL
  SELECT org_path, 0, 0, 0, 0, members, secretaries, deputies, committee
    FROM coverage_counts WHERE campaign_id = ${campaignId} AND ${inSubtree(path)}`;

const sum = (col: string, as: string) => sql`coalesce(sum(${sql.ref(col)}), 0)::int AS ${sql.id(as)}`;
const SUMS = sql.join([
  sum('mm', 'members'),
  sum('ms', 'secretaries'),
  sum('md', 'deputies'),
  sum('mc', 'committee'),
  sum('lm', 'lectured'),
  sum('ls', 'lecturedSecretaries'),
  sum('ld', 'lecturedDeputies'),
  sum('lc', 'lecturedCommittee'),
]);

/**
 * The subtree of `path` summed per child org in one pass over at most two rows per org of the subtree
 * (the rollups of migration 031), never over members or lecture records.
 */
export async function childSums(db: Db, campaignId: string, path: string): Promise<ChildSums[]> {
  const rest = sql`substr(org_path, ${path.length + 1})`;
  const { rows } = await sql<ChildSums>`
    SELECT child, ${SUMS},
           coalesce(sum(ms) FILTER (WHERE own), 0)::int AS "ownSecretaries",
           coalesce(sum(ls) FILTER (WHERE own), 0)::int AS "ownLecturedSecretaries"
      FROM (SELECT split_part(${rest}, '.', 1) AS child, strpos(${rest}, '.') = length(${rest}) AS own, r.*
              FROM (${rollupRows(campaignId, path)}) r) x
     GROUP BY child`.execute(db);
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
    const { rows } = await sql<PathSums>`SELECT ${SUMS} FROM (${rollupRows(campaignId, path)}) r`.execute(db);
    out.set(path, rows[0]!);
  }
  return out;
}

/** Per-path rollup rows of a subtree (for the export, which sums them up the tree). */
export async function pathSums(
  db: Db,
  campaignId: string,
  path: string,
): Promise<(PathSums & { orgPath: string })[]> {
  const { rows } = await sql<PathSums & { orgPath: string }>`
    SELECT org_path AS "orgPath", ${SUMS} FROM (${rollupRows(campaignId, path)}) r GROUP BY org_path`.execute(
    db,
  );
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

export function activeChildren(db: Db, parentId: string) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'type', 'path'])
    .where('parent_id', '=', parentId)
    .where('active', '=', true)
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
