/**
 * Subtree listing at city scale (7,000 orgs, 300,000 members) on embedded PGlite.
 *
 *   npm run gen:city            # once: builds bench/.data/city
 *   npm run bench [-- --data-dir … --iterations 200]
 *
 * For the root, a county and a branch it times, with the org module's own repository functions:
 *   page   — one member-list page (50 rows, ordered) plus its total, as GET /api/members does;
 *   counts — the tree browser's expand: the node with its child count and subtree and direct member
 *            counts, and its children each with child and subtree member counts.
 * The baseline, measured in the same run on the same data, is the naive approach: a recursive CTE
 * over orgs.parent_id joined to members by org_id (no materialised path, no cached counts).
 * Prints p50/p95 for both and the ratio baseline/ours; the target is page p95 ≤ 20 ms at the root.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { openDatabase } from '../apps/server/src/db/database.ts';
import type { DB, Org } from '../apps/server/src/db/types.ts';
import { listMembers } from '../apps/server/src/modules/org/member-repository.ts';
import { childrenOf, findOrgWithCounts } from '../apps/server/src/modules/org/org-repository.ts';
import { DEFAULT_CITY_DIR } from '../apps/server/src/scripts/gen-city.ts';
import { time } from './timing.ts';

const PAGE_TARGET_MS = 20;

const { values } = parseArgs({
  options: { 'data-dir': { type: 'string' }, iterations: { type: 'string', default: '200' } },
});
const dataDir = values['data-dir']
  ? path.resolve(process.env.INIT_CWD ?? process.cwd(), values['data-dir'])
  : DEFAULT_CITY_DIR;
const iterations = Number(process.env.BENCH_ITERATIONS ?? values.iterations);

function ours(db: Kysely<DB>, org: Org) {
  return {
    page: async () => {
      const { total, rows } = await listMembers(db, {
        prefixes: [org.path],
        includeInactive: false,
        page: 1,
        pageSize: 50,
      });
      return `total ${total}, ${rows.length} rows`;
    },
    counts: async () => {
      const node = await findOrgWithCounts(db, org.id);
      const children = await childrenOf(db, org.id, false);
      if (node?.child_count !== children.length) throw new Error('inconsistent child count');
      return `members ${node.member_count}, children ${children.length}`;
    },
  };
}

function baseline(db: Kysely<DB>, org: Org) {
  const subtree = sql`WITH RECURSIVE sub(id) AS (
      SELECT id FROM orgs WHERE id = ${org.id}
      UNION ALL SELECT o.id FROM orgs o JOIN sub ON o.parent_id = sub.id)`;
  return {
    page: async () => {
      const { rows } = await sql<{ id: string }>`${subtree}
        SELECT m.id, m.name, m.phone, m.positions, o.name AS org_name FROM members m
        JOIN sub ON sub.id = m.org_id JOIN orgs o ON o.id = m.org_id
        WHERE m.active ORDER BY m.org_id, m.id LIMIT 50`.execute(db);
      const { rows: total } = await sql<{ n: number }>`${subtree}
        SELECT count(*)::int AS n FROM members m JOIN sub ON sub.id = m.org_id WHERE m.active`.execute(db);
      return `total ${total[0]!.n}, ${rows.length} rows`;
    },
    counts: async () => {
      const { rows } = await sql<{ root: string; members: number }>`
        WITH RECURSIVE sub(root, id) AS (
          SELECT id, id FROM orgs WHERE parent_id = ${org.id} AND active
          UNION ALL SELECT sub.root, o.id FROM orgs o JOIN sub ON o.parent_id = sub.id)
        SELECT root, count(m.id)::int AS members FROM sub LEFT JOIN members m ON m.org_id = sub.id AND m.active GROUP BY root`.execute(
        db,
      );
      const { rows: direct } = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM members WHERE org_id = ${org.id} AND active`.execute(db);
      await sql`SELECT parent_id, count(*) FROM orgs
        WHERE active AND parent_id IN (SELECT id FROM orgs WHERE parent_id = ${org.id} AND active) GROUP BY parent_id`.execute(
        db,
      );
      return `members ${direct[0]!.n + rows.reduce((a, r) => a + r.members, 0)}, children ${rows.length}`;
    },
  };
}

async function main() {
  if (!fs.existsSync(path.join(dataDir, 'pglite'))) {
    console.error(`没有找到城市规模测试数据：${dataDir}\n请先运行 npm run gen:city`);
    process.exit(1);
  }
  const database = await openDatabase({ dataDir });
  const { db } = database;
  try {
    const root = await db
      .selectFrom('orgs')
      .selectAll()
      .where('parent_id', 'is', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const county = await db
      .selectFrom('orgs')
      .selectAll()
      .where('type', '=', 'county')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const branch = await db
      .selectFrom('orgs')
      .selectAll()
      .where('type', '=', 'branch')
      .where('path', 'like', `${county.path}%`)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const { n: members } = await db
      .selectFrom('members')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    const { n: orgs } = await db
      .selectFrom('orgs')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    console.log(`数据：${orgs} 个组织，${members} 名党员（${dataDir}）；每项 ${iterations} 次，PGlite\n`);
    console.log('scope   op      ours p50/p95 ms    baseline p50/p95 ms   ratio p50 (p95)   check');
    let pageAtRootP95 = Infinity;
    for (const [label, org] of [
      ['root', root],
      ['county', county],
      ['branch', branch],
    ] as const) {
      const o = ours(db, org);
      const b = baseline(db, org);
      for (const op of ['page', 'counts'] as const) {
        const [mine, theirs] = [await o[op](), await b[op]()];
        const check = mine === theirs ? `${mine} ✓` : `MISMATCH ours: ${mine}; baseline: ${theirs}`;
        const ot = await time(o[op], iterations);
        const bt = await time(b[op], iterations);
        if (label === 'root' && op === 'page') pageAtRootP95 = ot.p95;
        console.log(
          `${label.padEnd(7)} ${op.padEnd(7)} ${`${ot.p50.toFixed(2)} / ${ot.p95.toFixed(2)}`.padEnd(18)} ${`${bt.p50.toFixed(2)} / ${bt.p95.toFixed(2)}`.padEnd(21)} ${`${(bt.p50 / ot.p50).toFixed(1)}x (${(bt.p95 / ot.p95).toFixed(1)}x)`.padEnd(17)} ${check}`,
        );
      }
    }
    console.log(
      `\n根节点党员列表（50 行 + 总数）p95 = ${pageAtRootP95.toFixed(2)} ms，目标 ≤ ${PAGE_TARGET_MS} ms：${pageAtRootP95 <= PAGE_TARGET_MS ? '达标' : '未达标'}`,
    );
  } finally {
    await database.close();
  }
}

await main();
