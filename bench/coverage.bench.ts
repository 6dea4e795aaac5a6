/**
 * 人人上讲台 coverage at city scale: the coverage API against a naive count over the raw records.
 *
 *   npm run bench:coverage [-- --members 300000 --records 150000 --iterations 200 --only pglite|postgres]
 *
 * For each database (embedded PGlite in a temporary directory; a private schema on PostgreSQL, dropped
 * after) it builds gen-city's city (≈7,000 orgs, --members members) through the real migrations, so the
 * rollup triggers of migration 031 run on every insert, and loads --records lecture records of one
 * campaign (random speakers, some lecturing more than once, 5% guests, 5% returned, 2% deleted) in
 * 5,000-row statements. It then times, at the root, a county and a branch:
 *   ours     — the coverage service's view (what GET /api/campaigns/:id/coverage answers): the org's and
 *              each child's lectured/members by leader group from the rollups, the branch's to-do list;
 *   baseline — the same numbers counted from members and lecture_records per request with joins and
 *              count(DISTINCT), in the same run on the same data (the branch also lists its pending members).
 * Both answers are compared (✓ or MISMATCH) before timing; p50/p95 and the ratio baseline/ours are printed.
 * Target: p95 ≤ 20 ms at the root on PGlite. Also printed: the record load and one record's insert
 * (the triggers' cost on writes).
 *   BENCH_PG_URL  PostgreSQL connection (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { parseArgs } from 'node:util';
import { sql, type Insertable, type Kysely } from 'kysely';
import type { CoverageFraction } from '@jiangtai/contracts';
import type { DB, LectureRecordsTable } from '../apps/server/src/db/types.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { systemClock } from '../apps/server/src/lib/clock.ts';
import type { Actor } from '../apps/server/src/lib/actor.ts';
import { buildPresetSettings } from '../apps/server/src/modules/campaigns/presets.ts';
import { insertCampaign } from '../apps/server/src/modules/campaigns/repository.ts';
import { coverageService } from '../apps/server/src/modules/coverage/service.ts';
import { openBenchDatabase, prng } from './bench-db.ts';
import { loadBenchCity } from './city.ts';
import { time } from './timing.ts';

type Kind = 'pglite' | 'postgres';
const ROOT_TARGET_MS = 20;
const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '300000' },
    records: { type: 'string', default: '150000' },
    iterations: { type: 'string', default: '200' },
    only: { type: 'string' },
  },
});
const totalMembers = Number(values.members);
const totalRecords = Number(values.records);
const iterations = Number(process.env.BENCH_ITERATIONS ?? values.iterations);
const kinds: Kind[] = values.only ? [values.only as Kind] : ['pglite', 'postgres'];
const pgUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const open = (kind: Kind) => openBenchDatabase(kind, 'coverage', pgUrl);

async function buildCity(db: Kysely<DB>) {
  const { root, adminId } = await loadBenchCity(db, totalMembers);
  const campaignId = await insertCampaign(db, {
    settings: buildPresetSettings('yueyang', { year: 2026 }),
    organiserOrgId: root.id,
    organiserOrgPath: root.path,
    status: 'published',
    presetKey: 'yueyang',
    copiedFromId: null,
    createdBy: null,
    now: new Date(),
  });
  return { root, userId: adminId, campaignId };
}

/** Lecture records of the campaign, each in its speaker's branch (as the lectures module records them). */
async function loadRecords(db: Kysely<DB>, campaignId: string, userId: string) {
  const members = await db.selectFrom('members').select(['id', 'org_id', 'org_path']).orderBy('id').execute();
  const rand = prng(20261206);
  let rows: Insertable<LectureRecordsTable>[] = [];
  const started = performance.now();
  for (let i = 0; i < totalRecords; i++) {
    // Skewed: a third of the members give most lectures, so many lecture more than once.
    const m = members[Math.floor(Math.pow(rand(), 1.6) * members.length)]!;
    const guest = rand() < 0.05;
    const r = rand();
    rows.push({
      campaign_id: campaignId,
      org_id: m.org_id,
      org_path: m.org_path,
      held_on: '2026-07-15',
      occasion: 'theme_day',
      topic: '学习身边的榜样',
      category_key: 'theory',
      speaker_member_id: guest ? null : m.id,
      guest_speaker_name: guest ? '外请专家' : null,
      attendance: 12,
      status: r < 0.05 ? 'returned' : r < 0.5 ? 'confirmed' : 'recorded',
      deleted_at: rand() < 0.02 ? new Date() : null,
      created_by: userId,
    });
    if (rows.length === 5000) {
      await db.insertInto('lecture_records').values(rows).execute();
      rows = [];
    }
  }
  if (rows.length) await db.insertInto('lecture_records').values(rows).execute();
  return performance.now() - started;
}

