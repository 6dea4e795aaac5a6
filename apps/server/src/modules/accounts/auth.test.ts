import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { Factories } from '../../test/factories.ts';

let t: TestContext;
let city: Awaited<ReturnType<TestContext['factories']['org']>>;

beforeAll(async () => {
  t = await createTestContext();
  city = await t.factories.org({ name: '演示市委' });
});
afterAll(async () => t.close());

describe('login', () => {
  it('signs in by username and sets an HttpOnly SameSite session cookie', async () => {
    await t.factories.user([{ role: 'member', org: city }], { username: 'zhangsan' });
    const res = await t.anonymous.post('/api/auth/login', {
      login: 'zhangsan',
      password: Factories.PASSWORD,
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'jt_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(res.json().grants[0].role).toBe('member');
  });

  it('rejects a wrong password with a Chinese message and a remaining-attempts hint', async () => {
    await t.factories.user([{ role: 'member', org: city }], { username: 'lisi' });
    const res = await t.anonymous.post('/api/auth/login', { login: 'lisi', password: 'wrong-pass1' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('BAD_CREDENTIALS');
    expect(res.json().detail).toContain('再错 4 次');
  });

  it('locks the account after five wrong passwords, even for the right one, until the lock expires', async () => {
    await t.factories.user([{ role: 'member', org: city }], { username: 'wangwu' });
    for (let i = 0; i < 4; i++)
      await t.anonymous.post('/api/auth/login', { login: 'wangwu', password: 'bad-pass-1' });
    const fifth = await t.anonymous.post('/api/auth/login', { login: 'wangwu', password: 'bad-pass-1' });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().detail).toContain('已锁定 15 分钟');
    const right = await t.anonymous.post('/api/auth/login', {
      login: 'wangwu',
      password: Factories.PASSWORD,
    });
    expect(right.statusCode).toBe(423);
    t.clock.advance(16 * 60_000);
    const later = await t.anonymous.post('/api/auth/login', {
      login: 'wangwu',
      password: Factories.PASSWORD,
    });
    expect(later.statusCode).toBe(200);
  });

  it('answers an unknown user like a wrong password', async () => {
    const res = await t.anonymous.post('/api/auth/login', { login: 'nobody', password: 'whatever1' });
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toBe('用户名或密码错误，再错 4 次将锁定 15 分钟');
  });

  it('rejects a malformed body with 400 and names the field', async () => {
    const res = await t.anonymous.post('/api/auth/login', { login: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues.length).toBeGreaterThan(0);
  });
});

describe('sessions', () => {
  it('requires a session for protected routes', async () => {
    const res = await t.anonymous.get('/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toBe('请先登录');
  });

  it('expires an idle session with a clear message', async () => {
    await t.factories.user([{ role: 'member', org: city }], { username: 'expiring' });
    const c = await t.login('expiring');
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    t.clock.advance(13 * 3600_000);
    const res = await c.get('/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('SESSION_EXPIRED');
  });

  it('keeps a session in use alive past its time to live (sliding expiry), but not an idle one', async () => {
    await t.factories.user([{ role: 'member', org: city }], { username: 'sliding' });
    const c = await t.login('sliding');
    for (let i = 0; i < 3; i++) {
      t.clock.advance(8 * 3600_000);
      expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    }
    t.clock.advance(13 * 3600_000);
    expect((await c.get('/api/auth/me')).json().code).toBe('SESSION_EXPIRED');
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    await t.factories.user([{ role: 'member', org: city }], { username: 'csrfuser' });
    const c = await t.login('csrfuser');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: c.cookie! },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_FAILED');
  });

  it('logs out everywhere: every session of the account ends', async () => {
    await t.factories.user([{ role: 'member', org: city }], { username: 'twodevices' });
    const phone = await t.login('twodevices');
    const laptop = await t.login('twodevices');
    expect((await phone.post('/api/auth/logout-all')).statusCode).toBe(200);
    expect((await laptop.get('/api/auth/me')).statusCode).toBe(401);
  });
});

describe('first login', () => {
  it('forces a password change before anything else, and enforces the password rules', async () => {
    await t.factories.user([{ role: 'platform_admin', org: city }], {
      username: 'newadmin',
      mustChange: true,
    });
    const c = await t.login('newadmin');
    const blocked = await c.get('/api/audit');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await c.post('/api/auth/password', {
      currentPassword: Factories.PASSWORD,
      newPassword: 'short',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().issues[0]).toEqual({ path: 'newPassword', message: '管理员密码至少 10 位' });
    const common = await c.post('/api/auth/password', {
      currentPassword: Factories.PASSWORD,
      newPassword: 'Password123',
    });
    expect(common.statusCode).toBe(400);
    expect(common.json().issues[0]).toEqual({
      path: 'newPassword',
      message: '这个密码太常见，很容易被猜到，请换一个',
    });
    const ok = await c.post('/api/auth/password', {
      currentPassword: Factories.PASSWORD,
      newPassword: 'Dangke2026x',
    });
    expect(ok.statusCode).toBe(200);
    expect((await c.get('/api/audit')).statusCode).toBe(200);
  });
});
