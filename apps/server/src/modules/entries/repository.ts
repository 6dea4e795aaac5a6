import { sql, type Kysely, type Transaction } from 'kysely';
import type { CampaignSettings, EntryMaterialKind, EntryState, MaterialFinding } from '@jiangtai/contracts';
import type { DB } from '../../db/types.ts';
import { pathCopy } from '../../db/path-copies.ts';

type Db = Kysely<DB> | Transaction<DB>;

// ---------- entries ----------

function selectEntries(db: Db) {
  return db
    .selectFrom('entries as e')
    .innerJoin('campaigns as c', 'c.id', 'e.campaign_id')
    .innerJoin('members as m', 'm.id', 'e.member_id')
    .innerJoin('orgs as mo', 'mo.id', 'm.org_id')
    .innerJoin('orgs as u', 'u.id', 'e.unit_org_id')
    .select([
      'e.id',
      'e.campaign_id',
      'e.stage_key',
      'e.member_id',
      'e.unit_org_id',
      'e.unit_org_path',
      'e.title',
      'e.category_key',
      'e.outline',
      'e.state',
      'e.return_reason',
      'e.created_by',
      'e.created_at',
      'e.updated_at',
      'c.title as campaign_title',
      'c.status as campaign_status',
      'c.settings as campaign_settings',
      'c.organiser_org_path',
      'm.name as speaker_name',
      'm.gender as speaker_gender',
      'm.phone as speaker_phone',
      'm.positions as speaker_positions',
      'm.org_path as speaker_org_path',
      'mo.name as speaker_org_name',
      'u.name as unit_name',
    ]);
}

export type EntryRow = Omit<
  NonNullable<Awaited<ReturnType<ReturnType<typeof selectEntries>['executeTakeFirst']>>>,
  'campaign_settings' | 'state'
> & { campaign_settings: CampaignSettings; state: EntryState };

const typed = <T extends { campaign_settings: unknown; state: string }>(row: T) => row as unknown as EntryRow;

export async function findEntry(db: Db, id: string, opts: { forUpdate?: boolean } = {}) {
  let q = selectEntries(db).where('e.id', '=', id);
  if (opts.forUpdate) q = q.forUpdate('e');
  const row = await q.executeTakeFirst();
  return row ? typed(row) : undefined;
}

export interface EntryFilter {
  campaignId?: string;
  stageKey?: string;
  unitId?: string;
  /** Units in this path's subtree. */
  underPath?: string;
  categoryKey?: string;
  state?: EntryState;
  /** null = no restriction; otherwise unit path prefixes OR the member's own entries. */
  scope: { prefixes: string[]; memberId: string | null } | null;
}

export async function listEntries(db: Db, f: EntryFilter) {
  let q = selectEntries(db);
  if (f.campaignId) q = q.where('e.campaign_id', '=', f.campaignId);
  if (f.stageKey) q = q.where('e.stage_key', '=', f.stageKey);
  if (f.unitId) q = q.where('e.unit_org_id', '=', f.unitId);
  if (f.underPath) q = q.where('e.unit_org_path', 'like', `${f.underPath}%`);
  if (f.categoryKey) q = q.where('e.category_key', '=', f.categoryKey);
  if (f.state) q = q.where('e.state', '=', f.state);
  const scope = f.scope;
  if (scope) {
    q = q.where((eb) =>
      eb.or([
        ...scope.prefixes.map((p) => eb('e.unit_org_path', 'like', `${p}%`)),
        ...(scope.memberId ? [eb('e.member_id', '=', scope.memberId)] : []),
        // Nothing granted: an always-false branch keeps the OR valid.
        eb.val(false),
      ]),
    );
  }
  const rows = await q.orderBy('u.name').orderBy('e.id').execute();
  return rows.map(typed);
}

