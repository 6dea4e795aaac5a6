import { loadConfig } from '../config.ts';
import { openRuntime } from '../runtime.ts';
import { formatDemoAccounts } from '../modules/demo/accounts.ts';
import { seedDemoIfEmpty } from '../modules/demo/seed.ts';

/**
 * `npm run seed:demo`: fills an empty database with the demo city and accounts, then prints them.
 * Uses the same configuration as the server (DATA_DIR or DATABASE_URL, DEMO_PASSWORD).
 */
async function main() {
  const config = loadConfig();
  // The server's factory, so the demo season is dated by the same clock (CLOCK_OFFSET_DAYS).
  const { database, deps } = await openRuntime(config);
  try {
    const demo = await seedDemoIfEmpty(deps, { log: (line) => console.log(line) });
    if (!demo) {
      console.error(
        '数据库中已有组织数据，未写入演示数据（演示数据只写入空数据库，以免混入真实数据）。\n' +
          '如需重新生成，请换一个空的 DATA_DIR 或空的 PostgreSQL 数据库。',
      );
      process.exitCode = 1;
      return;
    }
    console.log(`\n${formatDemoAccounts(demo.accounts)}\n`);
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
