import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/types.ts';
import { NO_PASSWORD_YET } from '../initial-code.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface Selection {
  prefix: string;
  memberIds: string[] | null;
}

const inSelection = (s: Selection) =>
  sql<boolean>`m.org_path LIKE ${`${s.prefix}%`}${
    s.memberIds ? sql` AND m.id IN (${sql.join(s.memberIds.length ? s.memberIds : ['0'])})` : sql``
  }`;

/** Why a member gets no account, in the order the job decides it. */
export interface SkipCounts {
  inactive: number;
  hasAccount: number;
  noPhone: number;
  phoneTaken: number;
}

/** What a run over the selection would do now: one aggregate over the members and their accounts. */
export async function previewCounts(db: Db, s: Selection) {
  const { rows } = await sql<SkipCounts & { total: number }>`
    SELECT count(*)::int AS total,
      count(*) FILTER (WHERE NOT m.active)::int AS "inactive",
      count(*) FILTER (WHERE m.active AND u.id IS NOT NULL)::int AS "hasAccount",
      count(*) FILTER (WHERE m.active AND u.id IS NULL AND m.phone IS NULL)::int AS "noPhone",
      count(*) FILTER (WHERE m.active AND u.id IS NULL AND m.phone IS NOT NULL AND (
        EXISTS (SELECT 1 FROM users p WHERE p.phone = m.phone) OR
        EXISTS (SELECT 1 FROM users p WHERE p.username = m.phone)))::int AS "phoneTaken"
    FROM members m LEFT JOIN users u ON u.member_id = m.id
    WHERE ${inSelection(s)}`.execute(db);
  return rows[0]!;
}

/** Of these members, the ones that already have an account, and the phones already used as logins. */
export async function existingFor(db: Db, memberIds: string[], phones: string[]) {
  const members = memberIds.length
    ? await db.selectFrom('users').select('member_id').where('member_id', 'in', memberIds).execute()
    : [];
  // Two lookups, each on its own unique index, rather than one OR the planner might scan for.
  const byPhone = phones.length
    ? await db.selectFrom('users').select('phone as login').where('phone', 'in', phones).execute()
    : [];
  const byUsername = phones.length
    ? await db.selectFrom('users').select('username as login').where('username', 'in', phones).execute()
    : [];
  const logins = [...byPhone, ...byUsername];
  return {
    memberIds: new Set(members.map((r) => r.member_id!)),
    logins: new Set(logins.flatMap((r) => (r.login ? [r.login] : []))),
  };
}

export interface NewMemberAccount {
  memberId: string;
  name: string;
  phone: string;
  orgId: string;
  orgPath: string;
}

/**
 * Creates member accounts in one statement (and their member grants in another). A row that meets a
 * unique login or member made meanwhile by someone else is left out, not an error: the caller counts
 * what came back.
 */
