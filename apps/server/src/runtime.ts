import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import { migrate, openDatabase, type Database } from './db/database.ts';
import type { DB } from './db/types.ts';
import { offsetClock } from './lib/clock.ts';
import type { AppDeps } from './lib/deps.ts';
import { jsonLogger, type Logger } from './lib/logger.ts';

/**
 * The one place that turns configuration into what features are built from. The web server
 * (main.ts), `npm run worker` and the crash tests' runner all start here, so they share one clock:
 * a worker on the system clock beside a web process running CLOCK_OFFSET_DAYS ahead saw the web
 * process's leases as expired (and took its jobs again), and the web process saw the worker's as
 * days old (and took them again too).
 */
export function appDeps(config: Config, db: Kysely<DB>): AppDeps {
  return { db, clock: offsetClock(config.CLOCK_OFFSET_DAYS), config };
}

export interface Runtime {
  database: Database;
  deps: AppDeps;
  log: Logger;
}

/** Opens the database (PGlite or PostgreSQL), brings it to the latest migration and builds the deps. */
export async function openRuntime(
  config: Config,
  opts: { schema?: string; log?: Logger } = {},
): Promise<Runtime> {
  const log = opts.log ?? jsonLogger(config.LOG_LEVEL);
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.dataDir,
    schema: opts.schema,
    log,
  });
  await migrate(database.db, opts.schema);
  if (config.CLOCK_OFFSET_DAYS)
    console.warn(
      `注意：服务器时钟已拨快 ${config.CLOCK_OFFSET_DAYS} 天（CLOCK_OFFSET_DAYS，仅用于演练和测试）`,
    );
  return { database, deps: appDeps(config, database.db), log };
}