interface ChildRow {
  child: string;
  members: number;
  secretaries: number;
  deputies: number;
  committee: number;
  lectured: number;
  lectured_secretaries: number;
  lectured_deputies: number;
  lectured_committee: number;
}

/** The naive way: per request, members joined to their counting records, count(DISTINCT) per child. */
async function naive(db: Kysely<DB>, campaignId: string, org: { id: string; path: string; type: string }) {
  const g = sql`(CASE WHEN '书记' = ANY (m.positions) THEN 1 WHEN '副书记' = ANY (m.positions) THEN 2
    WHEN m.positions && ARRAY['组织委员','宣传委员','纪检委员'] THEN 3 ELSE 0 END)`;
  const { rows } = await sql<ChildRow>`
    SELECT split_part(substr(m.org_path, ${org.path.length + 1}), '.', 1) AS child,
           count(DISTINCT m.id)::int AS members,
           (count(DISTINCT m.id) FILTER (WHERE ${g} = 1))::int AS secretaries,
           (count(DISTINCT m.id) FILTER (WHERE ${g} = 2))::int AS deputies,
           (count(DISTINCT m.id) FILTER (WHERE ${g} = 3))::int AS committee,
           count(DISTINCT l.speaker_member_id)::int AS lectured,
           (count(DISTINCT l.speaker_member_id) FILTER (WHERE ${g} = 1))::int AS lectured_secretaries,
           (count(DISTINCT l.speaker_member_id) FILTER (WHERE ${g} = 2))::int AS lectured_deputies,
           (count(DISTINCT l.speaker_member_id) FILTER (WHERE ${g} = 3))::int AS lectured_committee
      FROM members m
      LEFT JOIN lecture_records l ON l.speaker_member_id = m.id AND l.campaign_id = ${campaignId}
           AND l.status <> 'returned' AND l.deleted_at IS NULL
     WHERE m.active AND m.org_path LIKE ${`${org.path}%`}
     GROUP BY 1`.execute(db);
  const children = await db
    .selectFrom('orgs')
    .select(['id'])
    .where('parent_id', '=', org.id)
    .where('active', '=', true)
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  let pending = 0;
  if (org.type === 'branch') {
    const { rows: p } = await sql`SELECT m.id FROM members m WHERE m.org_path = ${org.path} AND m.active
      AND NOT EXISTS (SELECT 1 FROM lecture_records l WHERE l.speaker_member_id = m.id AND l.campaign_id = ${campaignId}
        AND l.status <> 'returned' AND l.deleted_at IS NULL)`.execute(db);
    pending = p.length;
  }
  const by = new Map(rows.map((r) => [r.child, r]));
  const sum = (f: keyof Omit<ChildRow, 'child'>) => rows.reduce((a, r) => a + r[f], 0);
  return summary(
    { members: sum('members'), lectured: sum('lectured') },
    children.map((c) => `${by.get(c.id)?.lectured ?? 0}/${by.get(c.id)?.members ?? 0}`),
    `${sum('lectured_secretaries')}/${sum('secretaries')}`,
    pending,
  );
}

const summary = (
  totals: { members: number; lectured: number },
  kids: string[],
  sec: string,
  pending: number,
) =>
  `${totals.lectured}/${totals.members}, 书记 ${sec}, ${kids.length} children [${kids.slice(0, 3).join(' ')}${kids.length > 3 ? ' …' : ''}] hash ${hash(kids)}, pending ${pending}`;
const hash = (xs: string[]) =>
  xs.reduce((h, s) => (Math.imul(h, 31) + [...s].reduce((a, c) => a + c.charCodeAt(0), 0)) | 0, 7);
const ofOurs = (n: CoverageFraction) => `${n.lectured}/${n.members}`;

