import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../db/types.ts';
import { openDatabase, type Database } from '../../db/database.ts';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { fixedClock } from '../../lib/clock.ts';
import { Factories } from '../../test/factories.ts';
import { listeningApp, pdfLike, runTus, sha256, tempDir } from '../../modules/uploads/test-support.ts';
import { openSemifinal, reviewScene, scoresAt } from '../../modules/reviews/test-scene.ts';
import { listTables } from './catalog.ts';
import { createBackup } from './backup.ts';
import { restoreBackup, RestoreError } from './restore.ts';
import { writeOpsFile } from './ops-channel.ts';

/**
 * The restore drill: a city with members and accounts, an upload, a derived artefact, a review round
 * with submitted scores; back it up, restore into an empty database and data directory, and every
 * table's content, every sequence, the score chain and every file hash match.
 */
let source: Awaited<ReturnType<typeof listeningApp>>;
let target: Database;
let targetSchema: string | undefined;
const targetDir = tempDir('jt-restore-');
const outDir = tempDir('jt-backups-');
let roundId = '';
let archive = '';
let uploaded = { key: '', sha: '' };

/** A digest of a table's whole content, independent of row order. */
async function tableDigest(db: Kysely<DB>, table: string) {
  const r = await sql<{ n: number; d: string | null }>`
    SELECT count(*)::int AS n, md5(string_agg(row_to_json(t)::text, '|' ORDER BY row_to_json(t)::text)) AS d
    FROM ${sql.table(table)} t`.execute(db);
  return r.rows[0]!;
}

/** An empty database: in memory, or a new schema on the test server (dropped afterwards). */
const schemas: string[] = [];
async function openTarget(): Promise<{ database: Database; schema?: string }> {
  const url = process.env.TEST_DATABASE_URL;
  const schema = url ? `t_${randomBytes(6).toString('hex')}` : undefined;
  if (schema) schemas.push(schema);
  return { database: await openDatabase({ databaseUrl: url, dataDir: 'memory://', schema }), schema };
}

beforeAll(async () => {
  source = await listeningApp();
  const t = source.t;
  const s = await reviewScene(t, 'bk');
  // An upload through the real tus endpoint, and a derived artefact beside it.
  const bytes = pdfLike(300_000);
  const up = await runTus(source.endpoint, bytes, {
    cookie: (await loginCookie(t)).cookie,
    csrf: (await loginCookie(t)).csrf,
    metadata: { purpose: 'test-file', filename: '讲稿.pdf' },
  });
  expect(up.error, up.body).toBeNull();
  const file = await t.db.selectFrom('stored_files').selectAll().executeTakeFirstOrThrow();
  uploaded = { key: file.storage_key, sha: sha256(bytes) };
  fs.mkdirSync(path.join(source.dataDir, 'media', file.id), { recursive: true });
  fs.writeFileSync(path.join(source.dataDir, 'media', file.id, 'poster.jpg'), randomBytes(5000));
  // A review round with every score submitted.
  const round = await openSemifinal(s.organiser.client, s.campaignId);
  roundId = round.round.id;
  await s.organiser.client.post(`/api/rounds/${roundId}/judges`, { userIds: s.judges.map((j) => j.id) });
  await s.organiser.client.post(`/api/rounds/${roundId}/assign`);
  for (const [i, j] of s.judges.entries()) {
    const queue = (await j.client.get(`/api/judging/rounds/${roundId}`)).json<{
      items: { code: string }[];
    }>();
    for (const item of queue.items) {
      const res = await j.client.put(`/api/judging/rounds/${roundId}/items/${item.code}/score`, {
        scores: scoresAt(round.round.config, 0.6 + i * 0.1),
        submit: true,
      });
      expect(res.statusCode).toBe(200);
    }
  }
  ({ database: target, schema: targetSchema } = await openTarget());
}, 180_000);

afterAll(async () => {
  await target?.close();
  if (schemas.length) {
    const cleanup = await openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL, dataDir: 'memory://' });
    for (const schema of schemas)
      await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(cleanup.db);
    await cleanup.close();
  }
  await source?.close();
  fs.rmSync(targetDir, { recursive: true, force: true });
  fs.rmSync(outDir, { recursive: true, force: true });
});

async function loginCookie(t: typeof source.t) {
  if (!cached) {
    await t.factories.user([{ role: 'member', org: await t.factories.org({ name: '备份测试支部' }) }], {
      username: 'bk_uploader',
    });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'bk_uploader', password: Factories.PASSWORD },
    });
    cached = {
      cookie: `jt_session=${res.cookies.find((c) => c.name === 'jt_session')?.value}`,
      csrf: res.json<{ csrfToken: string }>().csrfToken,
    };
  }
  return cached;
}
let cached: { cookie: string; csrf: string } | undefined;

