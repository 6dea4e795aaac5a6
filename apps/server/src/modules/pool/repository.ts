import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';
import { pathCopy } from '../../db/path-copies.ts';

/** speaker_pools.org_path follows its org when the tree is restructured. */
export const poolPathCopies = [pathCopy('speaker_pools', 'org_path')];

// ---------- SQL only below; rules live in service.ts and policy.ts ----------

export * from './speaker-repository.ts';

export type Db = Kysely<DB> | Transaction<DB>;

const poolColumns = [
  'p.id',
  'p.org_id',
  'p.org_path',
  'p.name',
  'p.target',
  'o.name as org_name',
  'o.depth as org_depth',
  'o.parent_id as org_parent_id',
] as const;

const counts = (db: Db) =>
  db
    .selectFrom('pool_speakers')
    .select((eb) => [
      'pool_id',
      eb.fn.countAll<string>().filterWhere('status', '=', 'active').as('active'),
      eb.fn.countAll<string>().filterWhere('status', '=', 'nominated').as('nominated'),
    ])
    .groupBy('pool_id');

function selectPools(db: Db) {
  return db
    .selectFrom('speaker_pools as p')
    .innerJoin('orgs as o', 'o.id', 'p.org_id')
    .leftJoin(counts(db).as('n'), 'n.pool_id', 'p.id')
    .select(poolColumns)
    .select((eb) => [
      eb.fn.coalesce('n.active', sql<string>`0`).as('active'),
      eb.fn.coalesce('n.nominated', sql<string>`0`).as('nominated'),
    ]);
}
export type PoolRow = NonNullable<Awaited<ReturnType<typeof findPool>>>;

export function findPool(db: Db, id: string) {
  return selectPools(db).where('p.id', '=', id).executeTakeFirst();
}

export async function lockPool(db: Db, id: string) {
  await db.selectFrom('speaker_pools').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Pools whose org lies in one of `prefixes` (a subtree each), or any of `orgIds`. */
export function listPools(db: Db, prefixes: string[], orgIds: string[] = []) {
  if (prefixes.length === 0 && orgIds.length === 0) return Promise.resolve([]);
  return selectPools(db)
    .where((eb) =>
      eb.or([
        ...prefixes.map((p) => eb('p.org_path', 'like', `${p}%`)),
        ...(orgIds.length ? [eb('p.org_id', 'in', orgIds)] : []),
      ]),
    )
    .orderBy('o.depth')
    .orderBy('o.sort_order')
    .orderBy('p.id')
    .execute();
}

export function poolsOfOrgs(db: Db, orgIds: string[]) {
  if (orgIds.length === 0) return Promise.resolve([]);
  return selectPools(db).where('p.org_id', 'in', orgIds).execute();
}

export function findOrg(db: Db, id: string) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'path', 'depth', 'parent_id', 'active', 'type'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function childOrgs(db: Db, parentId: string) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'path', 'type'])
    .where('parent_id', '=', parentId)
    .where('active', '=', true)
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
}

