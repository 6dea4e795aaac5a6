import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { PartyStatus, Position } from '@jiangtai/contracts';
import { likeEscape } from './org-repository.ts';
import { withOrgTables, type Db } from './tables.ts';
import { pathCopy } from '../../db/path-copies.ts';

export interface MemberListQuery {
  /** Subtrees to list; null = all (platform admin without orgId). */
  prefixes: string[] | null;
  q?: string;
  partyStatus?: PartyStatus;
  position?: Position;
  includeInactive: boolean;
  page: number;
  pageSize: number;
}

/** Columns every member read returns: the row plus its org's name; dates as YYYY-MM-DD text. */
function selectMembers(db: Db) {
  return db
    .selectFrom('members as m')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select([
      'm.id',
      'm.org_id',
      'm.org_path',
      'm.name',
      'm.gender',
      'm.phone',
      'm.party_status',
      'm.positions',
      sql<string | null>`m.joined_on::text`.as('joined_on'),
      'm.active',
      'o.name as org_name',
      'o.active as org_active',
    ]);
}

export type MemberRow = Awaited<ReturnType<ReturnType<typeof selectMembers>['executeTakeFirstOrThrow']>>;

export const hasFilters = (q: Pick<MemberListQuery, 'q' | 'partyStatus' | 'position'>) =>
  !!(q.q || q.partyStatus || q.position);

/** The list's WHERE clause as SQL over `members m`, shared by the page and the filtered count. */
function listConditions(q: MemberListQuery & { prefixes: string[] | null }) {
  const conditions: RawBuilder<SqlBool>[] = [];
  if (q.prefixes)
    conditions.push(
      sql<SqlBool>`(${sql.join(
        q.prefixes.map((p) => sql`m.org_path LIKE ${`${p}%`}`),
        sql` OR `,
      )})`,
    );
  if (!q.includeInactive) conditions.push(sql<SqlBool>`m.active`);
  if (q.partyStatus) conditions.push(sql<SqlBool>`m.party_status = ${q.partyStatus}`);
  if (q.position) conditions.push(sql<SqlBool>`m.positions @> ARRAY[${q.position}]::text[]`);
  const text = q.q?.trim();
  // Digits search phones, anything else names (names hold no digits, phones no letters).
  if (text)
    conditions.push(
      sql<SqlBool>`${sql.ref(/^\d+$/.test(text) ? 'm.phone' : 'm.name')} LIKE ${`%${likeEscape(text)}%`}`,
    );
  return conditions.length > 0 ? sql<SqlBool>`${sql.join(conditions, sql` AND `)}` : sql<SqlBool>`true`;
}

/**
 * One page of members in the given subtrees, ordered by org path then id: the order of the
 * (org_path text_pattern_ops, id) index, so a page at the root reads 50 index entries, not 300,000 rows.
 * The total comes from the per-org counts when no filter applies; a filtered list counts for real.
 * Two statements in all: each round trip to embedded PGlite costs about a millisecond.
 */
export async function listMembers(db: Db, q: MemberListQuery): Promise<{ total: number; rows: MemberRow[] }> {
  if (q.prefixes && q.prefixes.length === 0) return { total: 0, rows: [] };
  const where = listConditions(q);
  const rows = await selectMembers(db)
    .where(where)
    .orderBy(sql`m.org_path USING ~<~`)
    .orderBy('m.id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  const total = hasFilters(q)
    ? (
        await db
          .selectFrom('members as m')
          .select(sql<number>`count(*)::int`.as('n'))
          .where(where)
          .executeTakeFirstOrThrow()
      ).n
    : await countMembersUnder(db, q.prefixes, q.includeInactive);
  return { total, rows };
}

/** Members in subtrees from the trigger-maintained counts (migration 002): ≤ 1 row per org is summed. */
export async function countMembersUnder(
  db: Db,
  prefixes: string[] | null,
  includeInactive: boolean,
): Promise<number> {
  if (prefixes && prefixes.length === 0) return 0;
  const column = includeInactive ? 'total_count' : 'active_count';
  const row = await withOrgTables(db)
    .selectFrom('org_member_counts')
    .select(sql<number>`coalesce(sum(${sql.ref(column)}), 0)::int`.as('n'))
    .$if(!!prefixes, (qb) => qb.where((eb) => eb.or(prefixes!.map((p) => eb('org_path', 'like', `${p}%`)))))
    .executeTakeFirstOrThrow();
  return row.n;
}

export function findMember(db: Db, id: string): Promise<MemberRow | undefined> {
  return selectMembers(db).where('m.id', '=', id).executeTakeFirst();
}

export function lockMember(db: Db, id: string) {
  return db.selectFrom('members').select(['id']).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Who already has this phone (another member), with their org for the conflict message. */
export function findMemberByPhone(db: Db, phone: string, exceptId?: string) {
  return db
    .selectFrom('members as m')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select(['m.id', 'm.active', 'm.org_path', 'o.name as org_name'])
    .where('m.phone', '=', phone)
    .$if(!!exceptId, (q) => q.where('m.id', '!=', exceptId!))
    .executeTakeFirst();
}

export interface MemberValues {
  org_id: string;
  org_path: string;
  name: string;
  gender: 'male' | 'female';
  phone: string | null;
  party_status: PartyStatus;
  positions: string[];
  joined_on: string | null;
}

export async function insertMember(db: Db, m: MemberValues): Promise<string> {
  const { id } = await db.insertInto('members').values(m).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function insertMembers(db: Db, members: MemberValues[]): Promise<void> {
  // 5,000 rows × 8 columns stays well under PostgreSQL's 65,535 bind parameters.
  for (let i = 0; i < members.length; i += 5000)
    await db
      .insertInto('members')
      .values(members.slice(i, i + 5000))
      .execute();
}

export function updateMember(
  db: Db,
  id: string,
  patch: Partial<MemberValues> & { active?: boolean },
  now: Date,
) {
  return db
    .updateTable('members')
    .set({ ...patch, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Updates many members in one statement per 2,000 rows (UPDATE … FROM (VALUES …)). */
export async function updateMembers(
  db: Db,
  members: (MemberValues & { id: string })[],
  now: Date,
): Promise<void> {
  for (let i = 0; i < members.length; i += 2000) {
    const values = sql.join(
      members
        .slice(i, i + 2000)
        .map(
          (m) =>
            sql`(${m.id}::bigint, ${m.org_id}::bigint, ${m.org_path}::text, ${m.name}::text, ${m.gender}::text, ${m.phone}::text, ${m.party_status}::text, ${m.positions}::text[], ${m.joined_on}::date)`,
        ),
    );
    await sql`
      UPDATE members SET org_id = v.org_id, org_path = v.org_path, name = v.name, gender = v.gender, phone = v.phone,
        party_status = v.party_status, positions = v.positions, joined_on = v.joined_on, updated_at = ${now}
      FROM (VALUES ${values}) AS v(id, org_id, org_path, name, gender, phone, party_status, positions, joined_on)
      WHERE members.id = v.id`.execute(db);
  }
}

/** members.org_path copies the member's org path (subtree lists without a join); it follows moves. */
export const memberPathCopies = [pathCopy('members', 'org_path')];
