import fs from 'node:fs';
import path from 'node:path';
import { Kysely, Migrator, PostgresDialect, type MigrationProvider } from 'kysely';
import pg from 'pg';
import { PgliteThread } from './pglite-thread.ts';
import type { DB } from './types.ts';
import { migrations } from './migrations/index.ts';
import { acquireDataDirLock, type DataDirLock } from './lock.ts';
import { trackPool } from '../lib/metrics.ts';
import { resilientPool, type DbLogger } from './resilient-pool.ts';
import { prioritisedPool } from './priority-gate.ts';

// bigint ids and counts arrive as strings by default; keep ids as strings, but let
// `count(*)::int` style casts decide for numbers. Dates come back as Date objects.
export interface Database {
  db: Kysely<DB>;
  kind: 'pglite' | 'postgres';
  /**
   * Hands back start-up memory where the database lives in this process: the embedded database's
   * thread is restarted (only before the server listens; see PgliteThread.restart).
   */
  releaseStartupMemory(): Promise<void>;
  /** The embedded database's data directory as a tar (tests copy one migrated database); PGlite only. */
  dump?(): Promise<Uint8Array>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A real PostgreSQL server; when absent, embedded PGlite under dataDir is used. */
  databaseUrl?: string;
  /** Directory for the embedded database; 'memory://' keeps it in memory (tests). */
  dataDir: string;
  /** Search path schema on a real server, so test runs can isolate themselves. */
  schema?: string;
  /** Where lost connections are reported (default: JSON lines on stderr). */
  log?: DbLogger;
  /** Shown in pg_stat_activity (default "jiangtai"), so operators and tests can tell our connections. */
  applicationName?: string;
  /** An embedded database to start from: a dump of another one's data directory (tests). */
  pgliteTemplate?: Uint8Array;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options);
  return openPglite(options.dataDir, options.pgliteTemplate);
}

const stderrLog: DbLogger = {
  warn: (obj, msg) => console.error(JSON.stringify({ level: 'warn', msg, ...obj })),
  error: (obj, msg) => console.error(JSON.stringify({ level: 'error', msg, ...obj })),
};

async function openPostgres(options: DatabaseOptions): Promise<Database> {
  const { schema } = options;
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: 10,
    application_name: options.applicationName ?? process.env.PGAPPNAME ?? 'jiangtai',
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // Fail fast with a clear message rather than on the first request.
  try {
    const client = await pool.connect();
    if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    client.release();
  } catch (err) {
    await pool.end();
    throw new Error(`无法连接 PostgreSQL 数据库（DATABASE_URL）：${(err as Error).message}`);
  }
  const raw = pool;
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: resilientPool(pool, options.log ?? stderrLog) }),
  });
  const untrack = trackPool(raw, 'postgres');
  return {
    db,
    kind: 'postgres',
    releaseStartupMemory: async () => {},
    close: async () => {
      untrack();
      await db.destroy();
    },
  };
}

/**
 * PostgreSQL's defaults assume a server of its own; here the database lives inside the app's process
 * and every buffer is WebAssembly memory that is never given back. 128 MB of shared buffers (the
 * default) roughly doubled the process (see README); the data files stay in the OS page cache anyway,
 * so a smaller buffer pool costs little. Index builds during migrations and the demo seeding get a
 * modest maintenance_work_mem for the same reason.
 */
export const PGLITE_SETTINGS = [
  '-c',
  'shared_buffers=16MB',
  '-c',
  'maintenance_work_mem=16MB',
  '-c',
  'temp_buffers=4MB',
];

async function openPglite(dataDir: string, template?: Uint8Array): Promise<Database> {
  let lock: DataDirLock | undefined;
  let location = 'memory://';
  let created = false;
  if (!dataDir.startsWith('memory://')) {
    fs.mkdirSync(dataDir, { recursive: true });
    lock = acquireDataDirLock(dataDir);
    location = path.join(dataDir, 'pglite');
    created = !fs.existsSync(location);
  }
  const thread = new PgliteThread(location, PGLITE_SETTINGS, template);
  try {
    await thread.ready;
  } catch (err) {
    lock?.release();
    throw new Error(`内置数据库无法启动：${(err as Error).message}`);
  }
  const pool = prioritisedPool(new pg.Pool({ ...thread.pgConfig(), max: 1 } as pg.PoolConfig));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const untrack = trackPool(pool, 'pglite');
  return {
    db,
    kind: 'pglite',
    // Only after creating the data directory (initdb, then usually the demo seeding): a restart
    // costs a second or two and an existing directory opens small anyway.
    releaseStartupMemory: async () => (created ? thread.restart() : undefined),
    dump: () => thread.dump(),
    close: async () => {
      untrack();
      await db.destroy();
      await thread.close();
      lock?.release();
    },
  };
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Names of the migrations this release knows, oldest first. */
export const knownMigrations = () => Object.keys(migrations).sort();

/**
 * Kysely's migrator first looks up its own tables through introspection, which reads the catalog of
 * every schema on the server. When another schema is dropped at the same moment (parallel test files
 * each have one, and drop it when done), that lookup can fail with "schema … does not exist" or a
 * vanished relation although nothing of ours changed. Nothing has been migrated at that point, so the
 * lookup is simply tried again.
 */
const CATALOG_RACE_CODES = new Set(['3F000', '42P01', 'XX000']);
const isCatalogRace = (error: unknown) =>
  CATALOG_RACE_CODES.has(String((error as { code?: unknown } | null)?.code ?? ''));

/**
 * `schema` pins Kysely's own bookkeeping tables to the run's schema (parallel test runs on one server).
 * `upTo` stops after that migration (a restore first rebuilds the backup's schema level, then goes on).
 */
export async function migrate(db: Kysely<DB>, schema?: string, upTo?: string): Promise<void> {
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  for (let attempt = 1; ; attempt++) {
    const { error, results } = upTo ? await migrator.migrateTo(upTo) : await migrator.migrateToLatest();
    const failed = results?.find((r) => r.status === 'Error');
    if (!error && !failed) return;
    if (!failed && !results?.length && isCatalogRace(error) && attempt < 10) {
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      continue;
    }
    throw new Error(`数据库迁移失败：${failed?.migrationName ?? ''} ${String(error)}`);
  }
}
