import { loadConfig } from './config.ts';
import { openRuntime } from './runtime.ts';
import { createJobRunner } from './modules/jobs/runner.ts';
import { jobHandlers } from './modules/jobs/handlers.ts';

/**
 * `npm run worker`: a process that only runs background jobs (video transcoding) from the shared
 * PostgreSQL database, so media work can move off the web server or onto more machines. Start the
 * web server with JOBS_IN_PROCESS=false when all jobs should run here.
 */
async function main() {
  const config = loadConfig();
  if (!config.DATABASE_URL) {
    // The embedded database's data directory is locked by the one server process that opens it.
    console.error(
      '独立的任务处理进程需要 PostgreSQL 数据库：请设置 DATABASE_URL（与服务器相同）后再运行 npm run worker。\n' +
        '使用内置 PGlite 数据库时，后台任务由服务器进程自己处理（JOBS_IN_PROCESS=true，默认），无需单独启动。',
    );
    process.exit(1);
  }
  // The same factory as the web server: above all the same clock (CLOCK_OFFSET_DAYS), since both
  // compare job leases and run_at times written by the other.
  const { database, deps, log } = await openRuntime(config);
  const runner = createJobRunner(deps, jobHandlers(deps), { concurrency: config.JOBS_CONCURRENCY, log });
  const shutdown = async (signal: string) => {
    console.log(`收到 ${signal}，正在停止任务处理进程（进行中的任务将交回队列）…`);
    await runner.stop({ abort: true });
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  runner.start();
  console.log(`讲台任务处理进程已启动（${runner.workerId}，并发 ${config.JOBS_CONCURRENCY}）`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
