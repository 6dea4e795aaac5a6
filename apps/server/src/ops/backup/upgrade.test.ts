import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { knownMigrations, openDatabase, type Database } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { Factories } from '../../test/factories.ts';
import { tempDir } from '../../modules/uploads/test-support.ts';
import { restoreBackup } from './restore.ts';

/**
 * Upgrades: a backup made by an earlier release (its migrations, with data in it: a review round
 * with submitted scores, a stored file) restores into an empty database and migrates forward to this
 * release; the data is intact, the score chain verifies, people sign in. One fixture per release.
 */
const fixtures = fs
  .readdirSync(path.join(import.meta.dirname, 'fixtures'))
  .filter((f) => /^release-.*\.tar$/.test(f));
const opened: { database: Database; schema?: string; dir: string }[] = [];

afterAll(async () => {
  for (const o of opened) {
    await o.database.close();
    fs.rmSync(o.dir, { recursive: true, force: true });
  }
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const cleanup = await openDatabase({ databaseUrl: url, dataDir: 'memory://' });
    for (const o of opened)
      if (o.schema) await sql`DROP SCHEMA IF EXISTS ${sql.id(o.schema)} CASCADE`.execute(cleanup.db);
    await cleanup.close();
  }
});

describe('upgrading the data of an earlier release', () => {
  it('has a fixture of at least one earlier release', () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  for (const fixture of fixtures) {
    it(`${fixture}: restores, migrates forward, and the platform works on it`, async () => {
      const url = process.env.TEST_DATABASE_URL;
      const schema = url ? `t_${randomBytes(6).toString('hex')}` : undefined;
      const database = await openDatabase({ databaseUrl: url, dataDir: 'memory://', schema });
      const dir = tempDir('jt-upgrade-');
      opened.push({ database, schema, dir });
      const m = await restoreBackup({
        archive: path.join(import.meta.dirname, 'fixtures', fixture),
        db: database.db,
        schema,
        dataDir: dir,
      });
      const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(
        database.db,
      );
      expect(applied.rows.map((r) => r.name)).toEqual(knownMigrations());
      const members = await sql<{ n: number }>`SELECT count(*)::int AS n FROM members`.execute(database.db);
      expect(members.rows[0]!.n).toBe(m.tables.find((x) => x.name === 'members')!.rows);
      for (const f of m.files) expect(fs.existsSync(path.join(dir, f.path)), f.path).toBe(true);

      const config = loadConfig({ NODE_ENV: 'test', SEED_DEMO: 'false', LOG_LEVEL: 'silent', DATA_DIR: dir });
      const app = await buildApp({
        db: database.db,
        clock: fixedClock(new Date('2026-07-01T02:00:00Z')),
        config,
        dbKind: database.kind,
      });
      try {
        const login = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { login: 'rf_sup', password: Factories.PASSWORD },
        });
        expect(login.statusCode, login.body).toBe(200);
        const headers = {
          cookie: `jt_session=${login.cookies.find((c) => c.name === 'jt_session')?.value}`,
          'x-csrf-token': login.json<{ csrfToken: string }>().csrfToken,
        };
        for (const { roundId } of m.chainHeads) {
          const verify = await app.inject({ method: 'POST', url: `/api/rounds/${roundId}/verify`, headers });
          expect(verify.statusCode, verify.body).toBe(200);
          expect(verify.json<{ ok: boolean }>().ok).toBe(true);
          const results = await app.inject({ method: 'GET', url: `/api/rounds/${roundId}/results`, headers });
          expect(results.statusCode, results.body).toBe(200);
        }
      } finally {
        await app.close();
      }
      // Restoring and migrating a whole release's schema takes a while on a busy machine.
    }, 120_000);
  }
});
