import type { Kysely, Transaction } from 'kysely';
import type { OrgAwardRule } from '@jiangtai/contracts';
import type { AwardKind, AwardListState, DB } from '../../db/types.ts';

export type Db = Kysely<DB> | Transaction<DB>;

/** The list without the seal image bytes (read on their own when a certificate is drawn). */
function selectLists(db: Db) {
  return db
    .selectFrom('award_lists as l')
    .select([
      'l.id',
      'l.round_id',
      'l.campaign_id',
      'l.state',
      'l.org_rule',
      'l.issuer',
      'l.issued_on',
      'l.notice_working_days',
      'l.notice_code',
      'l.notice_ends_on',
      'l.published_at',
      'l.finalised_at',
      'l.seal_mime',
      'l.created_at',
      'l.updated_at',
    ]);
}

export type ListRow = Omit<
  NonNullable<Awaited<ReturnType<ReturnType<typeof selectLists>['executeTakeFirst']>>>,
  'org_rule'
> & { org_rule: OrgAwardRule };

export async function findListOfRound(db: Db, roundId: string, opts: { forUpdate?: boolean } = {}) {
  let q = selectLists(db).where('l.round_id', '=', roundId);
  if (opts.forUpdate) q = q.forUpdate('l');
  return (await q.executeTakeFirst()) as ListRow | undefined;
}

export async function findListByNoticeCode(db: Db, code: string) {
  return (await selectLists(db)
    .where('l.notice_code', '=', code)
    .where('l.state', 'in', ['publicised', 'final'])
    .executeTakeFirst()) as ListRow | undefined;
}