export async function insertEntry(
  db: Db,
  e: {
    campaignId: string;
    stageKey: string;
    memberId: string;
    unit: { id: string; path: string };
    title: string;
    categoryKey: string;
    outline: string;
    /** null for the demo seed. */
    createdBy: string | null;
    now: Date;
  },
) {
  const { id } = await db
    .insertInto('entries')
    .values({
      campaign_id: e.campaignId,
      stage_key: e.stageKey,
      member_id: e.memberId,
      unit_org_id: e.unit.id,
      unit_org_path: e.unit.path,
      title: e.title,
      category_key: e.categoryKey,
      outline: e.outline,
      created_by: e.createdBy,
      created_at: e.now,
      updated_at: e.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export function updateEntry(
  db: Db,
  id: string,
  set: {
    title?: string;
    category_key?: string;
    outline?: string;
    state?: EntryState;
    return_reason?: string | null;
  },
  now: Date,
) {
  return db
    .updateTable('entries')
    .set({ ...set, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** A live (not withdrawn) entry of this speaker for this stage, if any. */
export function findLiveEntry(db: Db, campaignId: string, stageKey: string, memberId: string) {
  return db
    .selectFrom('entries')
    .select(['id', 'title'])
    .where('campaign_id', '=', campaignId)
    .where('stage_key', '=', stageKey)
    .where('member_id', '=', memberId)
    .where('state', '<>', 'withdrawn')
    .executeTakeFirst();
}

export async function countRecommended(db: Db, campaignId: string, stageKey: string, unitId: string) {
  const row = await db
    .selectFrom('entries')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('campaign_id', '=', campaignId)
    .where('stage_key', '=', stageKey)
    .where('unit_org_id', '=', unitId)
    .where('state', '=', 'recommended')
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Serialises recommendations of one unit (the quota check and the change happen under this lock). */
export async function lockUnit(db: Db, unitId: string) {
  await db.selectFrom('orgs').select('id').where('id', '=', unitId).forUpdate().execute();
}

// ---------- people and orgs ----------

export function findMember(db: Db, id: string) {
  return db
    .selectFrom('members as m')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select([
      'm.id',
      'm.name',
      'm.org_id',
      'm.org_path',
      'm.party_status',
      'm.positions',
      'm.active',
      'o.name as org_name',
    ])
    .where('m.id', '=', id)
    .executeTakeFirst();
}

export function findOrgs(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('orgs')
    .select(['id', 'path', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

// ---------- materials ----------

function selectMaterials(db: Db) {
  return db
    .selectFrom('entry_materials as em')
    .innerJoin('stored_files as f', 'f.id', 'em.file_id')
    .leftJoin('users as u', 'u.id', 'em.created_by')
    .select([
      'em.id',
      'em.entry_id',
      'em.material',
      'em.file_id',
      'em.findings',
      'em.current',
      'em.created_at',
      'f.original_name',
      'f.detected_type',
      'f.mime',
      'f.size_bytes',
      'f.storage',
      'f.storage_key',
      'u.display_name as uploaded_by',
    ]);
}

export type MaterialRow = Awaited<ReturnType<typeof listMaterials>>[number];

export async function listMaterials(
  db: Db,
  entryIds: readonly string[],
  opts: { currentOnly?: boolean } = {},
) {
  if (entryIds.length === 0) return [];
  let q = selectMaterials(db).where('em.entry_id', 'in', [...entryIds]);
  if (opts.currentOnly) q = q.where('em.current', '=', true);
  const rows = await q.orderBy('em.id', 'desc').execute();
  return rows.map((r) => ({ ...r, findings: (r.findings ?? []) as MaterialFinding[] }));
}

export async function findMaterial(db: Db, entryId: string, materialId: string) {
  const rows = await selectMaterials(db)
    .where('em.entry_id', '=', entryId)
    .where('em.id', '=', materialId)
    .execute();
  const r = rows[0];
  return r ? { ...r, findings: (r.findings ?? []) as MaterialFinding[] } : undefined;
}

/** The new file becomes current; the one it replaces stays in the history. */
export async function insertMaterial(
  db: Db,
  m: {
    entryId: string;
    material: EntryMaterialKind;
    fileId: string;
    findings: MaterialFinding[];
    createdBy: string | null;
    now: Date;
  },
) {
  await db
    .updateTable('entry_materials')
    .set({ current: false })
    .where('entry_id', '=', m.entryId)
    .where('material', '=', m.material)
    .where('current', '=', true)
    .execute();
  const { id } = await db
    .insertInto('entry_materials')
    .values({
      entry_id: m.entryId,
      material: m.material,
      file_id: m.fileId,
      findings: JSON.stringify(m.findings),
      created_by: m.createdBy,
      created_at: m.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export function retireMaterial(db: Db, materialId: string) {
  return db.updateTable('entry_materials').set({ current: false }).where('id', '=', materialId).execute();
}

/** Entries a stored file belongs to (for file access decisions). */
export function entriesOfFile(db: Db, fileId: string) {
  return db.selectFrom('entry_materials').select('entry_id').where('file_id', '=', fileId).execute();
}

// ---------- events ----------

export function insertEvent(
  db: Db,
  e: {
    entryId: string;
    from: EntryState | null;
    to: EntryState;
    actorUserId: string | null;
    actorName: string | null;
    reason?: string | null;
    at: Date;
  },
) {
  return db
    .insertInto('entry_events')
    .values({
      entry_id: e.entryId,
      from_state: e.from,
      to_state: e.to,
      actor_user_id: e.actorUserId,
      actor_name: e.actorName,
      reason: e.reason ?? null,
      at: e.at,
    })
    .execute();
}

export function listEvents(db: Db, entryId: string) {
  return db.selectFrom('entry_events').selectAll().where('entry_id', '=', entryId).orderBy('id').execute();
}

// ---------- deadline extensions ----------

export function listExtensions(
  db: Db,
  campaignId: string,
  q: { stageKey?: string; unitIds?: string[] } = {},
) {
  let query = db
    .selectFrom('deadline_extensions as d')
    .innerJoin('orgs as o', 'o.id', 'd.unit_org_id')
    .leftJoin('users as u', 'u.id', 'd.granted_by')
    .select([
      'd.id',
      'd.stage_key',
      'd.unit_org_id',
      'o.name as unit_name',
      'o.path as unit_path',
      sql<string>`d.until::text`.as('until'),
      'd.reason',
      'u.display_name as granted_by',
      'd.at',
    ])
    .where('d.campaign_id', '=', campaignId);
  if (q.stageKey) query = query.where('d.stage_key', '=', q.stageKey);
  if (q.unitIds) {
    if (q.unitIds.length === 0) return Promise.resolve([]);
    query = query.where('d.unit_org_id', 'in', q.unitIds);
  }
  return query.orderBy('d.id', 'desc').execute();
}

export async function insertExtension(
  db: Db,
  x: {
    campaignId: string;
    stageKey: string;
    unitId: string;
    until: string;
    reason: string;
    grantedBy: string;
    at: Date;
  },
) {
  const { id } = await db
    .insertInto('deadline_extensions')
    .values({
      campaign_id: x.campaignId,
      stage_key: x.stageKey,
      unit_org_id: x.unitId,
      until: x.until,
      reason: x.reason,
      granted_by: x.grantedBy,
      at: x.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** An entry's unit path decides who administers it and whose list shows it; it follows the unit. */
export const entryPathCopies = [pathCopy('entries', 'unit_org_path')];

/**
 * The campaign's entries whose unit lies in a subtree, counted by unit path and state (the dashboard
 * sums them per child org; a campaign has hundreds of entries, so no rollup is needed).
 */
export async function stateCountsUnder(db: Db, campaignId: string, path: string) {
  const rows = await db
    .selectFrom('entries')
    .select(['unit_org_path as path', 'state', sql<number>`count(*)::int`.as('n')])
    .where('campaign_id', '=', campaignId)
    .where('unit_org_path', 'like', `${path}%`)
    .groupBy(['unit_org_path', 'state'])
    .execute();
  return rows.map((r) => ({ path: r.path, state: r.state as EntryState, n: Number(r.n) }));
}
