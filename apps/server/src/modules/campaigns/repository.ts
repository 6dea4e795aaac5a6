import type { Kysely, Transaction } from 'kysely';
import type { CampaignSettings, CampaignStatus } from '@jiangtai/contracts';
import type { DB } from '../../db/types.ts';
import { pathCopy } from '../../db/path-copies.ts';

type Db = Kysely<DB> | Transaction<DB>;

const columns = [
  'c.id',
  'c.title',
  'c.status',
  'c.organiser_org_id',
  'c.organiser_org_path',
  'c.preset_key',
  'c.copied_from_id',
  'c.settings',
  'c.created_at',
  'c.updated_at',
  'o.name as organiser_org_name',
] as const;

function selectCampaigns(db: Db) {
  return db.selectFrom('campaigns as c').innerJoin('orgs as o', 'o.id', 'c.organiser_org_id').select(columns);
}

export type CampaignRow = Awaited<ReturnType<typeof findCampaign>> & object;

/** One campaign with its organiser org's name; `forUpdate` locks the row for a change in `db` (a transaction). */
export async function findCampaign(db: Db, id: string, opts: { forUpdate?: boolean } = {}) {
  let q = selectCampaigns(db).where('c.id', '=', id);
  if (opts.forUpdate) q = q.forUpdate('c');
  const row = await q.executeTakeFirst();
  return row && { ...row, settings: row.settings as CampaignSettings };
}

/**
 * Campaigns organised inside `prefixes` (any status), plus every published or closed one; the caller
 * filters the second kind by participating scope. Newest season first.
 */
export async function listCandidates(db: Db, q: { prefixes: string[]; status?: CampaignStatus }) {
  let query = selectCampaigns(db).where((eb) =>
    eb.or([
      eb('c.status', 'in', ['published', 'closed']),
      ...q.prefixes.map((p) => eb('c.organiser_org_path', 'like', `${p}%`)),
    ]),
  );
  if (q.status) query = query.where('c.status', '=', q.status);
  const rows = await query.orderBy('c.id', 'desc').execute();
  return rows.map((row) => ({ ...row, settings: row.settings as CampaignSettings }));
}

export function findOrg(db: Db, id: string) {
  return db.selectFrom('orgs').select(['id', 'path', 'name']).where('id', '=', id).executeTakeFirst();
}

export function findOrgs(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('orgs')
    .select(['id', 'path', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

export async function insertCampaign(
  db: Db,
  c: {
    settings: CampaignSettings;
    organiserOrgId: string;
    organiserOrgPath: string;
    status?: CampaignStatus;
    presetKey: string | null;
    copiedFromId: string | null;
    createdBy: string | null;
    now: Date;
  },
) {
  const { id } = await db
    .insertInto('campaigns')
    .values({
      title: c.settings.title,
      organiser_org_id: c.organiserOrgId,
      organiser_org_path: c.organiserOrgPath,
      status: c.status ?? 'draft',
      preset_key: c.presetKey,
      copied_from_id: c.copiedFromId,
      settings: JSON.stringify(c.settings),
      created_by: c.createdBy,
      created_at: c.now,
      updated_at: c.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export function updateSettings(db: Db, id: string, settings: CampaignSettings, now: Date) {
  return db
    .updateTable('campaigns')
    .set({ title: settings.title, settings: JSON.stringify(settings), updated_at: now })
    .where('id', '=', id)
    .execute();
}

export function updateStatus(db: Db, id: string, status: CampaignStatus, now: Date) {
  return db.updateTable('campaigns').set({ status, updated_at: now }).where('id', '=', id).execute();
}

/** The organiser org's path decides who manages a campaign; it follows the organiser org when it moves. */
export const campaignPathCopies = [pathCopy('campaigns', 'organiser_org_path')];

/** Other campaigns with exactly this title (the caller keeps those the actor may see). */
export async function findSameTitle(db: Db, title: string, exceptId: string) {
  const rows = await selectCampaigns(db)
    .where('c.title', '=', title)
    .where('c.id', '!=', exceptId)
    .orderBy('c.id')
    .execute();
  return rows.map((row) => ({ ...row, settings: row.settings as CampaignSettings }));
}
