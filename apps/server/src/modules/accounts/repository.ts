import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, RoleName } from '../../db/types.ts';
import { pathCopy } from '../../db/path-copies.ts';

type Db = Kysely<DB> | Transaction<DB>;

export function findUserByLogin(db: Db, login: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb.or([eb('username', '=', login), eb('phone', '=', login)]))
    .executeTakeFirst();
}

export function findUserById(db: Db, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function grantsOf(db: Db, userId: string) {
  return db
    .selectFrom('role_grants as g')
    .innerJoin('orgs as o', 'o.id', 'g.org_id')
    .select(['g.id', 'g.role', 'g.org_id', 'o.path as org_path', 'o.name as org_name'])
    .where('g.user_id', '=', userId)
    .orderBy('g.id')
    .execute();
}

export function insertSession(
  db: Db,
  s: {
    id: string;
    userId: string;
    csrfToken: string;
    expiresAt: Date;
    /** The server clock's now (injectable): the sliding expiry compares last_seen_at with it. */
    now: Date;
    ip: string | null;
    userAgent: string | null;
  },
) {
  return db
    .insertInto('sessions')
    .values({
      id: s.id,
      user_id: s.userId,
      csrf_token: s.csrfToken,
      expires_at: s.expiresAt,
      last_seen_at: s.now,
      ip: s.ip,
      user_agent: s.userAgent,
    })
    .execute();
}

/**
 * Sessions with their users' fields and grants, one statement for any number of them: every request
 * resolves one, and concurrent requests share the statement (see session-service.ts). Ids are text in
 * the grants' JSON (bigint would arrive as a JSON number); ordered by grant id as grantsOf.
 */
export async function findSessionsWithUsers(db: Db, ids: readonly string[]) {
  const { rows } = await sql<{
    id: string;
    user_id: string;
    csrf_token: string;
    expires_at: Date;
    last_seen_at: Date;
    username: string;
    display_name: string;
    member_id: string | null;
    must_change_password: boolean;
    is_demo: boolean;
    active: boolean;
    grants: { id: string; role: RoleName; org_id: string; org_path: string; org_name: string }[];
  }>`
    SELECT s.id, s.user_id, s.csrf_token, s.expires_at, s.last_seen_at, u.username, u.display_name,
           u.member_id, u.must_change_password, u.is_demo, u.active,
           coalesce((SELECT json_agg(json_build_object('id', g.id::text, 'role', g.role,
                                       'org_id', g.org_id::text, 'org_path', o.path, 'org_name', o.name)
                                     ORDER BY g.id)
                       FROM role_grants g JOIN orgs o ON o.id = g.org_id
                      WHERE g.user_id = u.id), '[]'::json) AS grants
      FROM sessions s
      JOIN users u ON u.id = s.user_id
     WHERE s.id = ANY(${[...ids]}::text[])`.execute(db);
  return rows;
}

/** Sliding expiry of any number of sessions in one statement (the requests of a busy minute share it). */
export async function touchSessions(db: Db, touches: readonly { id: string; now: Date; expiresAt: Date }[]) {
  const values = touches.map((t) => ({
    id: t.id,
    seen: t.now.toISOString(),
    expires: t.expiresAt.toISOString(),
  }));
  await sql`
    UPDATE sessions AS s SET last_seen_at = v.seen, expires_at = v.expires
      FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb) AS v(id text, seen timestamptz, expires timestamptz)
     WHERE s.id = v.id`.execute(db);
}

export function deleteSession(db: Db, id: string) {
  return db.deleteFrom('sessions').where('id', '=', id).execute();
}

export function deleteSessionsOfUser(db: Db, userId: string, exceptId?: string) {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.execute();
}

export function setPassword(db: Db, userId: string, hash: string, mustChange: boolean, now: Date) {
  return db
    .updateTable('users')
    .set({
      password_hash: hash,
      must_change_password: mustChange,
      failed_logins: 0,
      locked_until: null,
      updated_at: now,
      // A password of one's own activates the account (and ends any initial password on a slip).
      ...(mustChange ? {} : { activated_at: sql<Date>`coalesce(activated_at, ${now})` }),
    })
    .where('id', '=', userId)
    .execute();
}

export interface AccountListQuery {
  prefixes: string[] | null;
  q?: string;
  role?: RoleName;
  page: number;
  pageSize: number;
}

/** Accounts visible to a scope: those holding at least one grant inside it (or all, for null). */
export async function listAccounts(db: Db, q: AccountListQuery) {
  let query = db.selectFrom('users as u');
  if (q.prefixes || q.role) {
    const prefixes = q.prefixes;
    if (prefixes && prefixes.length === 0) return { total: 0, rows: [] };
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('role_grants as g')
          .select(sql`1`.as('one'))
          .whereRef('g.user_id', '=', 'u.id')
          .$if(!!prefixes, (qb) =>
            qb.where((e) => e.or(prefixes!.map((p) => e('g.org_path', 'like', `${p}%`)))),
          )
          .$if(!!q.role, (qb) => qb.where('g.role', '=', q.role!)),
      ),
    );
  }
  if (q.q) {
    const like = `%${q.q}%`;
    query = query.where((eb) =>
      eb.or([
        eb('u.username', 'like', like),
        eb('u.display_name', 'like', like),
        eb('u.phone', 'like', like),
      ]),
    );
  }
  const { total } = await query.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll('u')
    .orderBy('u.id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { total, rows };
}

