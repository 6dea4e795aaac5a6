import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, type Database } from './database.ts';
import { LONG_READ_HANDICAP_MS, PriorityGate, withRequestPriority } from './priority-gate.ts';

describe('PriorityGate', () => {
  it('hands the lock to the lowest key, ties in arrival order, and only on release', async () => {
    const gate = new PriorityGate();
    await gate.acquire(0);
    const order: string[] = [];
    const wait = (name: string, key: number) => gate.acquire(key).then(() => order.push(name));
    const all = [wait('late', 50), wait('early', 10), wait('early-2', 10), wait('mid', 20)];
    await new Promise((r) => setTimeout(r, 5));
    expect(order).toEqual([]);
    for (let i = 0; i < 4; i++) {
      gate.release();
      await new Promise((r) => setTimeout(r, 1));
    }
    await Promise.all(all);
    expect(order).toEqual(['early', 'early-2', 'mid', 'late']);
    expect(gate.waiting).toBe(0);
    gate.release();
    expect(gate.busy).toBe(false);
  });
});

// The gate sits in front of the embedded database's single connection only; PostgreSQL has a pool.
describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('the embedded database connection', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    await sql`CREATE TABLE t (n int)`.execute(database.db);
  });
  afterAll(() => database.close());

  /** Holds the one connection in a transaction until `release` is called. */
  function holdConnection() {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let held!: () => void;
    const isHeld = new Promise<void>((r) => (held = r));
    const done = database.db.transaction().execute(async (tx) => {
      await sql`INSERT INTO t VALUES (1)`.execute(tx);
      held();
      await released;
      await sql`INSERT INTO t VALUES (2)`.execute(tx);
    });
    return { isHeld, release, done };
  }

  it("serves a short request's query before a long read's that queued earlier", async () => {
    const hold = holdConnection();
    await hold.isHeld;
    const order: string[] = [];
    const t0 = performance.now();
    // An export that started first, then a judge's score save: FIFO would serve the export first.
    const exportQuery = withRequestPriority({ startedAt: t0, long: true }, () =>
      sql`SELECT 1`.execute(database.db).then(() => order.push('export')),
    );
    const saveQuery = withRequestPriority({ startedAt: t0 + 10, long: false }, () =>
      sql`SELECT 1`.execute(database.db).then(() => order.push('score save')),
    );
    hold.release();
    await Promise.all([hold.done, exportQuery, saveQuery]);
    expect(order).toEqual(['score save', 'export']);
  });

  it('still serves a long read first once it has waited the handicap longer', async () => {
    const hold = holdConnection();
    await hold.isHeld;
    const order: string[] = [];
    const t0 = performance.now();
    const exportQuery = withRequestPriority({ startedAt: t0, long: true }, () =>
      sql`SELECT 1`.execute(database.db).then(() => order.push('export')),
    );
    const later = withRequestPriority({ startedAt: t0 + LONG_READ_HANDICAP_MS + 1, long: false }, () =>
      sql`SELECT 1`.execute(database.db).then(() => order.push('later')),
    );
    hold.release();
    await Promise.all([hold.done, exportQuery, later]);
    expect(order).toEqual(['export', 'later']);
  });

  it('keeps a transaction whole: a query of higher priority waits for its COMMIT', async () => {
    await sql`DELETE FROM t`.execute(database.db);
    const hold = holdConnection();
    await hold.isHeld;
    const count = withRequestPriority({ startedAt: 0, long: false }, () =>
      sql<{ n: number }>`SELECT count(*)::int AS n FROM t`.execute(database.db),
    );
    hold.release();
    await hold.done;
    expect((await count).rows[0]!.n).toBe(2);
  });
});
