/**
 * The server's memory as `npm start` runs it: RSS after the first start (migrations + demo seeding),
 * at idle after a restart, each minute of the mixed load and at its end.
 *
 *   npm run bench:memory [-- --minutes 10 --users 200 --think 3000 --only pglite|postgres]
 *
 * Targets: idle ≤ 350 MB on the embedded database, ≤ 150 MB on PostgreSQL; ≤ 20 % growth over the
 * load (from its first minute, when the working set for this many users is built, to its end).
 */
import { parseArgs } from 'node:util';
import { printTargets, runScenario } from './load/scenario.ts';
import { buildServer, type DbKind } from './load/server.ts';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    users: { type: 'string', default: '200' },
    think: { type: 'string', default: '3000' },
    only: { type: 'string' },
  },
});
const opts = {
  users: Number(values.users),
  durationMs: Number(values.minutes) * 60_000,
  thinkMs: Number(values.think),
  seed: 11,
};
const kinds: DbKind[] = values.only ? [values.only as DbKind] : ['pglite', 'postgres'];
console.log(
  `内存：启动后空闲，以及 ${values.minutes} 分钟混合负载（${opts.users} 个用户）期间的服务进程 RSS`,
);
buildServer();
const results = [];
for (const kind of kinds)
  results.push(
    await runScenario(kind, opts, (rss, s) =>
      console.log(`  [${kind}] ${(s / 60).toFixed(0)} 分钟：RSS ${rss.toFixed(0)} MB`),
    ),
  );
console.log('');
if (!printTargets(results, { latency: false })) process.exitCode = 1;
