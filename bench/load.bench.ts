/**
 * The mixed load against the embedded database and PostgreSQL in the same run.
 *
 *   npm run bench:load [-- --users 200 --duration 60 --think 3000 --only pglite|postgres]
 *
 * For each database: compiles the server as `npm start` does, starts `node apps/server/dist/main.js`
 * on a fresh data directory (embedded) or a freshly created PostgreSQL database (dropped after),
 * seeded with the demo, restarts it (the way it runs day to day), opens the 复赛 round through the
 * API, then drives the mix (printed below) for the given time. Prints per-operation p50/p95/p99/max
 * and errors, the ratio embedded/PostgreSQL, the server's RSS and the targets.
 *   BENCH_PG_URL  admin connection for CREATE/DROP DATABASE (default postgres@127.0.0.1:5432).
 */
import { parseArgs } from 'node:util';
import { describeMix } from './load/mix.ts';
import { runScenario, printTargets } from './load/scenario.ts';
import { printComparison } from './load/stats.ts';
import { buildServer, type DbKind } from './load/server.ts';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '200' },
    duration: { type: 'string', default: '60' },
    think: { type: 'string', default: '3000' },
    seed: { type: 'string', default: '11' },
    only: { type: 'string' },
  },
});
const opts = {
  users: Number(values.users),
  durationMs: Number(values.duration) * 1000,
  thinkMs: Number(values.think),
  seed: Number(values.seed),
};
const kinds: DbKind[] = values.only ? [values.only as DbKind] : ['pglite', 'postgres'];

console.log(`混合负载：${opts.users} 个并发用户，${values.duration} 秒，每步之间平均停顿 ${opts.thinkMs} ms`);
for (const line of describeMix(opts.users)) console.log(line);
buildServer();
const results = [];
for (const kind of kinds) results.push(await runScenario(kind, opts));
console.log('');
printComparison(results.map((r) => ({ kind: r.kind, rec: r.rec })));
console.log('\n计时开始前的到达登录（所有人在 20 秒内登录，不计入上表）：');
printComparison(results.map((r) => ({ kind: r.kind, rec: r.arrivals })));
console.log('');
for (const r of results)
  console.log(
    `${r.kind}: 首次启动（生成演示数据）后 RSS ${r.rssSeeded.toFixed(0)} MB，重启后空闲 ${r.rssIdle.toFixed(0)} MB，负载结束时 ${r.rssAfter.toFixed(0)} MB；吞吐 ${(r.rec.stats().n / (opts.durationMs / 1000)).toFixed(0)} 请求/秒`,
  );
if (!printTargets(results)) process.exitCode = 1;
