import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { openDatabase, migrate, type Database } from '../db/database.ts';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { fixedClock } from '../lib/clock.ts';
import type { AppDeps } from '../lib/deps.ts';
import { Factories } from './factories.ts';
import type { UploadPurpose } from '../modules/uploads/purpose.ts';

/** Names the file holding a migrated embedded database, dumped once per run (test/global-setup.ts). */
export const PGLITE_TEMPLATE_ENV = 'JIANGTAI_TEST_PGLITE_TEMPLATE';

/**
 * Starting from a copy of a database migrated once skips initdb and the migrations in every test
 * file (seconds of CPU each); `migrate` below then finds nothing to do. Without the file (a single
 * file run outside vitest's setup), each file makes its own.
 */
function migratedTemplate(): Uint8Array | undefined {
  const file = process.env[PGLITE_TEMPLATE_ENV];
  return file && fs.existsSync(file) ? new Uint8Array(fs.readFileSync(file)) : undefined;
}

/**
 * A fresh app on a fresh database for one test file.
 * PGlite in memory by default; with TEST_DATABASE_URL, a private schema on that server (dropped afterwards),
 * so test files run in parallel and can repeat.
 */
export async function createTestContext(
  options: { env?: Record<string, string>; uploadPurposes?: UploadPurpose[] } = {},
) {
  const url = process.env.TEST_DATABASE_URL;
  const schema = url ? `t_${randomBytes(6).toString('hex')}` : undefined;
  const database: Database = await openDatabase({
    databaseUrl: url,
    dataDir: 'memory://',
    schema,
    pgliteTemplate: url ? undefined : migratedTemplate(),
  });
  await migrate(database.db, schema);
  // Files (uploads, media) go to a private folder per test file unless the test names one.
  const ownDataDir = options.env?.DATA_DIR
    ? null
    : fs.mkdtempSync(path.join(os.tmpdir(), 'jiangtai-test-data-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    SEED_DEMO: 'false',
    LOG_LEVEL: 'silent',
    ...(ownDataDir ? { DATA_DIR: ownDataDir } : {}),
    ...options.env,
  });
  const clock = fixedClock(new Date('2026-07-01T02:00:00Z'));
  const deps: AppDeps = { db: database.db, clock, config };
  const app = await buildApp({ ...deps, dbKind: database.kind, extraUploadPurposes: options.uploadPurposes });
  await app.ready();
  const factories = new Factories(deps);

  async function close() {
    await app.close();
    if (schema) await sql`DROP SCHEMA ${sql.id(schema)} CASCADE`.execute(database.db);
    await database.close();
    if (ownDataDir) fs.rmSync(ownDataDir, { recursive: true, force: true });
  }

  /** Logs in through the real endpoint and returns a client that sends the cookie and CSRF token. */
  async function login(login: string, password = Factories.PASSWORD) {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password } });
    if (res.statusCode !== 200) throw new Error(`login failed for ${login}: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'jt_session');
    const me = res.json<{ csrfToken: string }>();
    return client(app, `jt_session=${cookie?.value}`, me.csrfToken);
  }

  return {
    app,
    db: database.db,
    kind: database.kind,
    clock,
    deps,
    factories,
    login,
    anonymous: client(app),
    close,
  };
}

export type TestContext = Awaited<ReturnType<typeof createTestContext>>;
export type Client = ReturnType<typeof client>;

function client(app: FastifyInstance, cookie?: string, csrf?: string) {
  const send = (opts: InjectOptions) =>
    app.inject({
      ...opts,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(csrf ? { 'x-csrf-token': csrf } : {}),
        ...(opts.headers ?? {}),
      },
    });
  return {
    cookie,
    csrf,
    get: (url: string) => send({ method: 'GET', url }),
    delete: (url: string) => send({ method: 'DELETE', url }),
    post: (url: string, payload?: InjectOptions['payload'], headers?: Record<string, string>) =>
      send({ method: 'POST', url, payload: payload ?? {}, headers }),
    patch: (url: string, payload?: InjectOptions['payload']) =>
      send({ method: 'PATCH', url, payload: payload ?? {} }),
    put: (url: string, payload?: InjectOptions['payload']) =>
      send({ method: 'PUT', url, payload: payload ?? {} }),
    inject: send,
  };
}