export function grantsOfUsers(db: Db, userIds: string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('role_grants as g')
    .innerJoin('orgs as o', 'o.id', 'g.org_id')
    .select(['g.id', 'g.user_id', 'g.role', 'g.org_id', 'o.path as org_path', 'o.name as org_name'])
    .where('g.user_id', 'in', userIds)
    .orderBy('g.id')
    .execute();
}

/** role_grants.org_path copies the granted org's path (account lists by subtree); it follows moves. */
export const grantPathCopies = [pathCopy('role_grants', 'org_path')];

export function findMemberForLink(db: Db, memberId: string) {
  return db
    .selectFrom('members')
    .select(['id', 'name', 'org_path'])
    .where('id', '=', memberId)
    .executeTakeFirst();
}

export function findUserByMember(db: Db, memberId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username'])
    .where('member_id', '=', memberId)
    .executeTakeFirst();
}

export async function insertUser(
  db: Db,
  u: {
    username: string;
    displayName: string;
    phone: string | null;
    memberId: string | null;
    passwordHash: string;
  },
) {
  const { id } = await db
    .insertInto('users')
    .values({
      username: u.username,
      display_name: u.displayName,
      phone: u.phone,
      member_id: u.memberId,
      password_hash: u.passwordHash,
      must_change_password: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export function insertGrant(db: Db, g: { userId: string; role: RoleName; orgId: string; orgPath: string }) {
  return db
    .insertInto('role_grants')
    .values({ user_id: g.userId, role: g.role, org_id: g.orgId, org_path: g.orgPath })
    .execute();
}

/**
 * Active accounts holding the judge role (anywhere) that are visible in a scope: one of their grants
 * lies inside it. Null prefixes = every one (a system admin).
 */
export function listJudgesVisibleIn(db: Db, prefixes: string[] | null) {
  if (prefixes && prefixes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users as u')
    .select(['u.id', 'u.display_name', 'u.username'])
    .where('u.active', '=', true)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('role_grants as j')
          .select(sql`1`.as('one'))
          .whereRef('j.user_id', '=', 'u.id')
          .where('j.role', '=', 'judge'),
      ),
    )
    .$if(!!prefixes, (qb) =>
      qb.where((eb) =>
        eb.exists(
          eb
            .selectFrom('role_grants as g')
            .select(sql`1`.as('one'))
            .whereRef('g.user_id', '=', 'u.id')
            .where((e) => e.or(prefixes!.map((p) => e('g.org_path', 'like', `${p}%`)))),
        ),
      ),
    )
    .orderBy('u.id')
    .execute();
}

/**
 * Where each account belongs, as org paths read now: its member's org and every org on which it holds
 * a role other than judge (a judge grant says where they judge, not where they work).
 */
export async function affiliationPaths(db: Db, userIds: readonly string[]) {
  if (userIds.length === 0) return [];
  const members = await db
    .selectFrom('users as u')
    .innerJoin('members as m', 'm.id', 'u.member_id')
    .select(['u.id as user_id', 'm.org_path as path'])
    .where('u.id', 'in', userIds)
    .execute();
  const grants = await db
    .selectFrom('role_grants as g')
    .innerJoin('orgs as o', 'o.id', 'g.org_id')
    .select(['g.user_id', 'o.path as path'])
    .where('g.user_id', 'in', userIds)
    .where('g.role', '!=', 'judge')
    .execute();
  return [...members, ...grants];
}

/**
 * Puts the 党员 role of the given members' accounts on the org each member now belongs to. A grant
 * that would repeat one already there is dropped instead of moved.
 */
export async function moveMemberRolesToMemberOrg(db: Db, memberIds: readonly string[]): Promise<number> {
  if (memberIds.length === 0) return 0;
  const ids = sql.join(memberIds.map((id) => sql`${id}::bigint`));
  await sql`
    DELETE FROM role_grants g USING users u, members m
     WHERE g.user_id = u.id AND u.member_id = m.id AND m.id IN (${ids})
       AND g.role = 'member' AND g.org_id <> m.org_id
       AND EXISTS (
         SELECT 1 FROM role_grants k
          WHERE k.user_id = g.user_id AND k.role = 'member'
            AND (k.org_id = m.org_id OR (k.org_id <> m.org_id AND k.id < g.id)))`.execute(db);
  const moved = await sql`
    UPDATE role_grants g SET org_id = m.org_id, org_path = m.org_path
      FROM users u, members m
     WHERE g.user_id = u.id AND u.member_id = m.id AND m.id IN (${ids})
       AND g.role = 'member' AND g.org_id <> m.org_id`.execute(db);
  return Number(moved.numAffectedRows ?? 0);
}
