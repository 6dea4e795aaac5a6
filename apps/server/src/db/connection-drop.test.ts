import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../test/harness.ts';
import { enqueueJob } from '../modules/jobs/queue.ts';
import { findJob } from '../modules/jobs/repository.ts';
import { createJobRunner } from '../modules/jobs/runner.ts';
import Fastify from 'fastify';
import { installErrorHandler } from '../lib/error-handler.ts';
import { isDatabaseUnavailable, noteLostConnection } from './connection-errors.ts';

/**
 * Dropped PostgreSQL connections (pg_terminate_backend stands in for a restart or failover).
 * Only on a real server: PGlite runs in this process and has no connections to lose, so those tests
 * are skipped without TEST_DATABASE_URL. Other test runs share the server, so only connections carrying
 * this file's own application_name are ever terminated.
 */
const url = process.env.TEST_DATABASE_URL;
const APP_NAME = `jt-drop-${randomBytes(4).toString('hex')}`;

let t: TestContext;
let admin: pg.Client;
let session: Client;

/** Ends every backend of this file's pool; returns how many there were. */
async function terminateOurConnections(): Promise<number> {
  const r = await admin.query<{ n: number }>(
    `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = $1`,
    [APP_NAME],
  );
  return r.rows[0]!.n;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a request whose database connection was lost', () => {
  it('is answered 503 with a Chinese message; the same code from elsewhere (object storage) stays a 500', async () => {
    const app = Fastify();
    installErrorHandler(app);
    const lost = () =>
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    app.get('/db', async () => {
      const err = lost();
      noteLostConnection(err); // what the pool does with an error it passes on
      throw err;
    });
    app.get('/s3', async () => {
      throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    });
    const db = await app.inject({ method: 'GET', url: '/db' });
    expect(db.statusCode).toBe(503);
    expect(db.json()).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      detail: '数据库连接刚刚中断，本次操作未完成，请稍后重试',
    });
    expect((await app.inject({ method: 'GET', url: '/s3' })).statusCode).toBe(500);
    await app.close();
  });
});

describe.runIf(url)('PostgreSQL connections dropped under a running server', () => {
  beforeAll(async () => {
    // node-postgres reads the standard libpq variable when no application_name is configured.
    process.env.PGAPPNAME = APP_NAME;
    t = await createTestContext();
    admin = new pg.Client({ connectionString: url, application_name: `${APP_NAME}-admin` });
    await admin.connect();
    const org = await t.factories.org({ name: '市委' });
    await t.factories.user([{ role: 'platform_admin', org }], { username: 'dropadmin' });
    session = await t.login('dropadmin');
  });
  afterAll(async () => {
    await admin?.end();
    await t?.close();
  });

  it('logs the idle connections it lost and keeps answering requests', async () => {
    // Several requests at once leave several idle connections in the pool.
    await Promise.all(Array.from({ length: 4 }, () => session.get('/api/auth/me')));
    expect(await terminateOurConnections()).toBeGreaterThan(0);

    // Straight away: a stale connection is either replaced or its statement is run again; at worst
    // this one request is refused with a Chinese 503, never the process.
    const first = await session.get('/api/auth/me');
    if (first.statusCode !== 200) {
      expect(first.statusCode).toBe(503);
      expect(first.json()).toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
        detail: expect.stringContaining('数据库'),
      });
    }
    await sleep(200);
    const next = await session.get('/api/auth/me');
    expect(next.statusCode).toBe(200);
    expect(next.json()).toMatchObject({ username: 'dropadmin' });
  });

  it('runs a statement again on a new connection when the server ended the old one before it', async () => {
    const one = await t.db.connection().execute(async (conn) => {
      await sql`select 1`.execute(conn); // this connection is now checked out and known to work
      expect(await terminateOurConnections()).toBeGreaterThan(0);
      await sleep(300); // the server's "terminating connection" message arrives while no query runs
      return sql<{ one: number }>`select 1 as one`.execute(conn);
    });
    expect(one.rows).toEqual([{ one: 1 }]);
  });

  it('never repeats a statement inside a transaction: the caller sees a connection error', async () => {
    const outcome = await t.db
      .transaction()
      .execute(async (tx) => {
        await sql`select 1`.execute(tx);
        await terminateOurConnections();
        await sleep(300);
        await sql`select 2`.execute(tx);
        return 'committed';
      })
      .catch((err: unknown) => err);
    expect(outcome).not.toBe('committed');
    expect(isDatabaseUnavailable(outcome)).toBe(true); // answered 503 in a request
    expect((await session.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('keeps the job runner claiming after its connections were dropped', async () => {
    const type = `test.drop.${randomBytes(3).toString('hex')}`;
    const runner = createJobRunner(t.deps, { [type]: async () => ({ ok: true }) }, { pollMs: 50 });
    runner.start();
    try {
      const waitFor = async (id: string) => {
        for (let i = 0; i < 200; i++) {
          if ((await findJob(t.db, id).catch(() => undefined))?.status === 'succeeded') return;
          await sleep(50);
        }
        throw new Error(`job ${id} did not finish`);
      };
      await waitFor(await enqueueJob(t.db, { type, payload: {}, orgPath: null, now: t.clock.now() }));
      // Drop the connections again and again for a while, so claims and heartbeats fail mid-flight.
      for (let i = 0; i < 10; i++) {
        await terminateOurConnections();
        await sleep(50);
      }
      await sleep(200);
      await waitFor(await enqueueJob(t.db, { type, payload: {}, orgPath: null, now: t.clock.now() }));
    } finally {
      await runner.stop();
    }
  });
});
