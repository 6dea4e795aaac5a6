import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { orgTypeLabels } from '@jiangtai/contracts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { movedUnitScene } from './test-moved-unit-scene.ts';
import { DERIVED_PATH_COLUMNS, HISTORICAL_PATH_COLUMNS, PATH_COPIES } from './path-copies.ts';
import { countsDrift, upload, xlsx } from './test-support.ts';

/**
 * The guard of "one function rewrites every path copy": a column named `*_path` anywhere in the schema
 * is either rewritten on a move (PATH_COPIES), kept in step by the database (DERIVED), or kept on
 * purpose with a reason (HISTORICAL). A new copy that is in none of them fails here.
 */

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t.close());

const key = (c: { table: string; column: string }) => `${c.table}.${c.column}`;

async function pathColumns(): Promise<string[]> {
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    SELECT c.table_name, c.column_name FROM information_schema.columns c
      JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
     WHERE c.table_schema = current_schema() AND tb.table_type = 'BASE TABLE' AND c.column_name LIKE '%\\_path'
     ORDER BY 1, 2`.execute(t.db);
  return rows.map((r) => `${r.table_name}.${r.column_name}`);
}

/** Rows of table.column whose value lies under `prefix`. */
async function rowsUnder(column: string, prefix: string) {
  const [table, col] = column.split('.') as [string, string];
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE ${sql.ref(col)} LIKE ${`${prefix}%`}`.execute(
    t.db,
  );
  return rows[0]!.n;
}

describe('stored copies of org paths', () => {
  it('are each rewritten on a move, derived, or kept on purpose with a reason', async () => {
    const found = await pathColumns();
    const accounted = [...PATH_COPIES, ...DERIVED_PATH_COLUMNS, ...HISTORICAL_PATH_COLUMNS].map(key);
    expect(
      found.filter((c) => !accounted.includes(c)),
      'a *_path column nobody rewrites on a move',
    ).toEqual([]);
    expect(
      accounted.filter((c) => !found.includes(c)),
      'a declared column that does not exist',
    ).toEqual([]);
    expect(new Set(accounted).size).toBe(accounted.length);
    for (const note of [...DERIVED_PATH_COLUMNS, ...HISTORICAL_PATH_COLUMNS])
      expect(note.why.length).toBeGreaterThan(20);
  });

  it('after a move, no copy outside the historical ones still holds the old path', async () => {
    const s = await movedUnitScene(t, 'guard');
    const old = s.unit.path;
    const columns = await pathColumns();
    const historical = HISTORICAL_PATH_COLUMNS.map(key);
    // The scene must give every copy a row to move, or a copy that does not move would pass unseen.
    for (const c of [...PATH_COPIES.map(key), ...DERIVED_PATH_COLUMNS.map(key)])
      expect(await rowsUnder(c, old), `${c} has no row under the moved org in the scene`).toBeGreaterThan(0);
    const auditBefore = await rowsUnder('audit_log.org_path', old);
    expect(auditBefore).toBeGreaterThan(0);

    expect((await s.admin.client.post(`/api/orgs/${s.unit.id}/move`, { parentId: s.yi.id })).statusCode).toBe(
      200,
    );

    const left: Record<string, number> = {};
    for (const c of columns.filter((c) => !historical.includes(c))) left[c] = await rowsUnder(c, old);
    expect(Object.entries(left).filter(([, n]) => n > 0)).toEqual([]);
    const now = `${s.yi.path}${s.unit.id}.`;
    for (const c of PATH_COPIES.map(key)) expect(await rowsUnder(c, now), c).toBeGreaterThan(0);
    // The log keeps where each change was made (and the move itself is filed under the new place).
    expect(await rowsUnder('audit_log.org_path', old)).toBe(auditBefore);
    expect(await countsDrift(t)).toEqual([]);
  });

  it('an import that moves an org and, separately, one of its descendants puts each copy where it ends up', async () => {
    const s = await movedUnitScene(t, 'nest');
    const res = await upload(
      s.admin.client,
      await xlsx({
        orgs: [
          ['nest-XJY', '县教育局', orgTypeLabels.unit, 'nest-YI', 1],
          ['nest-XJY-1', '县教育局机关党支部', orgTypeLabels.branch, 'nest-JIA', 1],
        ],
      }),
    );
    expect(res.statusCode).toBe(200);
    const unitPath = `${s.yi.path}${s.unit.id}.`;
    const branchPath = `${s.jia.path}${s.branch.id}.`;
    const members = await t.db
      .selectFrom('members')
      .select('org_path')
      .where('org_id', '=', s.branch.id)
      .execute();
    expect(members.length).toBeGreaterThan(0);
    for (const m of members) expect(m.org_path).toBe(branchPath);
    const entry = await t.db
      .selectFrom('entries')
      .select('unit_org_path')
      .where('id', '=', s.entryId)
      .executeTakeFirstOrThrow();
    expect(entry.unit_org_path).toBe(unitPath);
    const grant = await t.db
      .selectFrom('role_grants')
      .select('org_path')
      .where('user_id', '=', s.unitAdmin.id)
      .executeTakeFirstOrThrow();
    expect(grant.org_path).toBe(unitPath);
    expect(await rowsUnder('members.org_path', s.unit.path)).toBe(0);
    expect(await countsDrift(t)).toEqual([]);
  });
});
