/**
 * 学习任务 completion at city scale: the task page's numbers from the rollups (migration 042) against
 * the raw-row computation they replaced (members × learning_progress per request).
 *
 *   npm run bench:tasks [-- --members 300000 --iterations 100 --only pglite|postgres]
 *
 * For each database (embedded PGlite in a temporary directory; a private schema on PostgreSQL, dropped
 * after) it builds gen-city's city (≈7,000 orgs, --members members) through the real migrations, gives
 * the root a study task of 3 published lectures, then loads progress in 5,000-row statements (so the
 * triggers keep the rollups while loading): ≈40 % of the members complete all three, ≈30 % one or two.
 * It then times, at the root and at a county:
 *   ours     — the task service's detail (what GET /api/learning/tasks/:id answers): totals and each
 *              child's completed/members from the rollups, plus the task, lectures and breadcrumb;
 *   baseline — the old completionByChild over raw rows, in the same run on the same data.
 * Both answers are compared (✓ or MISMATCH) before timing; p50/p95 and the ratio baseline/ours are
 * printed. Also printed: the progress load, one completion write with its triggers, the supervision
 * dashboard's learningNumbersByPath for the root and its children, and a lecture of the task unpublished
 * and republished (each recounts the task from raw rows).
 *   BENCH_PG_URL  PostgreSQL connection (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { parseArgs } from 'node:util';
import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB, LearningProgressTable } from '../apps/server/src/db/types.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { systemClock } from '../apps/server/src/lib/clock.ts';
import type { Actor } from '../apps/server/src/lib/actor.ts';
import { learningTaskService } from '../apps/server/src/modules/learning/task-service.ts';
import { learningNumbersByPath } from '../apps/server/src/modules/learning/dashboard-numbers.ts';
import { classroomLecture, learningTask } from '../apps/server/src/modules/learning/test-learning-support.ts';
import {
  rawCompletionByChild,
  rawLearningNumbers,
} from '../apps/server/src/modules/learning/test-task-rollups.ts';
import { openBenchDatabase, prng } from './bench-db.ts';
import { loadBenchCity } from './city.ts';
import { time } from './timing.ts';

type Kind = 'pglite' | 'postgres';
const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '300000' },
    iterations: { type: 'string', default: '100' },
    only: { type: 'string' },
  },
});
const totalMembers = Number(values.members);
const iterations = Number(process.env.BENCH_ITERATIONS ?? values.iterations);
const kinds: Kind[] = values.only ? [values.only as Kind] : ['pglite', 'postgres'];
const pgUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const open = (kind: Kind) => openBenchDatabase(kind, 'tasks', pgUrl);

/** Progress rows: ≈40 % of members finish all three lectures, ≈30 % one or two, the rest none. */
async function loadProgress(db: Kysely<DB>, lectures: string[]) {
  const members = await db.selectFrom('members').select('id').orderBy('id').execute();
  const rand = prng(20261206);
  const now = new Date();
  let rows: Insertable<LearningProgressTable>[] = [];
  const row = (memberId: string, lectureId: string, done: boolean) => ({
    member_id: memberId,
    lecture_id: lectureId,
    intervals: JSON.stringify([[0, done ? 300 : 120]]),
    watched_seconds: done ? 300 : 120,
    completed_at: done ? now : null,
    updated_at: now,
  });
  const started = performance.now();
  for (const m of members) {
    const r = rand();
    const done = r < 0.4 ? 3 : r < 0.7 ? 1 + Math.floor(rand() * 2) : 0;
    lectures.forEach((l, i) => {
      if (i < done) rows.push(row(m.id, l, true));
      else if (i === done && done > 0) rows.push(row(m.id, l, false));
    });
    if (rows.length >= 5000) {
      await db.insertInto('learning_progress').values(rows).execute();
      rows = [];
    }
  }
  if (rows.length) await db.insertInto('learning_progress').values(rows).execute();
  return performance.now() - started;
}

