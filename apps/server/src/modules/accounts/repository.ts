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
      ip: s.ip,
      user_agent: s.userAgent,
    })
    .execute();
}

/** A session with its user's fields, in one query: every request resolves one. */
export function findSessionWithUser(db: Db, id: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id',
      's.user_id',
      's.csrf_token',
      's.expires_at',
      's.last_seen_at',
      'u.username',
      'u.display_name',
      'u.member_id',
      'u.must_change_password',
      'u.is_demo',
      'u.active',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export function touchSession(db: Db, id: string, now: Date, expiresAt: Date) {
  return db
    .updateTable('sessions')
    .set({ last_seen_at: now, expires_at: expiresAt })
    .where('id', '=', id)
    .execute();
}

export function deleteSession(db: Db, id: string) {
  return db.deleteFrom('sessions').where('id', '=', id).execute();
}

export function deleteSessionsOfUser(db: Db, userId: string, exceptId?: string) {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.execute();
}

export function recordFailedLogin(db: Db, userId: string, lockUntil: Date | null) {
  return db
    .updateTable('users')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1), locked_until: lockUntil }))
    .where('id', '=', userId)
    .returning('failed_logins')
    .executeTakeFirstOrThrow();
}

export function clearFailedLogins(db: Db, userId: string) {
  return db
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null })
    .where('id', '=', userId)
    .execute();
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
