import { loadConfig } from './config.ts';
import { buildApp, defaultWebDist } from './app.ts';
import { openRuntime } from './runtime.ts';
import { seedDemoIfEmpty } from './modules/demo/seed.ts';
import { FIRST_ADMIN_HINT, hasSystemAdmin } from './modules/accounts/first-admin.ts';
import { createJobRunner } from './modules/jobs/runner.ts';
import { jobHandlers } from './modules/jobs/handlers.ts';
import { writeOpsFile } from './ops/backup/ops-channel.ts';
import { collectStartupGarbage } from './lib/memory.ts';

async function main() {
  const config = loadConfig();
  const { database, deps } = await openRuntime(config);
  if (config.SEED_DEMO) {
    const demo = await seedDemoIfEmpty(deps, { log: (line) => console.log(line) });
    if (demo) printDemoAccounts(demo.accounts);
  }
  if (!(await hasSystemAdmin(deps))) console.log(FIRST_ADMIN_HINT);
  const app = await buildApp({
    ...deps,
    dbKind: database.kind,
    webDistDir: config.WEB_DIST_DIR ?? defaultWebDist(),
    logger: true,
  });
  // Background jobs (video transcoding) run here unless separate `npm run worker` processes do them.
  const runner = config.JOBS_IN_PROCESS
    ? createJobRunner(deps, jobHandlers(deps), { concurrency: config.JOBS_CONCURRENCY, log: app.log })
    : null;
  let removeOpsFile = () => {};
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    removeOpsFile();
    // Running jobs are handed back to the queue; the next start (or a worker) picks them up.
    await runner?.stop({ abort: true });
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await database.releaseStartupMemory();
  collectStartupGarbage();

  await app.listen({ host: config.HOST, port: config.PORT });
  // `npm run backup` reaches the embedded database through this server (it alone may open it).
  if (database.kind === 'pglite')
    removeOpsFile = writeOpsFile(config.dataDir, { port: config.PORT, host: config.HOST });
  runner?.start();
  const shown = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  console.log(
    `\n讲台已启动：http://${shown}:${config.PORT}/  （数据库：${database.kind === 'pglite' ? `内置 PGlite，数据目录 ${config.dataDir}` : 'PostgreSQL'}）\n`,
  );
}

function printDemoAccounts(accounts: { role: string; username: string; password: string; org: string }[]) {
  console.log('\n演示账号（仅显示这一次，请妥善保存）：');
  for (const a of accounts)
    console.log(`  ${a.role.padEnd(8, '　')} ${a.username.padEnd(14)} 密码 ${a.password}   （${a.org}）`);
  console.log('');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