const fmt = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(1)} ms`);
const line = (totals: { completed: number; members: number }, kids: string[]) =>
  `${totals.completed}/${totals.members}, ${kids.length} children [${kids.slice(0, 3).join(' ')}${kids.length > 3 ? ' …' : ''}] hash ${kids.reduce((h, s) => (Math.imul(h, 31) + [...s].reduce((a, c) => a + c.charCodeAt(0), 0)) | 0, 7)}`;

console.log(`学习任务完成率：城市 ${totalMembers} 名党员，根节点任务 3 节微课；每项 ${iterations} 次`);
for (const kind of kinds) {
  const { database, dataDir, cleanup } = await open(kind);
  try {
    const db = database.db;
    let t0 = performance.now();
    const { root, adminId } = await loadBenchCity(db, totalMembers);
    console.log(`\n[${kind}] 生成城市数据 ${fmt(performance.now() - t0)}`);
    const lectures = [];
    for (let i = 0; i < 3; i++)
      lectures.push(await classroomLecture(db, root, { title: `市委微党课${i + 1}` }));
    const taskId = await learningTask(db, root, lectures, adminId);
    const loadMs = await loadProgress(db, lectures);
    console.log(`[${kind}] 写入学习进度（每条语句 5,000 条，触发器同步维护汇总）${fmt(loadMs)}`);
    t0 = performance.now();
    await sql`ANALYZE`.execute(db);
    console.log(`[${kind}] ANALYZE ${fmt(performance.now() - t0)}`);

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
    const service = learningTaskService({ db, clock: systemClock, config });
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
    console.log(`[${kind}] scope   ours p50/p95 ms    baseline p50/p95 ms   ratio p50 (p95)   check`);
    for (const [label, org] of [
      ['root', rootOrg],
      ['county', county],
    ] as const) {
      const ours = async () => {
        const d = await service.detail(actor, taskId, org.id);
        return line(
          d.totals,
          d.children.map((c) => `${c.completed}/${c.members}`),
        );
      };
      const base = async () => {
        const rows = await rawCompletionByChild(db, taskId, org);
        const sum = rows.reduce(
          (a, r) => ({ members: a.members + r.members, completed: a.completed + r.completed }),
          {
            members: 0,
            completed: 0,
          },
        );
        return line(
          sum,
          rows.filter((r) => !r.self && r.active).map((r) => `${r.completed}/${r.members}`),
        );
      };
      const [mine, theirs] = [await ours(), await base()];
      const check = mine === theirs ? `${mine} ✓` : `MISMATCH ours: ${mine}; baseline: ${theirs}`;
      const ot = await time(ours, iterations);
      const bt = await time(base, label === 'root' ? Math.min(iterations, 20) : iterations, 2);
      console.log(
        `[${kind}] ${label.padEnd(7)} ${`${ot.p50.toFixed(2)} / ${ot.p95.toFixed(2)}`.padEnd(18)} ${`${bt.p50.toFixed(2)} / ${bt.p95.toFixed(2)}`.padEnd(21)} ${`${(bt.p50 / ot.p50).toFixed(1)}x (${(bt.p95 / ot.p95).toFixed(1)}x)`.padEnd(17)} ${check}`,
      );
    }

    // The supervision dashboard: the root and its children in one call (checked on the root only).
    const kids = await db.selectFrom('orgs').select('path').where('parent_id', '=', root.id).execute();
    const paths = [root.path, ...kids.map((k) => k.path)];
    const dash = await learningNumbersByPath(db, paths);
    const raw = await rawLearningNumbers(db, [root.path]);
    const same = JSON.stringify(dash.get(root.path)) === JSON.stringify(raw.get(root.path));
    const dt = await time(() => learningNumbersByPath(db, paths), iterations);
    console.log(
      `[${kind}] 督查看板 learningNumbersByPath（根节点及 ${kids.length} 个下级）p50 ${dt.p50.toFixed(2)} ms，p95 ${dt.p95.toFixed(2)} ms；根节点 ${JSON.stringify(dash.get(root.path))} ${same ? '✓' : `MISMATCH 原始 ${JSON.stringify(raw.get(root.path))}`}`,
    );

    // One member finishing the task's last lecture: the progress write with its triggers (then undone).
    const pending = await db
      .selectFrom('learning_progress')
      .select(['member_id', 'lecture_id'])
      .where('completed_at', 'is', null)
      .orderBy('member_id')
      .limit(60)
      .execute();
    let k = 0;
    const write = await time(
      async () => {
        const p = pending[k++ % pending.length]!;
        await db
          .updateTable('learning_progress')
          .set({ completed_at: new Date(), updated_at: new Date() })
          .where('member_id', '=', p.member_id)
          .where('lecture_id', '=', p.lecture_id)
          .execute();
      },
      50,
      5,
    );
    console.log(
      `[${kind}] 单次学完写入（含触发器）p50 ${write.p50.toFixed(2)} ms，p95 ${write.p95.toFixed(2)} ms`,
    );

    // A lecture of the task unpublished and published again: each recounts the task (a rare admin action).
    for (const state of ['unpublished', 'published'] as const) {
      const started = performance.now();
      await db.updateTable('classroom_lectures').set({ state }).where('id', '=', lectures[2]!).execute();
      console.log(
        `[${kind}] 任务中的一节微课${state === 'published' ? '重新发布' : '下架'}（重算该任务）${fmt(performance.now() - started)}`,
      );
    }
  } finally {
    await cleanup();
  }
}
