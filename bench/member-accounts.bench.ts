/**
 * Bulk member accounts at city scale, on embedded PGlite and on PostgreSQL in the same run.
 *
 *   npm run bench:accounts [-- --members 300000 --only pglite|postgres --batch 500]
 *
 * For each database: builds the generated city (gen-city's orgs and members, --members of them) in a
 * fresh database (PGlite in a temporary directory; a private schema on PostgreSQL, dropped after),
 * then runs the real job handler over the whole city, as 「开通」 at the root would. It prints the
 * time, accounts per second, the longest single batch transaction, and the longest wait of a
 * login-like query sent every 50 ms meanwhile (what a person signing in would feel).
 * The baseline, measured in the same run on the same rows: one INSERT … SELECT of the same users and
 * one of their grants, in one transaction that is rolled back — the fastest the database can write
 * them, holding it for the whole time.
 *   BENCH_PG_URL  PostgreSQL connection (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { parseArgs } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../apps/server/src/db/types.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { systemClock } from '../apps/server/src/lib/clock.ts';
import { memberAccountsJobHandler } from '../apps/server/src/modules/accounts/member-accounts/job.ts';
import { insertRun } from '../apps/server/src/modules/accounts/member-accounts/repository.ts';
import { NO_PASSWORD_YET } from '../apps/server/src/modules/accounts/initial-code.ts';
import { findUserByLogin } from '../apps/server/src/modules/accounts/repository.ts';
import { openBenchDatabase } from './bench-db.ts';
import { loadBenchCity } from './city.ts';

type Kind = 'pglite' | 'postgres';
const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '300000' },
    batch: { type: 'string', default: '500' },
    only: { type: 'string' },
  },
});
const total = Number(values.members);
const batchSize = Number(values.batch);
if (!Number.isInteger(total) || total < 1) throw new Error('--members 应为正整数');
const kinds: Kind[] = values.only ? [values.only as Kind] : ['pglite', 'postgres'];
const pgUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const open = (kind: Kind) => openBenchDatabase(kind, 'accounts', pgUrl);

async function buildCity(db: Kysely<DB>) {
  const { root, adminId } = await loadBenchCity(db, total);
  await sql`ANALYZE`.execute(db);
  return { root, adminId };
}

/** The same users and grants in two statements, timed, then rolled back. */
async function baseline(db: Kysely<DB>): Promise<{ ms: number; rows: number }> {
  const started = performance.now();
  let rows = 0;
  await db
    .transaction()
    .execute(async (tx) => {
      const made = await sql`
        INSERT INTO users (username, phone, display_name, member_id, password_hash, must_change_password, code_issue, code_issued_at)
        SELECT m.phone, m.phone, m.name, m.id, ${NO_PASSWORD_YET}, true, 1, now()
        FROM members m WHERE m.active AND m.phone IS NOT NULL`.execute(tx);
      rows = Number(made.numAffectedRows ?? 0);
      await sql`
        INSERT INTO role_grants (user_id, role, org_id, org_path)
        SELECT u.id, 'member', m.org_id, m.org_path FROM users u JOIN members m ON m.id = u.member_id`.execute(
        tx,
      );
      throw new RollBack();
    })
    .catch((err: unknown) => {
      if (!(err instanceof RollBack)) throw err;
    });
  return { ms: performance.now() - started, rows };
}
class RollBack extends Error {}

/** A login lookup every 50 ms while the run goes on: the longest wait is what a person would feel. */
function probe(db: Kysely<DB>) {
  let stop = false;
  let worst = 0;
  let n = 0;
  const loop = (async () => {
    while (!stop) {
      const started = performance.now();
      await findUserByLogin(db, '13900000000');
      worst = Math.max(worst, performance.now() - started);
      n++;
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return async () => {
    stop = true;
    await loop;
    return { worst, n };
  };
}

const fmt = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);
const results: {
  kind: Kind;
  ms: number;
  created: number;
  longest: number;
  base: number;
  probeWorst: number;
  stall: number;
}[] = [];

console.log(`批量开通党员账号：城市 ${total} 名党员，每批 ${batchSize} 人`);
for (const kind of kinds) {
  const { database, dataDir, cleanup } = await open(kind);
  try {
    const db = database.db;
    const t0 = performance.now();
    const { root, adminId } = await buildCity(db);
    console.log(`\n[${kind}] 生成城市数据 ${fmt(performance.now() - t0)}`);
    const base = await baseline(db);
    console.log(
      `[${kind}] 基线 INSERT … SELECT（一条语句、一个事务，回滚）：${base.rows} 个账号 ${fmt(base.ms)}`,
    );

    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const batches: number[] = [];
    const handler = memberAccountsJobHandler(
      { db, clock: systemClock, config },
      { batchSize, onBatch: (ms) => batches.push(ms) },
    );
    const { id } = await insertRun(db, {
      orgId: root.id,
      memberIds: null,
      requestedBy: adminId,
      total,
      now: new Date(),
    });
    let lastPct = -1;
    const stopProbe = probe(db);
    // Embedded PGlite runs on this thread: a long statement also stalls every HTTP request.
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const started = performance.now();
    const result = (await handler(
      { id: '0', payload: { runId: id }, attempt: 1, maxAttempts: 1, orgPath: root.path },
      {
        signal: new AbortController().signal,
        progress: async (pct) => {
          if (pct >= lastPct + 10) {
            lastPct = pct;
            console.log(`[${kind}]   进度 ${pct}%，${fmt(performance.now() - started)}`);
          }
        },
      },
    )) as { created: number };
    const ms = performance.now() - started;
    const p = await stopProbe();
    loopDelay.disable();
    const stall = loopDelay.max / 1e6;
    const longest = Math.max(...batches);
    batches.sort((a, b) => a - b);
    console.log(
      `[${kind}] 开通 ${result.created} 个账号 ${fmt(ms)}，${((result.created / ms) * 1000).toFixed(0)} 个/秒；` +
        `${batches.length} 个事务，最长 ${fmt(longest)}，中位 ${fmt(batches[Math.floor(batches.length / 2)]!)}；` +
        `期间登录查询 ${p.n} 次，最长等待 ${fmt(p.worst)}；事件循环最长停顿 ${fmt(stall)}`,
    );
    console.log(
      `[${kind}] 相对基线：${(ms / base.ms).toFixed(1)} 倍用时；基线一个事务占用数据库 ${fmt(base.ms)}，本方案单个事务最长 ${fmt(longest)}`,
    );
    results.push({ kind, ms, created: result.created, longest, base: base.ms, probeWorst: p.worst, stall });
  } finally {
    await cleanup();
  }
}
console.log(
  '\n数据库     账号数    用时      个/秒    最长事务   登录最长等待  事件循环停顿   基线      用时/基线',
);
for (const r of results)
  console.log(
    `${r.kind.padEnd(10)} ${String(r.created).padStart(7)}  ${fmt(r.ms).padStart(8)}  ${((r.created / r.ms) * 1000).toFixed(0).padStart(7)}  ${fmt(r.longest).padStart(8)}  ${fmt(r.probeWorst).padStart(10)}  ${fmt(r.stall).padStart(10)}    ${fmt(r.base).padStart(8)}  ${(r.ms / r.base).toFixed(1).padStart(6)}`,
  );
