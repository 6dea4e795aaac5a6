import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Database } from '../db/database.ts';
import { loadConfig } from '../config.ts';
import { systemClock } from '../lib/clock.ts';
import { makeTestVideo } from '../modules/media/test-media.ts';
import { freePort, startS3rver } from '../modules/uploads/s3rver.test-support.ts';
import { pdfLike, runTus, sha256, tempDir } from '../modules/uploads/test-support.ts';
import { Factories } from './factories.ts';

/**
 * Two app instances and a separate worker process on one PostgreSQL database and one S3-compatible
 * bucket (s3rver), each process with a DATA_DIR of its own as on separate machines. Only on a real
 * PostgreSQL server (TEST_DATABASE_URL): the embedded PGlite database belongs to the one process
 * that opens its data directory, so several processes cannot share it.
 */
const url = process.env.TEST_DATABASE_URL;
const APP = fileURLToPath(new URL('./instance-app.ts', import.meta.url));
const WORKER = fileURLToPath(new URL('../worker.ts', import.meta.url));
const BUCKET = 'jiangtai-instances';
const S3_ENV = {
  S3_BUCKET: BUCKET,
  S3_ACCESS_KEY_ID: 'S3RVER',
  S3_SECRET_ACCESS_KEY: 'S3RVER',
  S3_FORCE_PATH_STYLE: 'true',
};

interface Proc {
  child: ChildProcess;
  output: string[];
  dataDir: string;
  exited: Promise<void>;
}
interface Instance extends Proc {
  origin: string;
}

let database: Database;
let schema: string;
let s3dir: string;
let s3: Awaited<ReturnType<typeof startS3rver>>;
let a: Instance;
let b: Instance;
let worker: Proc;
let s3client: S3Client;

/** Starts a process with `node --import tsx` (no tsx parent process) and waits for `ready` in its output. */
async function start(script: string, env: Record<string, string>, ready: string): Promise<Proc> {
  const dataDir = tempDir('jt-instance-');
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'false',
      DATA_DIR: dataDir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output.push(...chunk.toString().split('\n').filter(Boolean));
      if (output.some((line) => line.includes(ready))) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => reject(new Error(`${path.basename(script)} exited:\n${output.join('\n')}`)));
  });
  return { child, output, dataDir, exited };
}

async function startApp(env: Record<string, string>): Promise<Instance> {
  const port = await freePort();
  const proc = await start(APP, { ...env, PORT: String(port), JOBS_IN_PROCESS: 'false' }, 'listening');
  return { ...proc, origin: `http://127.0.0.1:${port}` };
}

async function stop(proc: Proc | undefined) {
  if (!proc) return;
  proc.child.kill('SIGTERM');
  await proc.exited;
  fs.rmSync(proc.dataDir, { recursive: true, force: true });
}

