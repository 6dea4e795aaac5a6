import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { Factories } from '../../test/factories.ts';

let t: TestContext;
let city: Awaited<ReturnType<TestContext['factories']['org']>>;
let addressSeq = 0;
// Each request from its own address, as a distributed guesser would: the per-address rate limit
// must not be what stops them, the account lockout must.
const freshAddress = () => `10.20.${Math.floor(++addressSeq / 250)}.${(addressSeq % 250) + 1}`;

const login = (login: string, password: string, remoteAddress = freshAddress()) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password }, remoteAddress });

beforeAll(async () => {
  t = await createTestContext();
  city = await t.factories.org({ name: '演示市委' });
});
afterAll(async () => t.close());

describe('password guessing in parallel', () => {
  it('evaluates at most five passwords and locks the account, even for the right one afterwards', async () => {
    await t.factories.user([{ role: 'member', org: city }], { username: 'target' });
    const wrong = await Promise.all(Array.from({ length: 50 }, (_, i) => login('target', `Guess${i}pass`)));
    const codes = wrong.map((r) => r.json<{ code: string }>().code);
    // At most four plain failures: the fifth locks, every later one is refused unevaluated.
    expect(codes.filter((c) => c === 'BAD_CREDENTIALS').length).toBeLessThanOrEqual(4);
    expect(codes.filter((c) => c === 'ACCOUNT_LOCKED').length).toBeGreaterThanOrEqual(46);
    const right = await login('target', Factories.PASSWORD);
    expect(right.statusCode).toBe(423);
    expect(right.json().code).toBe('ACCOUNT_LOCKED');
    const audits = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'account.locked')
      .where('entity_type', '=', 'user')
      .execute();
    expect(audits).toHaveLength(1);
  });

  it('lets the right password in once the lock has expired', async () => {
    await t.factories.user([{ role: 'member', org: city }], { username: 'target2' });
    await Promise.all(Array.from({ length: 20 }, (_, i) => login('target2', `Guess${i}pass`)));
    expect((await login('target2', Factories.PASSWORD)).statusCode).toBe(423);
    t.clock.advance(16 * 60_000);
    expect((await login('target2', Factories.PASSWORD)).statusCode).toBe(200);
  });
});

describe('many people signing in to one account at once', () => {
  it('lets every right password in: checks under way wait, they never count as failures', async () => {
    await t.factories.user([{ role: 'judge', org: city }], { username: 'shared' });
    const answers = await Promise.all(Array.from({ length: 20 }, () => login('shared', Factories.PASSWORD)));
    expect(answers.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    const row = await t.db
      .selectFrom('users')
      .select(['failed_logins', 'locked_until', 'login_checks'])
      .where('username', '=', 'shared')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ failed_logins: 0, locked_until: null, login_checks: 0 });
  });

  it('still evaluates at most five passwords when right and wrong ones arrive together', async () => {
    await t.factories.user([{ role: 'judge', org: city }], { username: 'mixed' });
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        login('mixed', i % 3 === 0 ? Factories.PASSWORD : `Guess${i}pass`),
      ),
    );
    const codes = answers.map((r) => (r.statusCode === 200 ? 'OK' : r.json<{ code: string }>().code));
    // Successes reset the count, so the account may or may not end locked; never more than four
    // wrong passwords in a row are evaluated without a lock.
    const row = await t.db
      .selectFrom('users')
      .select(['failed_logins', 'login_checks'])
      .where('username', '=', 'mixed')
      .executeTakeFirstOrThrow();
    expect(row.failed_logins).toBeLessThanOrEqual(5);
    expect(row.login_checks).toBe(0);
    expect(codes.every((c) => ['OK', 'BAD_CREDENTIALS', 'ACCOUNT_LOCKED'].includes(c))).toBe(true);
  });

  it('forgets checks left under way by a process that died mid-check', async () => {
    const user = await t.factories.user([{ role: 'judge', org: city }], { username: 'orphaned' });
    await t.db
      .updateTable('users')
      .set({ login_checks: 5, login_checks_at: new Date(t.clock.now().getTime() - 60_000) })
      .where('id', '=', user.id)
      .execute();
    expect((await login('orphaned', Factories.PASSWORD)).statusCode).toBe(200);
  });
});

describe('answers that reveal no usernames or phone numbers', () => {
  const answers = async (name: string) => {
    const out: { status: number; code: string; detail: string }[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await login(name, 'Wrong2026pass');
      const body = res.json<{ code: string; detail: string }>();
      out.push({ status: res.statusCode, code: body.code, detail: body.detail });
    }
    return out;
  };

  it('answers an unknown name, a deactivated account and a real one with the same words, lock included', async () => {
    const real = await t.factories.user([{ role: 'member', org: city }], { username: 'realperson' });
    const inactive = await t.factories.user([{ role: 'member', org: city }], { username: 'leftperson' });
    await t.db.updateTable('users').set({ active: false }).where('id', '=', inactive.id).execute();
    await t.db.updateTable('users').set({ phone: '13900001111' }).where('id', '=', real.id).execute();

    const forReal = await answers('realperson');
    expect(forReal.map((a) => a.status)).toEqual([401, 401, 401, 401, 423, 423, 423]);
    expect(await answers('nosuchperson')).toEqual(forReal);
    expect(await answers('leftperson')).toEqual(forReal);
    expect(await answers('13900002222')).toEqual(forReal);
    t.clock.advance(16 * 60_000);
    // Signing in by phone counts on the same account; only the unlock time differs.
    const withoutTime = (list: typeof forReal) =>
      list.map((a) => ({ ...a, detail: a.detail.replace(/\d\d:\d\d/, 'HH:MM') }));
    expect(withoutTime(await answers('13900001111'))).toEqual(withoutTime(forReal));
  });
});

describe('client addresses', () => {
  it('does not let a rotating X-Forwarded-For escape the login rate limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { login: 'ratelimited', password: 'Wrong2026pass' },
        remoteAddress: '10.99.0.1',
        headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.at(-1)).toBe(429);
  });

  it('writes the connecting address, not a claimed one, into the audit log', async () => {
    await t.factories.user([{ role: 'member', org: city }], { username: 'auditedip' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'auditedip', password: Factories.PASSWORD },
      remoteAddress: '10.99.0.2',
      headers: { 'x-forwarded-for': '198.51.100.7' },
    });
    expect(res.statusCode).toBe(200);
    const row = await t.db
      .selectFrom('audit_log')
      .select('ip')
      .where('action', '=', 'auth.login')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(row.ip).toBe('10.99.0.2');
  });

  it('believes X-Forwarded-For from a proxy named in TRUST_PROXY', async () => {
    const behindNginx = await createTestContext({ env: { TRUST_PROXY: '127.0.0.1' } });
    try {
      const org = await behindNginx.factories.org();
      await behindNginx.factories.user([{ role: 'member', org }], { username: 'proxied' });
      const send = (remoteAddress: string) =>
        behindNginx.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { login: 'proxied', password: Factories.PASSWORD },
          remoteAddress,
          headers: { 'x-forwarded-for': '198.51.100.8' },
        });
      expect((await send('127.0.0.1')).statusCode).toBe(200);
      // Another machine claiming the same header is not the proxy: its own address counts.
      expect((await send('10.99.0.3')).statusCode).toBe(200);
      const ips = await behindNginx.db
        .selectFrom('audit_log')
        .select('ip')
        .where('action', '=', 'auth.login')
        .orderBy('id')
        .execute();
      expect(ips.map((r) => r.ip)).toEqual(['198.51.100.8', '10.99.0.3']);
    } finally {
      await behindNginx.close();
    }
  });
});