export async function insertList(
  db: Db,
  l: {
    roundId: string;
    campaignId: string;
    orgRule: OrgAwardRule;
    issuer: string;
    noticeWorkingDays: number;
    createdBy: string;
    now: Date;
  },
) {
  const row = await db
    .insertInto('award_lists')
    .values({
      round_id: l.roundId,
      campaign_id: l.campaignId,
      org_rule: JSON.stringify(l.orgRule),
      issuer: l.issuer,
      notice_working_days: l.noticeWorkingDays,
      created_by: l.createdBy,
      created_at: l.now,
      updated_at: l.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateList(
  db: Db,
  id: string,
  patch: Partial<{
    state: AwardListState;
    orgRule: OrgAwardRule;
    issuer: string;
    issuedOn: string | null;
    noticeWorkingDays: number;
    noticeCode: string;
    noticeEndsOn: string;
    publishedAt: Date;
    finalisedAt: Date;
  }>,
  now: Date,
) {
  await db
    .updateTable('award_lists')
    .set({
      ...(patch.state !== undefined && { state: patch.state }),
      ...(patch.orgRule !== undefined && { org_rule: JSON.stringify(patch.orgRule) }),
      ...(patch.issuer !== undefined && { issuer: patch.issuer }),
      ...(patch.issuedOn !== undefined && { issued_on: patch.issuedOn }),
      ...(patch.noticeWorkingDays !== undefined && { notice_working_days: patch.noticeWorkingDays }),
      ...(patch.noticeCode !== undefined && { notice_code: patch.noticeCode }),
      ...(patch.noticeEndsOn !== undefined && { notice_ends_on: patch.noticeEndsOn }),
      ...(patch.publishedAt !== undefined && { published_at: patch.publishedAt }),
      ...(patch.finalisedAt !== undefined && { finalised_at: patch.finalisedAt }),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

export async function setSeal(db: Db, id: string, seal: { image: Buffer; mime: string } | null, now: Date) {
  await db
    .updateTable('award_lists')
    .set({ seal_image: seal?.image ?? null, seal_mime: seal?.mime ?? null, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function readSeal(db: Db, id: string) {
  const row = await db
    .selectFrom('award_lists')
    .select(['seal_image', 'seal_mime'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.seal_image && row.seal_mime
    ? { image: Buffer.from(row.seal_image), mime: row.seal_mime }
    : null;
}

// ---------- decisions and adjustments ----------

export async function listTieDecisions(db: Db, listId: string) {
  return db
    .selectFrom('award_tie_decisions')
    .selectAll()
    .where('list_id', '=', listId)
    .orderBy('id')
    .execute();
}

export async function insertTieDecision(
  db: Db,
  d: { listId: string; kind: AwardKind; ids: string[]; reason: string; decidedBy: string; now: Date },
) {
  await db
    .insertInto('award_tie_decisions')
    .values({
      list_id: d.listId,
      kind: d.kind,
      ids: d.ids,
      reason: d.reason,
      decided_by: d.decidedBy,
      at: d.now,
    })
    .execute();
}

export async function listUnitAdjustments(db: Db, listId: string) {
  return db
    .selectFrom('award_unit_adjustments')
    .selectAll()
    .where('list_id', '=', listId)
    .orderBy('at')
    .execute();
}

export async function upsertUnitAdjustment(
  db: Db,
  a: { listId: string; orgId: string; tier: string | null; reason: string; decidedBy: string; now: Date },
) {
  await db
    .insertInto('award_unit_adjustments')
    .values({
      list_id: a.listId,
      org_id: a.orgId,
      tier: a.tier,
      reason: a.reason,
      decided_by: a.decidedBy,
      at: a.now,
    })
    .onConflict((oc) =>
      oc.columns(['list_id', 'org_id']).doUpdateSet({
        tier: a.tier,
        reason: a.reason,
        decided_by: a.decidedBy,
        at: a.now,
      }),
    )
    .execute();
}

export async function deleteUnitAdjustment(db: Db, listId: string, orgId: string) {
  const r = await db
    .deleteFrom('award_unit_adjustments')
    .where('list_id', '=', listId)
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

// ---------- items (frozen at publication) ----------

export interface NewItem {
  kind: AwardKind;
  entryId: string | null;
  orgId: string;
  tier: string;
  position: number;
  rank: number | null;
  points: string | null;
  adjustedReason: string | null;
  certificateNo: string;
  verifyCode: string;
}

export async function insertItems(db: Db, listId: string, items: readonly NewItem[], now: Date) {
  if (!items.length) return;
  await db
    .insertInto('award_items')
    .values(
      items.map((i) => ({
        list_id: listId,
        kind: i.kind,
        entry_id: i.entryId,
        org_id: i.orgId,
        tier: i.tier,
        position: i.position,
        rank: i.rank,
        points: i.points,
        adjusted_reason: i.adjustedReason,
        certificate_no: i.certificateNo,
        verify_code: i.verifyCode,
        created_at: now,
      })),
    )
    .execute();
}

/** Items with what a certificate and the public pages print: names, never phone numbers. */
function selectItems(db: Db) {
  return db
    .selectFrom('award_items as i')
    .innerJoin('orgs as o', 'o.id', 'i.org_id')
    .leftJoin('entries as e', 'e.id', 'i.entry_id')
    .leftJoin('members as m', 'm.id', 'e.member_id')
    .select([
      'i.id',
      'i.list_id',
      'i.kind',
      'i.entry_id',
      'i.org_id',
      'i.tier',
      'i.position',
      'i.rank',
      'i.points',
      'i.adjusted_reason',
      'i.certificate_no',
      'i.verify_code',
      'o.name as unit_name',
      'm.name as speaker_name',
      'e.title',
      'e.state as entry_state',
    ]);
}
export type ItemRow = Awaited<ReturnType<ReturnType<typeof selectItems>['execute']>>[number];

export async function listItems(db: Db, listId: string) {
  return selectItems(db).where('i.list_id', '=', listId).orderBy('i.kind', 'asc').orderBy('i.id').execute();
}

export async function findItemByVerifyCode(db: Db, code: string) {
  return selectItems(db).where('i.verify_code', '=', code).executeTakeFirst();
}

/** What the public certificate page needs of the list, its campaign and round. */
export async function findListContext(db: Db, listId: string) {
  return db
    .selectFrom('award_lists as l')
    .innerJoin('campaigns as c', 'c.id', 'l.campaign_id')
    .select([
      'l.id',
      'l.round_id',
      'l.state',
      'l.issuer',
      'l.issued_on',
      'l.published_at',
      'l.notice_ends_on',
      'l.finalised_at',
      'c.title as campaign_title',
    ])
    .where('l.id', '=', listId)
    .executeTakeFirst();
}

/** Entry states in which an entry has left the contest (退赛: withdrawn, or returned by its unit). */
export const LEFT_ENTRY_STATES = ['withdrawn', 'returned'] as const;

/** Which of the entries have left the contest. */
export async function leftEntryIds(db: Db, ids: readonly string[]) {
  if (!ids.length) return new Set<string>();
  const rows = await db
    .selectFrom('entries')
    .select('id')
    .where('id', 'in', [...ids])
    .where('state', 'in', [...LEFT_ENTRY_STATES])
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function orgNames(db: Db, ids: readonly string[]) {
  if (!ids.length) return new Map<string, string>();
  const rows = await db
    .selectFrom('orgs')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The stored items as rows (for republishing: an unchanged award keeps its number and code). */
export async function listItemRows(db: Db, listId: string) {
  return db.selectFrom('award_items').selectAll().where('list_id', '=', listId).orderBy('id').execute();
}

export async function updateItem(
  db: Db,
  id: string,
  patch: { position: number; rank: number | null; points: string | null; adjustedReason: string | null },
) {
  await db
    .updateTable('award_items')
    .set({
      position: patch.position,
      rank: patch.rank,
      points: patch.points,
      adjusted_reason: patch.adjustedReason,
    })
    .where('id', '=', id)
    .execute();
}

/**
 * Claims `count` certificate numbers of the campaign and year, returning the first: one upsert on
 * the counter row, so lists published at once queue and a number is never given twice.
 */
export async function claimCertificateNumbers(db: Db, campaignId: string, year: string, count: number) {
  const row = await db
    .insertInto('award_certificate_numbers')
    .values({ campaign_id: campaignId, year, last_no: count })
    .onConflict((oc) =>
      oc.columns(['campaign_id', 'year']).doUpdateSet((eb) => ({
        last_no: eb('award_certificate_numbers.last_no', '+', count),
      })),
    )
    .returning('last_no')
    .executeTakeFirstOrThrow();
  return row.last_no - count + 1;
}

export async function deleteItems(db: Db, ids: readonly string[]) {
  if (ids.length)
    await db
      .deleteFrom('award_items')
      .where('id', 'in', [...ids])
      .execute();
}

// ---------- objections ----------

export async function insertObjection(
  db: Db,
  o: {
    listId: string;
    content: string;
    contactName: string;
    contactPhone: string;
    lodgedBy: string;
    now: Date;
  },
) {
  const row = await db
    .insertInto('award_objections')
    .values({
      list_id: o.listId,
      content: o.content,
      contact_name: o.contactName,
      contact_phone: o.contactPhone,
      lodged_by: o.lodgedBy,
      lodged_at: o.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listObjections(db: Db, listId: string) {
  return db
    .selectFrom('award_objections as o')
    .innerJoin('users as u', 'u.id', 'o.lodged_by')
    .selectAll('o')
    .select('u.display_name as lodged_by_name')
    .where('o.list_id', '=', listId)
    .orderBy('o.id')
    .execute();
}
export type ObjectionRow = Awaited<ReturnType<typeof listObjections>>[number];

export async function answerObjection(
  db: Db,
  a: { id: string; outcome: 'upheld' | 'dismissed'; answer: string; answeredBy: string; now: Date },
) {
  await db
    .updateTable('award_objections')
    .set({ outcome: a.outcome, answer: a.answer, answered_by: a.answeredBy, answered_at: a.now })
    .where('id', '=', a.id)
    .execute();
}