const fmt = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(1)} ms`);

console.log(
  `人人上讲台覆盖率：城市 ${totalMembers} 名党员、${totalRecords} 条宣讲记录；每项 ${iterations} 次`,
);
const rootP95: Partial<Record<Kind, number>> = {};
for (const kind of kinds) {
  const { database, dataDir, cleanup } = await open(kind);
  try {
    const db = database.db;
    let t0 = performance.now();
    const { root, userId, campaignId } = await buildCity(db);
    console.log(`\n[${kind}] 生成城市数据 ${fmt(performance.now() - t0)}`);
    const loadMs = await loadRecords(db, campaignId, userId);
    console.log(`[${kind}] 写入宣讲记录（每条语句 5,000 条，触发器同步维护汇总）${fmt(loadMs)}`);
    t0 = performance.now();
    await sql`ANALYZE`.execute(db);
    console.log(`[${kind}] ANALYZE ${fmt(performance.now() - t0)}`);

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
      // The county's last branch: its members lecture less often, so its to-do list is not empty.
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const rootOrg = await db
      .selectFrom('orgs')
      .selectAll()
      .where('id', '=', root.id)
      .executeTakeFirstOrThrow();
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const coverage = coverageService({ db, clock: systemClock, config });
    const actor: Actor = {
      userId,
      username: 'bench_admin',
      displayName: '测试管理员',
      memberId: null,
      grants: [
        { id: '1', role: 'platform_admin', orgId: root.id, orgPath: root.path, orgName: rootOrg.name },
      ],
      mustChangePassword: false,
      isDemo: false,
      sessionId: 'bench',
      csrfToken: 'bench',
    };
    console.log(`[${kind}] scope   ours p50/p95 ms    baseline p50/p95 ms   ratio p50 (p95)   check`);
    for (const [label, org] of [
      ['root', rootOrg],
      ['county', county],
      ['branch', branch],
    ] as const) {
      const ours = async () => {
        const v = await coverage.view(actor, campaignId, org.id);
        return summary(
          v.totals,
          v.children.map((c) => ofOurs(c.numbers)),
          ofOurs(v.totals.leaders.secretaries),
          v.pending?.length ?? 0,
        );
      };
      const base = () => naive(db, campaignId, org);
      const [mine, theirs] = [await ours(), await base()];
      const check = mine === theirs ? `${mine} ✓` : `MISMATCH ours: ${mine}; baseline: ${theirs}`;
      const ot = await time(ours, iterations);
      const bt = await time(base, label === 'root' ? Math.min(iterations, 30) : iterations, 2);
      if (label === 'root') rootP95[kind] = ot.p95;
      console.log(
        `[${kind}] ${label.padEnd(7)} ${`${ot.p50.toFixed(2)} / ${ot.p95.toFixed(2)}`.padEnd(18)} ${`${bt.p50.toFixed(2)} / ${bt.p95.toFixed(2)}`.padEnd(21)} ${`${(bt.p50 / ot.p50).toFixed(1)}x (${(bt.p95 / ot.p95).toFixed(1)}x)`.padEnd(17)} ${check}`,
      );
    }
    // One lecture saved on a phone: the insert with its triggers.
    const speaker = await db
      .selectFrom('members')
      .select(['id', 'org_id', 'org_path'])
      .where('org_path', '=', branch.path)
      .executeTakeFirstOrThrow();
    const insert = await time(
      () =>
        db
          .insertInto('lecture_records')
          .values({
            campaign_id: campaignId,
            org_id: speaker.org_id,
            org_path: speaker.org_path,
            held_on: '2026-07-16',
            occasion: 'party_group',
            topic: '单条记录',
            category_key: 'theory',
            speaker_member_id: speaker.id,
            attendance: 8,
            created_by: userId,
          })
          .execute(),
      50,
      5,
    );
    console.log(
      `[${kind}] 单条宣讲记录写入（含触发器）p50 ${insert.p50.toFixed(2)} ms，p95 ${insert.p95.toFixed(2)} ms`,
    );
  } finally {
    await cleanup();
  }
}
if (rootP95.pglite !== undefined)
  console.log(
    `\n根节点覆盖率页面（内置数据库）p95 = ${rootP95.pglite.toFixed(2)} ms，目标 ≤ ${ROOT_TARGET_MS} ms：${rootP95.pglite <= ROOT_TARGET_MS ? '达标' : '未达标'}`,
  );
