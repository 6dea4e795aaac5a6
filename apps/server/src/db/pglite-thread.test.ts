import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, PGLITE_SETTINGS, type Database } from './database.ts';
import { PgliteThread } from './pglite-thread.ts';

/**
 * The embedded database works in a thread of its own: while it runs a long statement, the event
 * loop keeps serving (other requests are parsed, authorised and answered meanwhile).
 */
describe('the embedded database thread', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
  });
  afterAll(async () => database.close());

  it('leaves the event loop free while a statement runs', async () => {
    let turns = 0;
    let running = true;
    const spin = () => {
      turns++;
      if (running) setImmediate(spin);
    };
    setImmediate(spin);
    const before = turns;
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM generate_series(1, 3000000)`.execute(
      database.db,
    );
    running = false;
    expect(r.rows[0]!.n).toBe(3_000_000);
    expect(turns - before).toBeGreaterThan(20);
  });

  it('answers parameterised statements, errors and transactions like a server', async () => {
    const r = await sql<{ s: string }>`SELECT ${'讲台'}::text || ${2}::int AS s`.execute(database.db);
    expect(r.rows[0]!.s).toBe('讲台2');
    await expect(sql`SELECT * FROM no_such_table`.execute(database.db)).rejects.toThrow(/no_such_table/);
    await sql`CREATE TABLE t (id int PRIMARY KEY)`.execute(database.db);
    await expect(
      database.db.transaction().execute(async (tx) => {
        await sql`INSERT INTO t VALUES (1)`.execute(tx);
        await sql`INSERT INTO t VALUES (1)`.execute(tx);
      }),
    ).rejects.toThrow(/duplicate key/);
    const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM t`.execute(database.db);
    expect(left.rows[0]!.n).toBe(0);
  });
});

describe('a data directory created at this start', () => {
  it('is reopened in a fresh thread before the server listens, with everything written kept', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiangtai-thread-'));
    const database = await openDatabase({ dataDir: dir });
    try {
      await sql`CREATE TABLE kept (name text)`.execute(database.db);
      await sql`INSERT INTO kept VALUES (${'讲台'})`.execute(database.db);
      await database.releaseStartupMemory();
      const r = await sql<{ name: string }>`SELECT name FROM kept`.execute(database.db);
      expect(r.rows).toEqual([{ name: '讲台' }]);
    } finally {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('many statements', () => {
  it('leave nothing behind in the database thread', async () => {
    const thread = new PgliteThread('memory://', PGLITE_SETTINGS);
    const pool = new pg.Pool({ ...thread.pgConfig(), max: 1 } as pg.PoolConfig);
    try {
      await pool.query(`CREATE TABLE t AS SELECT g AS id, repeat(md5(g::text), 20) AS body
                          FROM generate_series(1, 100) g`);
      const run = async () => {
        for (let i = 0; i < 1000; i++) await pool.query('SELECT * FROM t WHERE id <= $1', [50]);
      };
      await run();
      const before = await thread.heapUsed();
      await run(); // about 32 MB of answers
      const grown = (await thread.heapUsed()) - before;
      expect(grown).toBeLessThan(8 * 1024 * 1024);
    } finally {
      await pool.end();
      await thread.close();
    }
  });
});
