import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { migrate, openDatabase } from '../../db/database.ts';
import { systemClock } from '../../lib/clock.ts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { createFirstAdmin, hasSystemAdmin } from './first-admin.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t.close());

describe('first administrator of an empty installation', () => {
  it('needs the root org name while the tree is empty, then creates both and lets the admin in', async () => {
    expect(await hasSystemAdmin(t.deps)).toBe(false);
    await expect(createFirstAdmin(t.deps, { username: 'admin', displayName: '张三' })).rejects.toThrow(
      /--org/,
    );
    const admin = await createFirstAdmin(t.deps, {
      username: 'admin',
      displayName: '张三',
      rootOrgName: '某某市委',
    });
    expect(admin.createdRoot).toBe(true);
    expect(await hasSystemAdmin(t.deps)).toBe(true);

    const c = await t.login('admin', admin.temporaryPassword);
    const me = await c.get('/api/auth/me');
    expect(me.json()).toMatchObject({ mustChangePassword: true, grants: [{ role: 'platform_admin' }] });
    expect((await c.get('/api/accounts')).json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    const changed = await c.post('/api/auth/password', {
      currentPassword: admin.temporaryPassword,
      newPassword: 'Shiwei2026first',
    });
    expect(changed.statusCode).toBe(200);
    const roots = await c.get('/api/orgs/roots');
    expect(roots.statusCode).toBe(200);
    expect(JSON.stringify(roots.json())).toContain('某某市委');
  });

  it('refuses a second one unless forced, and then reuses the existing root', async () => {
    await expect(
      createFirstAdmin(t.deps, { username: 'admin2', displayName: '李四', rootOrgName: '某某市委' }),
    ).rejects.toThrow('已有系统管理员');
    const second = await createFirstAdmin(t.deps, { username: 'admin2', displayName: '李四', force: true });
    expect(second).toMatchObject({ createdRoot: false, org: '某某市委' });
    const roots = await t.db.selectFrom('orgs').select('id').where('parent_id', 'is', null).execute();
    expect(roots).toHaveLength(1);
    await expect(
      createFirstAdmin(t.deps, { username: 'bad name', displayName: '王五', force: true }),
    ).rejects.toThrow('用户名不可用');
  });
});

describe('npm run admin:create', () => {
  const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
  const run = promisify(execFile);

  it('creates the first administrator from arguments on a fresh data folder, who can then sign in', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiangtai-admin-create-'));
    try {
      const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', SEED_DEMO: 'false' };
      delete (env as Record<string, string | undefined>).DATABASE_URL;
      const tsx = path.join(serverDir, '../../node_modules/.bin/tsx');
      const script = path.join(serverDir, 'src/scripts/admin-create.ts');
      const args = [script, '--username', 'firstadmin', '--name', '王书记', '--org', '某某市委'];
      const { stdout } = await run(tsx, args, { env, cwd: serverDir });
      expect(stdout).toContain('已创建最上级组织「某某市委」');
      const password = /临时密码 (\S+)/.exec(stdout)?.[1];
      expect(password).toBeTruthy();
      const again = await run(tsx, args, { env, cwd: serverDir }).catch(
        (e: { code: number; stderr: string }) => e,
      );
      expect(again).toMatchObject({ code: 1 });
      expect((again as { stderr: string }).stderr).toContain('已有系统管理员');

      const database = await openDatabase({ dataDir });
      try {
        await migrate(database.db);
        const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
        const app = await buildApp({ db: database.db, clock: systemClock, config, dbKind: database.kind });
        const res = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { login: 'firstadmin', password },
        });
        expect(res.statusCode).toBe(200);
        expect(res.json().mustChangePassword).toBe(true);
        await app.close();
      } finally {
        await database.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
