import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveSnapshot } from '@jiangtai/contracts';
import { migrate, openDatabase, type Database } from '../../db/database.ts';
import { freePort } from '../uploads/s3rver.test-support.ts';
import { openSse } from './test-sse.ts';

/**
 * Two app processes on one PostgreSQL database: a change published on instance A reaches a screen
 * connected to instance B (and A's own screens) through NOTIFY / LISTEN. Only with TEST_DATABASE_URL:
 * the embedded database belongs to the one process that opens it, so there is no second instance to
 * reach (its in-process delivery is tested in bus.test.ts and screens-stream.test.ts).
 */
const url = process.env.TEST_DATABASE_URL;
const APP = fileURLToPath(new URL('./test-screens-instance.ts', import.meta.url));

interface Instance {
  child: ChildProcess;
  origin: string;
  dataDir: string;
  exited: Promise<void>;
  output: string[];
}

let database: Database;
let schema: string;
let a: Instance;
let b: Instance;

async function startInstance(databaseUrl: string): Promise<Instance> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jt-screens-instance-'));
  const child = spawn(process.execPath, ['--import', 'tsx', APP], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'false',
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      JOBS_IN_PROCESS: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output.push(...chunk.toString().split('\n').filter(Boolean));
      if (output.some((line) => line.startsWith('listening'))) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => reject(new Error(`instance exited:\n${output.join('\n')}`)));
  });
  return { child, origin: `http://127.0.0.1:${port}`, dataDir, exited, output };
}

async function stop(instance: Instance | undefined) {
  if (!instance) return;
  instance.child.kill('SIGTERM');
  await instance.exited;
  fs.rmSync(instance.dataDir, { recursive: true, force: true });
}

beforeAll(async () => {
  if (!url) return;
  schema = `t_${randomBytes(6).toString('hex')}`;
  database = await openDatabase({ databaseUrl: url, schema, dataDir: 'memory://' });
  await migrate(database.db, schema);
  await sql`CREATE TABLE test_live_screens (code text PRIMARY KEY, round_id text NOT NULL, version int NOT NULL)`.execute(
    database.db,
  );
  // Round ids no other test uses: the NOTIFY channel is shared by the whole server.
  await sql`INSERT INTO test_live_screens VALUES ('TWOINST', '9900001', 1)`.execute(database.db);
  const separator = url.includes('?') ? '&' : '?';
  const databaseUrl = `${url}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  [a, b] = await Promise.all([startInstance(databaseUrl), startInstance(databaseUrl)]);
}, 60_000);

afterAll(async () => {
  if (!url) return;
  await Promise.all([stop(a), stop(b)]);
  if (database) {
    await sql`DROP SCHEMA ${sql.id(schema)} CASCADE`.execute(database.db);
    await database.close();
  }
});

describe.skipIf(!url)('live screens on two instances (PostgreSQL LISTEN/NOTIFY)', () => {
  it('runs each instance with the PostgreSQL bus', () => {
    for (const instance of [a, b]) expect(instance.output.join('\n')).toContain('bus=postgres');
  });

  it('brings a change published on instance A to screens connected to B and to A', async () => {
    const onB = await openSse(`${b.origin}/api/live/screens/TWOINST/stream`);
    const onA = await openSse(`${a.origin}/api/live/screens/TWOINST/stream`);
    expect((await onB.waitFor(1)).id).toBe('1');
    expect((await onA.waitFor(1)).id).toBe('1');

    await sql`UPDATE test_live_screens SET version = 2 WHERE code = 'TWOINST'`.execute(database.db);
    const res = await fetch(`${a.origin}/api/test/live/9900001/changed`, { method: 'POST' });
    expect(res.status).toBe(200);

    const [fromB, fromA] = await Promise.all([onB.waitFor(2), onA.waitFor(2)]);
    expect(fromB.id).toBe('2');
    expect((JSON.parse(fromB.data) as LiveSnapshot).version).toBe(2);
    expect(fromA.data).toBe(fromB.data);
    onA.close();
    onB.close();
  });

  it('lets B answer the JSON snapshot after the change', async () => {
    const res = await fetch(`${b.origin}/api/live/screens/TWOINST`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as LiveSnapshot).version).toBe(2);
  });
});