describe('backup and restore', () => {
  it('is made by the running server for the local backup command only (embedded database)', async () => {
    const remove = writeOpsFile(source.dataDir, { port: 1, host: '127.0.0.1' });
    try {
      const token = JSON.parse(fs.readFileSync(path.join(source.dataDir, 'ops.json'), 'utf8'))
        .token as string;
      const wrong = await source.t.anonymous.post('/api/ops/backup', { outDir });
      expect(wrong.statusCode).toBe(403);
      const relative = await source.t.app.inject({
        method: 'POST',
        url: '/api/ops/backup',
        headers: { 'x-ops-token': token },
        payload: { outDir: 'backups' },
      });
      expect(relative.statusCode).toBe(400);
      const own = tempDir('jt-backups-server-');
      const ok = await source.t.app.inject({
        method: 'POST',
        url: '/api/ops/backup',
        headers: { 'x-ops-token': token },
        payload: { outDir: own },
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(fs.existsSync(ok.json<{ archive: string }>().archive)).toBe(true);
      fs.rmSync(own, { recursive: true, force: true });
    } finally {
      remove();
    }
  });

  it('writes one dated archive whose manifest lists every table, file and chain head', async () => {
    const t = source.t;
    const out = await createBackup({
      db: t.db,
      dbKind: t.kind,
      dataDir: source.dataDir,
      outDir,
      now: new Date('2026-12-06T02:30:00Z'),
    });
    archive = out.archive;
    expect(path.basename(archive)).toBe('jiangtai-backup-20261206-103000.tar');
    expect(fs.readdirSync(outDir)).toEqual(['jiangtai-backup-20261206-103000.tar']);
    const m = out.manifest;
    expect(m.tables.find((x) => x.name === 'score_log')!.rows).toBeGreaterThan(0);
    expect(m.tables.map((x) => x.name)).not.toContain('kysely_migration');
    expect(m.files.map((f) => f.path)).toContain(`files/${uploaded.key}`);
    expect(m.files.find((f) => f.path === `files/${uploaded.key}`)!.sha256).toBe(uploaded.sha);
    expect(m.files.some((f) => f.path.startsWith('media/'))).toBe(true);
    expect(m.chainHeads.find((c) => c.roundId === roundId)!.count).toBeGreaterThan(0);
  });

  it('restores into an empty database: every table, sequence, file and the score chain match', async () => {
    await restoreBackup({ archive, db: target.db, schema: targetSchema, dataDir: targetDir });
    const tables = await listTables(source.t.db);
    expect(tables.length).toBeGreaterThan(20);
    for (const { name } of tables) {
      const [a, b] = [await tableDigest(source.t.db, name), await tableDigest(target.db, name)];
      expect(b, name).toEqual(a);
    }
    const seq = async (db: Kysely<DB>) =>
      (await sql<{ v: string }>`SELECT last_value::text AS v FROM score_log_id_seq`.execute(db)).rows[0]!.v;
    expect(await seq(target.db)).toBe(await seq(source.t.db));
    const restored = fs.readFileSync(path.join(targetDir, 'files', uploaded.key));
    expect(sha256(restored)).toBe(uploaded.sha);

    // The restored platform works: a supervisor signs in and the score chain verifies.
    const config = loadConfig({
      NODE_ENV: 'test',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'silent',
      DATA_DIR: targetDir,
    });
    const app = await buildApp({
      db: target.db,
      clock: fixedClock(new Date('2026-07-01T02:00:00Z')),
      config,
      dbKind: target.kind,
    });
    try {
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { login: 'bk_sup', password: Factories.PASSWORD },
      });
      expect(login.statusCode).toBe(200);
      const verify = await app.inject({
        method: 'POST',
        url: `/api/rounds/${roundId}/verify`,
        headers: {
          cookie: `jt_session=${login.cookies.find((c) => c.name === 'jt_session')?.value}`,
          'x-csrf-token': login.json<{ csrfToken: string }>().csrfToken,
        },
      });
      expect(verify.statusCode).toBe(200);
      expect(verify.json<{ ok: boolean }>().ok).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('refuses a target that is not empty, and a damaged archive, changing nothing', async () => {
    await expect(
      restoreBackup({ archive, db: target.db, schema: targetSchema, dataDir: targetDir }),
    ).rejects.toThrow(/目标数据库不是空的/);
    const damaged = path.join(outDir, 'damaged.tar');
    const bytes = fs.readFileSync(archive);
    // Flip one byte inside the uploaded file's data (after the manifest and the table dumps).
    const at = bytes.lastIndexOf(Buffer.from('%PDF-1.4')) + 100;
    bytes[at] = bytes[at]! ^ 0xff;
    fs.writeFileSync(damaged, bytes);
    const { database: fresh, schema } = await openTarget();
    const freshDir = tempDir('jt-restore-bad-');
    try {
      const err = await restoreBackup({ archive: damaged, db: fresh.db, schema, dataDir: freshDir }).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(RestoreError);
      expect((err as Error).message).toContain('备份已损坏');
      const n = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
        WHERE c.relkind = 'r' AND s.nspname = current_schema()`.execute(fresh.db);
      expect(n.rows[0]!.n).toBe(0);
      expect(fs.existsSync(path.join(freshDir, 'files'))).toBe(false);
    } finally {
      await fresh.close();
      fs.rmSync(freshDir, { recursive: true, force: true });
    }
  });
});