export async function insertPool(
  db: Db,
  p: {
    orgId: string;
    orgPath: string;
    name: string;
    target: number | null;
    createdBy: string | null;
    now: Date;
  },
) {
  const row = await db
    .insertInto('speaker_pools')
    .values({
      org_id: p.orgId,
      org_path: p.orgPath,
      name: p.name,
      target: p.target,
      created_by: p.createdBy,
      created_at: p.now,
      updated_at: p.now,
    })
    .onConflict((oc) => oc.column('org_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export function updatePool(db: Db, id: string, set: { name?: string; target?: number | null }, now: Date) {
  return db
    .updateTable('speaker_pools')
    .set({ ...set, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/**
 * The largest `speakerPool.targetPerCounty` of the published campaigns organised by the org whose
 * id is `parentId` (the pool's org is then one of its counties), or null.
 */
export async function inheritedTargets(db: Db, parentIds: string[]) {
  if (parentIds.length === 0) return new Map<string, number>();
  const rows = await db
    .selectFrom('campaigns')
    .select([
      'organiser_org_id',
      sql<number | null>`max((settings->'speakerPool'->>'targetPerCounty')::int)`.as('target'),
    ])
    .where('organiser_org_id', 'in', parentIds)
    .where('status', '=', 'published')
    .groupBy('organiser_org_id')
    .execute();
  return new Map(rows.filter((r) => r.target !== null).map((r) => [r.organiser_org_id, Number(r.target)]));
}

export function findMember(db: Db, id: string) {
  return db
    .selectFrom('members')
    .select(['id', 'name', 'gender', 'phone', 'party_status', 'positions', 'org_id', 'org_path', 'active'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function orgName(db: Db, id: string) {
  return db.selectFrom('orgs').select(['name', 'path']).where('id', '=', id).executeTakeFirst();
}

/** An entry with its member and campaign, for 比赛推选. */
export function findEntryForPool(db: Db, id: string) {
  return db
    .selectFrom('entries as e')
    .innerJoin('members as m', 'm.id', 'e.member_id')
    .innerJoin('campaigns as c', 'c.id', 'e.campaign_id')
    .innerJoin('orgs as u', 'u.id', 'e.unit_org_id')
    .select([
      'e.id',
      'e.title',
      'e.state',
      'e.stage_key',
      'e.unit_org_path',
      'e.member_id',
      'c.title as campaign_title',
      'c.organiser_org_path',
      'm.name',
      'm.gender',
      'm.phone',
      'm.party_status',
      'm.positions',
      'm.org_path as member_org_path',
      'u.name as unit_name',
    ])
    .where('e.id', '=', id)
    .executeTakeFirst();
}

/** The entry the speaker came from, for the speaker page. */
export function entryRef(db: Db, id: string) {
  return db
    .selectFrom('entries as e')
    .innerJoin('campaigns as c', 'c.id', 'e.campaign_id')
    .select(['e.id', 'e.title', 'c.title as campaign_title'])
    .where('e.id', '=', id)
    .executeTakeFirst();
}

export async function poolOfOrgId(db: Db, orgId: string) {
  const row = await db
    .selectFrom('speaker_pools')
    .select('id')
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return row?.id;
}

// ---------- Bulk inserts for the demo seed (rows already checked by the caller) ----------

export function insertPoolsBulk(db: Db, rows: Insertable<DB['speaker_pools']>[]) {
  if (rows.length === 0) return Promise.resolve([]);
  return db.insertInto('speaker_pools').values(rows).returning(['id', 'org_id']).execute();
}

/** Returns the ids in the order of `rows`. */
export async function insertSpeakersBulk(db: Db, rows: Insertable<DB['pool_speakers']>[]) {
  if (rows.length === 0) return [];
  const out = await db.insertInto('pool_speakers').values(rows).returning('id').execute();
  return out.map((r) => r.id);
}

export async function insertSpeakerEventsBulk(db: Db, rows: Insertable<DB['pool_speaker_events']>[]) {
  if (rows.length > 0) await db.insertInto('pool_speaker_events').values(rows).execute();
}

/** The pools of a subtree's orgs with their active speakers, own target and org's parent (for effectiveTarget). */
export async function poolSizesUnder(db: Db, path: string) {
  const rows = await db
    .selectFrom('speaker_pools as p')
    .innerJoin('orgs as o', 'o.id', 'p.org_id')
    .select([
      'p.org_path as path',
      'p.target',
      'o.parent_id as org_parent_id',
      sql<number>`(SELECT count(*) FROM pool_speakers s WHERE s.pool_id = p.id AND s.status = 'active')::int`.as(
        'speakers',
      ),
    ])
    .where('p.org_path', 'like', `${path}%`)
    .execute();
  return rows.map((r) => ({ ...r, speakers: Number(r.speakers) }));
}
