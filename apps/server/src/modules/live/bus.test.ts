import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/database.ts';
import { LiveBus } from './bus.ts';

const url = process.env.TEST_DATABASE_URL;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Collects a round's changes as a subscriber sees them. */
function watch(bus: LiveBus, roundId: string) {
  const seen: string[] = [];
  const stop = bus.subscribe(roundId, (id) => seen.push(id));
  return {
    seen,
    stop,
    async until(n: number, timeoutMs = 5000) {
      for (let waited = 0; seen.length < n; waited += 10) {
        if (waited > timeoutMs)
          throw new Error(`expected ${n} changes of round ${roundId}, saw ${seen.length}`);
        await sleep(10);
      }
    },
  };
}

describe('live bus within one process (embedded database)', () => {
  it('tells the round’s subscribers, and only them, until they unsubscribe', async () => {
    const bus = new LiveBus();
    expect(bus.mode).toBe('process');
    await bus.ready();
    const one = watch(bus, '1');
    const two = watch(bus, '2');
    bus.changed('1');
    expect(one.seen).toEqual(['1']);
    expect(two.seen).toEqual([]);
    one.stop();
    bus.changed('1');
    expect(one.seen).toEqual(['1']);
    await bus.close();
  });
});

// Needs a PostgreSQL server (TEST_DATABASE_URL): the embedded database has no NOTIFY between processes.
describe.skipIf(!url)('live bus across instances (PostgreSQL NOTIFY / LISTEN)', () => {
  let database: Database;
  const channel = `jt_live_test_${randomBytes(4).toString('hex')}`;
  const appName = `jt-bus-test-${randomBytes(4).toString('hex')}`;
  const warnings: string[] = [];
  const log = { warn: (_obj: object, msg: string) => warnings.push(msg) };
  let a: LiveBus;
  let b: LiveBus;

  beforeAll(async () => {
    database = await openDatabase({ databaseUrl: url, dataDir: 'memory://' });
    const common = { connectionString: url!, db: database.db, channel, log, retryDelaysMs: [50, 100, 200] };
    // Two buses as two app instances would have them, each with its LISTEN connection.
    a = new LiveBus({ ...common, applicationName: `${appName}-a` });
    b = new LiveBus({ ...common, applicationName: `${appName}-b` });
    await Promise.all([a.ready(), b.ready()]);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.close();
  });

  it('delivers a change made on one instance to the subscribers of every instance, the sender’s included', async () => {
    expect(a.mode).toBe('postgres');
    const onA = watch(a, '501');
    const onB = watch(b, '501');
    const other = watch(b, '502');
    a.changed('501');
    await onB.until(1);
    await onA.until(1);
    expect(onB.seen).toEqual(['501']);
    expect(onA.seen).toEqual(['501']);
    await sleep(50);
    expect(other.seen).toEqual([]);
    for (const w of [onA, onB, other]) w.stop();
  });

  it('reconnects its LISTEN connection after the backend is terminated, and reports the rounds it watches as changed', async () => {
    const onB = watch(b, '601');
    const { rows } = await sql<{ n: number }>`
      SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
      WHERE application_name = ${`${appName}-b`}`.execute(database.db);
    expect(rows[0]!.n).toBe(1);
    // Whatever was sent while it was away is lost: the watched round counts as changed.
    await onB.until(1);
    expect(warnings.some((w) => w.includes('LISTEN connection lost'))).toBe(true);
    a.changed('601');
    await onB.until(2);
    expect(onB.seen).toEqual(['601', '601']);
    onB.stop();
  });
});
