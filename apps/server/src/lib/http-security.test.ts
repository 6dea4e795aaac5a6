import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import type { Config } from '../config.ts';
import { createTestContext, type TestContext } from '../test/harness.ts';
import { Factories } from '../test/factories.ts';

let t: TestContext;
let webDir: string;
const extraApps: FastifyInstance[] = [];

/** Another app on the same database, with some settings changed (as a production start would have). */
async function appWith(config: Partial<Config>, webDistDir?: string) {
  const app = await buildApp({
    ...t.deps,
    config: { ...t.deps.config, ...config },
    dbKind: t.kind,
    webDistDir,
  });
  await app.ready();
  extraApps.push(app);
  return app;
}

const loginOn = (app: FastifyInstance, login: string, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { login, password: Factories.PASSWORD },
    headers,
  });

beforeAll(async () => {
  t = await createTestContext();
  const city = await t.factories.org({ name: '演示市委' });
  const unit = await t.factories.org({ name: '教育局', parent: city });
  await t.factories.user([{ role: 'platform_admin', org: city }], { username: 'sysadmin' });
  await t.factories.user([{ role: 'platform_admin', org: unit }], { username: 'unitplatform' });
  await t.factories.user([{ role: 'member', org: unit }], { username: 'plainmember' });
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiangtai-web-'));
  fs.mkdirSync(path.join(webDir, 'assets'));
  fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>讲台</title>');
  fs.writeFileSync(path.join(webDir, 'assets', 'app.js'), 'console.log(1)');
});
afterAll(async () => {
  for (const app of extraApps) await app.close();
  await t.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

describe('security headers', () => {
  it('sends the page policy with the web app, and nosniff, framing and referrer rules everywhere', async () => {
    const app = await appWith({}, webDir);
    const page = await app.inject({ method: 'GET', url: '/campaigns/1' });
    expect(page.statusCode).toBe(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).toContain("media-src 'self' blob:");
    expect(csp).not.toContain("'unsafe-eval'");
    for (const url of ['/campaigns/1', '/assets/app.js', '/api/health', '/api/auth/me']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('same-origin');
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      expect(String(res.headers['content-security-policy']), url).toContain("frame-ancestors 'self'");
    }
  });
});

describe('secure session cookies', () => {
  const secureFlag = async (app: FastifyInstance, headers?: Record<string, string>) => {
    const res = await loginOn(app, 'plainmember', headers);
    expect(res.statusCode).toBe(200);
    return res.cookies.find((c) => c.name === 'jt_session')?.secure ?? false;
  };

  it('marks the cookie Secure with COOKIE_SECURE, or when a trusted proxy says the browser used HTTPS', async () => {
    expect(await secureFlag(t.app)).toBe(false);
    // An untrusted client cannot switch it by claiming HTTPS, nor is it needed to.
    expect(await secureFlag(t.app, { 'x-forwarded-proto': 'https' })).toBe(false);
    expect(await secureFlag(await appWith({ COOKIE_SECURE: true }))).toBe(true);
    const behindNginx = await appWith({ TRUST_PROXY: ['127.0.0.1'] });
    expect(await secureFlag(behindNginx, { 'x-forwarded-proto': 'https' })).toBe(true);
    expect(await secureFlag(behindNginx, { 'x-forwarded-proto': 'http' })).toBe(false);
    // A hop count trusts the nearest proxy, whatever its address.
    const oneHop = await appWith({ TRUST_PROXY: 1 });
    expect(await secureFlag(oneHop, { 'x-forwarded-proto': 'https' })).toBe(true);
  });
});

describe('API docs in production', () => {
  it('are shown only to a signed-in system administrator', async () => {
    const prod = await appWith({ NODE_ENV: 'production' });
    const signedIn = async (login: string) => {
      const res = await loginOn(prod, login);
      const cookie = res.cookies.find((c) => c.name === 'jt_session')!;
      return `jt_session=${cookie.value}`;
    };
    const get = (url: string, cookie?: string) =>
      prod.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
    const admin = await signedIn('sysadmin');
    const lowerAdmin = await signedIn('unitplatform');
    const member = await signedIn('plainmember');
    for (const url of ['/api/openapi.json', '/api/docs', '/api/docs/json', '/api/docs/static/index.html']) {
      expect((await get(url)).statusCode, url).toBe(401);
      expect((await get(url, member)).statusCode, url).toBe(403);
      expect((await get(url, lowerAdmin)).statusCode, url).toBe(403);
    }
    const spec = await get('/api/openapi.json', admin);
    expect(spec.statusCode).toBe(200);
    expect(spec.json().openapi).toMatch(/^3\./);
    expect([200, 302]).toContain((await get('/api/docs', admin)).statusCode);
    // Outside production the docs stay open, as before.
    expect((await t.anonymous.get('/api/openapi.json')).statusCode).toBe(200);
  });
});

describe('the classroom embed', () => {
  it('may be framed by other sites; no other page may', async () => {
    const app = await appWith({}, webDir);
    const embed = await app.inject({ method: 'GET', url: '/embed/classroom/abcdefgh23456789' });
    expect(embed.statusCode).toBe(200);
    expect(String(embed.headers['content-security-policy'])).toContain('frame-ancestors *');
    expect(String(embed.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(embed.headers['x-frame-options']).toBeUndefined();
    for (const url of ['/p/classroom/abcdefgh23456789', '/embed/classroom/x/../../campaigns', '/campaigns']) {
      const page = await app.inject({ method: 'GET', url });
      expect(String(page.headers['content-security-policy']), url).toContain("frame-ancestors 'self'");
      expect(page.headers['x-frame-options'], url).toBe('SAMEORIGIN');
    }
    const api = await app.inject({ method: 'GET', url: '/api/public/classroom/abcdefgh23456789' });
    expect(api.headers['x-frame-options']).toBe('SAMEORIGIN');
  });
});
