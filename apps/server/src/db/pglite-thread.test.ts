import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, type Database } from './database.ts';

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
