import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { createTestContext, type TestContext } from '../test/harness.ts';

/**
 * Two app instances on one database: the login limit (30 a minute per address) counts attempts
 * on both together, so adding instances behind nginx does not multiply it.
 */
let t: TestContext;
let other: FastifyInstance;

beforeAll(async () => {
  t = await createTestContext();
  other = await buildApp({ ...t.deps, dbKind: t.kind });
  await other.ready();
});
afterAll(async () => {
  await other?.close();
  await t?.close();
});

// A new name each time: the per-name lockout (423) must not get there before the address limit.
let tries = 0;
const attempt = (app: FastifyInstance) =>
  app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { login: `nobody-${++tries}`, password: 'wrong-password-1' },
  });

describe('rate limits across instances', () => {
  it('counts login attempts on every instance against one limit', async () => {
    for (let i = 0; i < 15; i++) expect((await attempt(t.app)).statusCode).toBe(401);
    for (let i = 0; i < 15; i++) expect((await attempt(other)).statusCode).toBe(401);
    const refused = await attempt(t.app);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Other limited routes keep counters of their own.
    const rows = await t.db.selectFrom('rate_limits').select(['key', 'count']).execute();
    expect(rows).toEqual([{ key: expect.stringMatching(/^POST \/api\/auth\/login\|/), count: 31 }]);
  });
});