export async function insertMemberAccounts(db: Db, rows: NewMemberAccount[], now: Date) {
  if (rows.length === 0) return [];
  const made = await db
    .insertInto('users')
    .values(
      rows.map((r) => ({
        username: r.phone,
        phone: r.phone,
        display_name: r.name,
        member_id: r.memberId,
        password_hash: NO_PASSWORD_YET,
        must_change_password: true,
        code_issue: 1,
        code_issued_at: now,
        created_at: now,
        updated_at: now,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .returning(['id', 'member_id'])
    .execute();
  const byMember = new Map(rows.map((r) => [r.memberId, r]));
  if (made.length)
    await db
      .insertInto('role_grants')
      .values(
        made.map((u) => {
          const m = byMember.get(u.member_id!)!;
          return {
            user_id: u.id,
            role: 'member' as const,
            org_id: m.orgId,
            org_path: m.orgPath,
            created_at: now,
          };
        }),
      )
      .execute();
  return made;
}

export function insertRun(
  db: Db,
  r: { orgId: string; memberIds: string[] | null; requestedBy: string; total: number; now: Date },
) {
  return db
    .insertInto('account_runs')
    .values({
      org_id: r.orgId,
      member_ids: r.memberIds,
      requested_by: r.requestedBy,
      total: r.total,
      created_at: r.now,
      updated_at: r.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export const setRunJob = (db: Db, id: string, jobId: string) =>
  db.updateTable('account_runs').set({ job_id: jobId }).where('id', '=', id).execute();

export function findRun(db: Db, id: string) {
  return db
    .selectFrom('account_runs as r')
    .innerJoin('orgs as o', 'o.id', 'r.org_id')
    .leftJoin('jobs as j', 'j.id', 'r.job_id')
    .selectAll('r')
    .select([
      'o.name as org_name',
      'o.path as org_path',
      'j.status as job_status',
      'j.last_error',
      'j.attempts',
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

export type RunRow = NonNullable<Awaited<ReturnType<typeof findRun>>>;

/** One batch's counts and the cursor, written in the batch's own transaction. */
export function advanceRun(
  db: Db,
  id: string,
  b: SkipCounts & { processed: number; created: number; lastMemberId: string },
  now: Date,
) {
  return db
    .updateTable('account_runs')
    .set((eb) => ({
      processed: eb('processed', '+', b.processed),
      created: eb('created', '+', b.created),
      skipped_inactive: eb('skipped_inactive', '+', b.inactive),
      skipped_has_account: eb('skipped_has_account', '+', b.hasAccount),
      skipped_no_phone: eb('skipped_no_phone', '+', b.noPhone),
      skipped_phone_taken: eb('skipped_phone_taken', '+', b.phoneTaken),
      last_member_id: b.lastMemberId,
      updated_at: now,
    }))
    .where('id', '=', id)
    .execute();
}

export const finishRun = (db: Db, id: string, now: Date) =>
  db.updateTable('account_runs').set({ finished_at: now, updated_at: now }).where('id', '=', id).execute();

/** Per org with members in the subtree: active members, their accounts, and how many activated. */
export async function statusByOrg(db: Db, prefix: string) {
  const { rows } = await sql<{
    org_id: string;
    org_name: string;
    org_path: string;
    members: number;
    accounts: number;
    activated: number;
  }>`
    SELECT m.org_id, o.name AS org_name, o.path AS org_path, count(*)::int AS members,
      count(u.id)::int AS accounts, count(u.activated_at)::int AS activated
    FROM members m JOIN orgs o ON o.id = m.org_id LEFT JOIN users u ON u.member_id = m.id
    WHERE m.org_path LIKE ${`${prefix}%`} AND m.active
    GROUP BY m.org_id, o.name, o.path
    ORDER BY o.path`.execute(db);
  return rows;
}

/** The members of one org (not its sub-orgs) with their account, a page at a time. */
export async function orgMembers(db: Db, orgId: string, page: number, pageSize: number) {
  const base = db
    .selectFrom('members as m')
    .leftJoin('users as u', 'u.member_id', 'm.id')
    .where('m.org_id', '=', orgId)
    .where('m.active', '=', true);
  const { total } = await base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .select([
      'm.id',
      'm.name',
      'm.phone',
      'u.id as user_id',
      'u.active as user_active',
      'u.activated_at',
      'u.password_hash',
      'u.code_issue',
      'u.code_issued_at',
    ])
    .orderBy('m.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total, rows };
}

/** Accounts of the subtree still waiting for their first sign-in with an initial password. */
export function slipRows(db: Db, prefix: string, limit: number) {
  return db
    .selectFrom('users as u')
    .innerJoin('members as m', 'm.id', 'u.member_id')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select([
      'u.id',
      'u.username',
      'u.code_issue',
      'u.code_issued_at',
      'm.name',
      'm.org_id',
      'o.name as org_name',
      'o.path as org_path',
    ])
    .where('m.org_path', 'like', `${prefix}%`)
    .where('m.active', '=', true)
    .where('u.active', '=', true)
    .where('u.activated_at', 'is', null)
    .where('u.password_hash', '=', NO_PASSWORD_YET)
    .orderBy(sql`o.path USING ~<~`)
    .orderBy('m.id')
    .limit(limit)
    .execute();
}

/** The member account of a user id, with where the member is now and every role the account holds. */
export async function memberAccount(db: Db, userId: string) {
  const user = await db
    .selectFrom('users as u')
    .innerJoin('members as m', 'm.id', 'u.member_id')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select([
      'u.id',
      'u.username',
      'u.code_issue',
      'u.code_issued_at',
      'u.active',
      'm.name',
      'm.org_id',
      'm.org_path',
      'o.name as org_name',
    ])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (!user) return undefined;
  const roles = await db.selectFrom('role_grants').select('role').where('user_id', '=', userId).execute();
  return { ...user, roles: roles.map((r) => r.role) };
}

/** A new initial password: the issue counter moves on, any own password and session are gone. */
export async function reissue(db: Db, userId: string, now: Date) {
  const row = await db
    .updateTable('users')
    .set((eb) => ({
      code_issue: eb('code_issue', '+', 1),
      code_issued_at: now,
      password_hash: NO_PASSWORD_YET,
      activated_at: null,
      must_change_password: true,
      failed_logins: 0,
      locked_until: null,
      updated_at: now,
    }))
    .where('id', '=', userId)
    .returning(['code_issue', 'code_issued_at'])
    .executeTakeFirstOrThrow();
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  return row;
}
