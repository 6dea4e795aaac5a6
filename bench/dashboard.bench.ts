/**
 * 督查看板 at city scale: the dashboard service against the same numbers counted from raw rows.
 *
 *   npm run bench:dashboard [-- --members 300000 --records 150000 --iterations 100 --only pglite|postgres]
 *
 * For each database (embedded PGlite in a temporary directory; a private schema on PostgreSQL, dropped
 * after) it builds gen-city's city (≈7,000 orgs, --members members) through the real migrations, files
 * plans for most branches (submitted, accepted, some drafts and returned ones, over the season's weeks)
 * and loads --records lecture records in 5,000-row statements, so the rollup triggers of migrations 031
 * and 041 run on every write. It then times, at the root and a county:
 *   ours     — the dashboard service's view (what GET /api/campaigns/:id/dashboard answers);
 *   baseline — plans, lectures, branches with a lecture, coverage, branch laggards and the weekly series
 *              counted from orgs, lecture_plans, lecture_records and members per request (dashboard-baseline.ts).
 * Both answers are compared (✓ or MISMATCH) before timing; p50/p95 and the ratio baseline/ours are printed.
 * Target: p95 ≤ 50 ms at the root on PGlite.
 *   BENCH_PG_URL  PostgreSQL connection (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { parseArgs } from 'node:util';
import { sql, type Insertable, type Kysely } from 'kysely';
import type { DashboardView } from '@jiangtai/contracts';
import type { DB, LecturePlansTable, LectureRecordsTable } from '../apps/server/src/db/types.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { systemClock } from '../apps/server/src/lib/clock.ts';
import type { Actor } from '../apps/server/src/lib/actor.ts';
import { buildPresetSettings } from '../apps/server/src/modules/campaigns/presets.ts';
import { insertCampaign } from '../apps/server/src/modules/campaigns/repository.ts';
import { forgetLaggardLists } from '../apps/server/src/modules/dashboard/laggard-cache.ts';
import { dashboardService } from '../apps/server/src/modules/dashboard/service.ts';
import { openBenchDatabase, prng } from './bench-db.ts';
import { loadBenchCity } from './city.ts';
import { rawDashboard, type Compared } from './dashboard-baseline.ts';
import { time, timeAfter } from './timing.ts';

type Kind = 'pglite' | 'postgres';
const ROOT_TARGET_MS = 50;
const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '300000' },
    records: { type: 'string', default: '150000' },
    iterations: { type: 'string', default: '100' },
    only: { type: 'string' },
  },
});
const totalMembers = Number(values.members);
const totalRecords = Number(values.records);
const iterations = Number(process.env.BENCH_ITERATIONS ?? values.iterations);
const kinds: Kind[] = values.only ? [values.only as Kind] : ['pglite', 'postgres'];
const pgUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const open = (kind: Kind) => openBenchDatabase(kind, 'dashboard', pgUrl);

const seasonDay = (rand: () => number) => {
  const d = new Date(Date.UTC(2026, 5, 1) + Math.floor(rand() * 150) * 86_400_000);
  return d.toISOString().slice(0, 10);
};

/** Plans for 85% of the branches and the lecture records, in 5,000-row statements. */
async function loadSeason(db: Kysely<DB>, campaignId: string, userId: string) {
  const rand = prng(20261206);
  const started = performance.now();
  const branches = await db
    .selectFrom('orgs')
    .select(['id', 'path'])
    .where('type', 'in', ['branch', 'general_branch'])
    .execute();
  const plans: Insertable<LecturePlansTable>[] = branches
    .filter(() => rand() < 0.85)
    .map((b) => {
      const r = rand();
      return {
        campaign_id: campaignId,
        org_id: b.id,
        org_path: b.path,
        status: r < 0.1 ? 'draft' : r < 0.15 ? 'returned' : r < 0.6 ? 'submitted' : 'accepted',
        submitted_at: new Date(`${seasonDay(rand)}T03:00:00Z`),
        created_by: userId,
      };
    });
  for (let i = 0; i < plans.length; i += 5000)
    await db
      .insertInto('lecture_plans')
      .values(plans.slice(i, i + 5000))
      .execute();
  const members = await db.selectFrom('members').select(['id', 'org_id', 'org_path']).orderBy('id').execute();
  let rows: Insertable<LectureRecordsTable>[] = [];
  for (let i = 0; i < totalRecords; i++) {
    const m = members[Math.floor(Math.pow(rand(), 1.6) * members.length)]!;
    const guest = rand() < 0.05;
    const r = rand();
    rows.push({
      campaign_id: campaignId,
      org_id: m.org_id,
      org_path: m.org_path,
      held_on: seasonDay(rand),
      occasion: 'theme_day',
      topic: '学习身边的榜样',
      category_key: 'theory',
      speaker_member_id: guest ? null : m.id,
      guest_speaker_name: guest ? '外请专家' : null,
      attendance: 5 + Math.floor(rand() * 40),
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
  return { ms: performance.now() - started, plans: plans.length };
}

/** Our view reduced to what the baseline computes, in the same form. */
function compared(v: DashboardView, lastWeek: string): Compared {
  const line = (n: DashboardView['totals']) =>
    `${n.plans.filed}/${n.plans.branches} ${n.lectures.records} ${n.lectures.branchesWithLecture} ${n.coverage.lectured}/${n.coverage.members}`;
  const week = v.weeks.find((w) => w.weekEnding === lastWeek);
  return {
    totals: line(v.totals),
    children: v.children.map((c) => line(c.numbers)),
    laggards: v.laggards
      .filter((l) => l.measure !== 'learning')
      .map((l) => `${l.measure}: ${l.branches.map((b) => `${b.org.id}=${b.done}/${b.of}`).join(' ')}`),
    lastWeek: `${lastWeek} ${week?.plansFiled ?? '-'} ${week?.lectures ?? '-'}`,
  };
}

const fmt = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(1)} ms`);
const brief = (c: Compared) => `${c.totals}; ${c.children.length} children; week ${c.lastWeek}`;

console.log(`督查看板：城市 ${totalMembers} 名党员、${totalRecords} 条宣讲记录；每项 ${iterations} 次`);
const rootP95: Partial<Record<Kind, { warm: number; changed: number; cold: number }>> = {};
for (const kind of kinds) {
  const { database, dataDir, cleanup } = await open(kind);
  try {
    const db = database.db;
    const t0 = performance.now();
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
    console.log(`\n[${kind}] 生成城市数据 ${fmt(performance.now() - t0)}`);
    const season = await loadSeason(db, campaignId, adminId);
    console.log(`[${kind}] 写入 ${season.plans} 份计划和宣讲记录（触发器同步维护汇总）${fmt(season.ms)}`);
    await sql`ANALYZE`.execute(db);

    const rootOrg = await db
      .selectFrom('orgs')
      .selectAll()
      .where('id', '=', root.id)
      .executeTakeFirstOrThrow();
    const county = await db
      .selectFrom('orgs')
      .selectAll()
      .where('type', '=', 'county')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const dashboard = dashboardService({ db, clock: systemClock, config });
    const actor: Actor = {
      userId: adminId,
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
    console.log(
      `[${kind}] scope   ours p50/p95 ms    changed p50/p95 ms   cold p50/p95 ms      baseline p50/p95 ms   ratio p50 ours (changed, cold)   check`,
    );
    for (const [label, org] of [
      ['root', rootOrg],
      ['county', county],
    ] as const) {
      const base = () => rawDashboard(db, campaignId, org);
      const theirs = await base();
      const ours = async () => dashboard.view(actor, campaignId, org.id);
      const mine = compared(await ours(), theirs.lastWeek.split(' ')[0]!);
      const same = JSON.stringify(mine) === JSON.stringify(theirs);
      const check = same
        ? `${brief(mine)} ✓`
        : `MISMATCH\n  ours:     ${JSON.stringify(mine)}\n  baseline: ${JSON.stringify(theirs)}`;
      const ot = await time(ours, iterations);
      // One lecture record in a branch of the county before each call: what the next viewer sees.
      const branchOfCounty = await db
        .selectFrom('orgs')
        .select(['id', 'path'])
        .where('type', '=', 'branch')
        .where('path', 'like', `${county.path}%`)
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const oneRecord = () =>
        db
          .insertInto('lecture_records')
          .values({
            campaign_id: campaignId,
            org_id: branchOfCounty.id,
            org_path: branchOfCounty.path,
            held_on: '2026-09-01',
            occasion: 'theme_day',
            topic: '学习身边的榜样',
            category_key: 'theory',
            guest_speaker_name: '外请专家',
            attendance: 10,
            status: 'recorded',
            created_by: adminId,
          })
          .execute();
      const at = await timeAfter(oneRecord, ours, iterations);
      const ct = await timeAfter(async () => forgetLaggardLists(db), ours, Math.min(iterations, 30), 3);
      const bt = await time(base, label === 'root' ? Math.min(iterations, 20) : iterations, 2);
      if (label === 'root') rootP95[kind] = { warm: ot.p95, changed: at.p95, cold: ct.p95 };
      const pair = (x: { p50: number; p95: number }) => `${x.p50.toFixed(2)} / ${x.p95.toFixed(2)}`;
      console.log(
        `[${kind}] ${label.padEnd(7)} ${pair(ot).padEnd(18)} ${pair(at).padEnd(20)} ${pair(ct).padEnd(20)} ${pair(bt).padEnd(21)} ${`${(bt.p50 / ot.p50).toFixed(1)}x (${(bt.p50 / at.p50).toFixed(1)}x, ${(bt.p50 / ct.p50).toFixed(1)}x)`.padEnd(32)} ${check}`,
      );
      if (!same) process.exitCode = 1;
    }
  } finally {
    await cleanup();
  }
}
if (rootP95.pglite !== undefined) {
  const { warm, changed, cold } = rootP95.pglite;
  const verdict = (ms: number) => (ms <= ROOT_TARGET_MS ? '达标' : '未达标');
  console.log(
    `\n根节点督查看板（内置数据库，目标 p95 ≤ ${ROOT_TARGET_MS} ms）：p95 = ${warm.toFixed(2)} ms（${verdict(warm)}）；某县刚录入宣讲记录后 p95 = ${changed.toFixed(2)} ms（${verdict(changed)}）；重启或组织架构变动后首次 p95 = ${cold.toFixed(2)} ms`,
  );
}
