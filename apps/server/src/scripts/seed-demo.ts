import { loadConfig } from '../config.ts';
import { migrate, openDatabase } from '../db/database.ts';
import { systemClock } from '../lib/clock.ts';
import { formatDemoAccounts } from '../modules/demo/accounts.ts';
import { seedDemoIfEmpty } from '../modules/demo/seed.ts';

/**
 * `npm run seed:demo`: fills an empty database with the demo city and accounts, then prints them.
 * Uses the same configuration as the server (DATA_DIR or DATABASE_URL, DEMO_PASSWORD).
 */
async function main() {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir });
  try {
    await migrate(database.db);
    const demo = await seedDemoIfEmpty(
      { db: database.db, clock: systemClock, config },
      { log: (line) => console.log(line) },
    );
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
