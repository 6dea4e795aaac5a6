import { sql, type Kysely } from 'kysely';
import type { DB, NewMember } from '../apps/server/src/db/types.ts';
import { buildCityOrgs, cityMembers } from '../apps/server/src/scripts/gen-city.ts';
import { NO_PASSWORD_YET } from '../apps/server/src/modules/accounts/initial-code.ts';

/**
 * The generated city (gen-city's org tree and `totalMembers` members) loaded in bulk, plus one admin
 * account without a password, for the benchmarks that need a city-sized tree.
 */
export async function loadBenchCity(
  db: Kysely<DB>,
  totalMembers: number,
): Promise<{ root: { id: string; path: string }; adminId: string }> {
  const { orgs, branches } = buildCityOrgs();
  for (let i = 0; i < orgs.length; i += 2000)
    await db
      .insertInto('orgs')
      .values(orgs.slice(i, i + 2000))
      .execute();
  await sql`SELECT setval(pg_get_serial_sequence('orgs', 'id'), (SELECT max(id) FROM orgs))`.execute(db);
  let batch: NewMember[] = [];
  for (const m of cityMembers(branches, totalMembers)) {
    batch.push(m);
    if (batch.length === 5000) {
      await db.insertInto('members').values(batch).execute();
      batch = [];
    }
  }
  if (batch.length) await db.insertInto('members').values(batch).execute();
  const admin = await db
    .insertInto('users')
    .values({ username: 'bench_admin', display_name: '测试管理员', password_hash: NO_PASSWORD_YET })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { root: orgs[0]!, adminId: admin.id };
}