/** Logs in on one instance; the cookie and CSRF token are then used wherever the test likes. */
async function login(origin: string, username: string) {
  const res = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: username, password: Factories.PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

beforeAll(async () => {
  if (!url) return;
  schema = `t_${randomBytes(6).toString('hex')}`;
  database = await openDatabase({ databaseUrl: url, schema, dataDir: 'memory://' });
  await migrate(database.db, schema);
  const factories = new Factories({
    db: database.db,
    clock: systemClock,
    config: loadConfig({ NODE_ENV: 'test', SEED_DEMO: 'false' }),
  });
  const root = await factories.org({ name: '多实例市委', type: 'committee' });
  await factories.user([{ role: 'platform_admin', org: root }], { username: 'multi_admin' });

  s3dir = tempDir('jt-instances-s3-');
  s3 = await startS3rver(s3dir, BUCKET);
  s3client = new S3Client({
    endpoint: s3.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  // Every process reaches the test's private schema through the connection's search_path.
  const separator = url.includes('?') ? '&' : '?';
  const databaseUrl = `${url}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const env = { DATABASE_URL: databaseUrl, S3_ENDPOINT: s3.endpoint, ...S3_ENV };
  [a, b, worker] = await Promise.all([
    startApp(env),
    startApp(env),
    // The worker logs each job (info), so the test can tell who ran it.
    start(WORKER, { ...env, JOBS_CONCURRENCY: '1', LOG_LEVEL: 'info' }, '讲台任务处理进程已启动'),
  ]);
}, 60_000);

afterAll(async () => {
  if (!url) return;
  await Promise.all([stop(a), stop(b), stop(worker)]);
  s3client?.destroy();
  await s3?.close();
  if (s3dir) fs.rmSync(s3dir, { recursive: true, force: true });
  if (database) {
    await sql`DROP SCHEMA ${sql.id(schema)} CASCADE`.execute(database.db);
    await database.close();
  }
});

describe.skipIf(!url)('two app instances and a worker on PostgreSQL and S3', () => {
  it('keeps a session made on one instance valid on the other, and its logout on both', async () => {
    const auth = await login(a.origin, 'multi_admin');
    const me = await fetch(`${b.origin}/api/auth/me`, { headers: { cookie: auth.cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ username: 'multi_admin' });

    const out = await fetch(`${b.origin}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrf, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(out.status).toBeLessThan(300);
    expect((await fetch(`${a.origin}/api/auth/me`, { headers: { cookie: auth.cookie } })).status).toBe(401);
  });

  it('finishes on instance B a resumable upload started on instance A, as one object in the bucket', async () => {
    const auth = await login(a.origin, 'multi_admin');
    // More than one 8 MiB S3 part; A receives the first 4 MiB (held as an incomplete part).
    const bytes = pdfLike(9 * 1024 * 1024 + 321);
    const chunkSize = 4 * 1024 * 1024;
    const first = await runTus(`${a.origin}/api/uploads`, bytes, {
      ...auth,
      chunkSize,
      stopAfter: chunkSize,
    });
    expect(first.error).toBeNull();
    const uploadPath = new URL(first.url!).pathname;
    expect(first.url).toBe(`${a.origin}${uploadPath}`);

    const rest = await runTus(`${b.origin}/api/uploads`, bytes, {
      ...auth,
      chunkSize,
      uploadUrl: `${b.origin}${uploadPath}`,
    });
    expect(rest.error).toBeNull();
    expect(rest.status).toBe(200);
    const { fileId, key } = JSON.parse(rest.body) as { fileId: string; key: string };

    const file = await database.db
      .selectFrom('stored_files')
      .selectAll()
      .where('id', '=', fileId)
      .executeTakeFirstOrThrow();
    expect(file).toMatchObject({ storage: 's3', storage_key: key, sha256: sha256(bytes) });
    const object = await s3client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(sha256(Buffer.from(await object.Body!.transformToByteArray()))).toBe(sha256(bytes));
    // Nothing of the tus upload is left behind: only the final object.
    const listed = await s3client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    expect(listed.Contents?.map((o) => o.Key).filter((k) => !k!.startsWith('media/'))).toEqual([key]);

    // Instance A, asked about the upload it started, knows it is complete.
    const head = await fetch(`${a.origin}${uploadPath}`, {
      method: 'HEAD',
      headers: { cookie: auth.cookie, 'tus-resumable': '1.0.0' },
    });
    expect(head.headers.get('upload-offset')).toBe(String(bytes.length));
  });

  it('has the worker transcode an uploaded video, and both instances serve its HLS', async () => {
    const auth = await login(a.origin, 'multi_admin');
    const video = fs.readFileSync(await makeTestVideo({ seconds: 2 }));
    const up = await runTus(`${a.origin}/api/uploads`, video, {
      ...auth,
      chunkSize: 1024 * 1024,
      metadata: { purpose: 'test-video', filename: 'lecture.mp4' },
    });
    expect(up.error).toBeNull();
    const { fileId, jobId } = JSON.parse(up.body) as { fileId: string; jobId: string };

    let status = '';
    for (let i = 0; i < 300 && status !== 'ready' && status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const res = await fetch(`${b.origin}/api/media/${fileId}`, { headers: { cookie: auth.cookie } });
      status = ((await res.json()) as { status: string }).status;
    }
    expect(status).toBe('ready');
    // The worker process ran the job (the apps run none: JOBS_IN_PROCESS=false). Its log line comes
    // after the commit that made the media ready, through a pipe: wait for it rather than race it.
    const succeeded = () =>
      worker.output
        .map((l) => (l.startsWith('{') ? (JSON.parse(l) as { msg?: string; jobId?: string }) : {}))
        .some((l) => l.msg === 'job succeeded' && l.jobId === jobId);
    await expect.poll(succeeded, { timeout: 15_000 }).toBe(true);

    for (const origin of [a.origin, b.origin]) {
      const master = await fetch(`${origin}/api/media/${fileId}/hls/master.m3u8`, {
        headers: { cookie: auth.cookie },
      });
      expect(master.status).toBe(200);
      expect(await master.text()).toContain('#EXTM3U');
      const playlist = await fetch(`${origin}/api/media/${fileId}/hls/src.m3u8`, {
        headers: { cookie: auth.cookie },
      });
      const segment = (await playlist.text()).split('\n').find((l) => l.endsWith('.ts'))!;
      const part = await fetch(`${origin}/api/media/${fileId}/hls/${segment}`, {
        headers: { cookie: auth.cookie, range: 'bytes=0-187' },
      });
      expect(part.status).toBe(206);
      const body = Buffer.from(await part.arrayBuffer());
      expect(body.length).toBe(188);
      expect(body[0]).toBe(0x47); // MPEG-TS sync byte
      const poster = await fetch(`${origin}/api/media/${fileId}/poster.jpg`, {
        headers: { cookie: auth.cookie },
      });
      expect(poster.status).toBe(200);
    }
    // The worker's local output was scratch space only; the bucket holds the published files.
    expect(fs.existsSync(path.join(worker.dataDir, 'media', fileId))).toBe(false);
  });
});
