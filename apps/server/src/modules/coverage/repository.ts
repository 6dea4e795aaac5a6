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
  /** The org's own members (attached to it directly, not to its descendants), by group. */
  own: PathSums;
}

/** Rollup column → the names of its member count and of its lectured count. */
const PAIRS = [
  ['members', 'members', 'lectured'],
  ['secretaries', 'secretaries', 'lecturedSecretaries'],
  ['deputies', 'deputies', 'lecturedDeputies'],
  ['committee', 'committee', 'lecturedCommittee'],
] as const;
type Named = keyof PathSums;

/** The eight numbers of a row pair (m: coverage_member_counts, l: coverage_counts): subtree or own. */
const numbers = (own: boolean) =>
  sql.join(
    PAIRS.flatMap(([column, asMember, asLectured]) => [
      sql`coalesce(${sql.ref(`m.${own ? 'own_' : ''}${column}`)}, 0) AS ${sql.id(own ? `own_${asMember}` : asMember)}`,
      sql`coalesce(${sql.ref(`l.${own ? 'own_' : ''}${column}`)}, 0) AS ${sql.id(own ? `own_${asLectured}` : asLectured)}`,
    ]),
  );

const pick = (r: Record<string, unknown>, own: boolean): PathSums => {
  const out = {} as PathSums;
  for (const [, m, l] of PAIRS)
    for (const name of [m, l] as Named[]) out[name] = r[own ? `own_${name}` : name] as number;
  return out;
};

/**
 * An org and each of its children (inactive ones too, so that nothing in the subtree is left out of
 * the totals): one row each from the rollups of migration 031, found by path, never a count over
 * members or lecture records. Each row has the org's subtree numbers (kept below the top level) and
 * its own members' (`own`). The org itself comes back with `self` true; its totals are its own members
 * plus its children's subtrees, which holds at the top level too.
 */
export async function childSums(
  db: Db,
  campaignId: string,
  org: { id: string },
  /** Only these children (and the org itself); all when left out. */
  onlyChildIds?: readonly string[],
) {
  const { rows } = await sql<
    Record<string, unknown> & { child: string; self: boolean; name: string; type: OrgType; active: boolean }
  >`
    SELECT c.id AS child, c.id = ${org.id} AS self, c.name, c.type, c.active, ${numbers(false)}, ${numbers(true)}
      FROM orgs c
      LEFT JOIN coverage_member_counts m ON m.org_path = c.path
      LEFT JOIN coverage_counts l ON l.campaign_id = ${campaignId} AND l.org_path = c.path
     WHERE c.id = ${org.id}
        OR (c.parent_id = ${org.id} ${onlyChildIds ? sql`AND c.id IN (${sql.join(['0', ...onlyChildIds])})` : sql``})
     ORDER BY c.id = ${org.id} DESC, c.sort_order, c.id`.execute(db);
  return rows.map((r) => ({
    child: r.child,
    self: r.self,
    name: r.name,
    type: r.type,
    active: r.active,
    ...pick(r, false),
    own: pick(r, true),
  }));
}

/** Every org of a subtree with its rollup rows (for the export, which lists them in tree order). */
export async function subtreeSums(db: Db, campaignId: string, path: string) {
  const { rows } = await sql<Record<string, unknown> & { orgPath: string }>`
    SELECT m.org_path AS "orgPath", ${numbers(false)}, ${numbers(true)}
      FROM coverage_member_counts m
      LEFT JOIN coverage_counts l ON l.campaign_id = ${campaignId} AND l.org_path = m.org_path
     WHERE m.org_path >= ${path} COLLATE "C" AND m.org_path < ${`${path.slice(0, -1)}/`} COLLATE "C"`.execute(
    db,
  );
  return rows.map((r) => ({ orgPath: r.orgPath, subtree: pick(r, false), own: pick(r, true) }));
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

/**
 * Active members by path from coverage_member_counts (for other modules' denominators, e.g. study
 * tasks): `members` is the subtree (0 at the top level, where it is not kept), `own` the org's own.
 * Paths without a row have no active members.
 */
export async function activeMemberCounts(db: Db, paths: readonly string[]) {
  const out = new Map<string, { members: number; own: number }>();
  if (paths.length === 0) return out;
  const rows = await db
    .selectFrom('coverage_member_counts')
    .select(['org_path', 'members', 'own_members'])
    .where('org_path', 'in', [...new Set(paths)])
    .execute();
  for (const r of rows) out.set(r.org_path, { members: r.members, own: r.own_members });
  return out;
}
