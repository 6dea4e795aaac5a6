import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './harness.ts';
import { ALL_ROLES, buildScene, type MatrixEntry, type Outcome, type Scene } from './authz-scene.ts';
import { accountsMatrix } from '../modules/accounts/authz-matrix.ts';
import { featureMatrices } from '../modules/authz-matrices.ts';

/**
 * Every endpoint × role × (inside / outside the granted subtree). A new endpoint without an entry
 * fails the first test: decide who may call it and write the row.
 */
const matrix: MatrixEntry[] = [...accountsMatrix, ...featureMatrices];

/** Routes that are not in the matrix, and why. */
const EXEMPT: Record<string, string> = {
  'POST /api/auth/logout': 'ends the caller’s own session; covered in auth.test.ts',
  'POST /api/auth/logout-all': 'ends the caller’s own sessions; covered in auth.test.ts',
};

let t: TestContext;
let scene: Scene;

beforeAll(async () => {
  t = await createTestContext();
  scene = await buildScene(t);
});
afterAll(async () => t.close());

describe('authorisation matrix', () => {
  it('has an entry for every authenticated endpoint', () => {
    const declared = new Set(matrix.map((e) => e.route));
    const missing = t.app.apiRoutes
      .filter((r) => r.auth !== 'public')
      .map((r) => `${r.method} ${r.url}`)
      .filter((key) => !declared.has(key) && !(key in EXEMPT));
    expect(missing, 'add these routes to a feature authz-matrix.ts').toEqual([]);
    const registered = new Set(t.app.apiRoutes.map((r) => `${r.method} ${r.url}`));
    expect(
      [...declared].filter((k) => !registered.has(k)),
      'matrix rows for routes that do not exist',
    ).toEqual([]);
  });

  it('refuses every authenticated endpoint without a session', async () => {
    for (const route of t.app.apiRoutes.filter((r) => r.auth !== 'public')) {
      const url = route.url.replace(/:(\w+)/g, '1');
      const res = await t.app.inject({ method: route.method as 'GET', url });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });

  let n = 0;
  for (const entry of matrix) {
    it(entry.route, async () => {
      const failures: string[] = [];
      for (const role of ALL_ROLES) {
        for (const [i, side] of (['inside', 'outside'] as const).entries()) {
          const want: Outcome = entry.expect[role][i]!;
          const req = await entry.request(scene, side, ++n);
          const res = await scene.clients[role].inject(req);
          const got = res.statusCode;
          const ok =
            want === 'ok'
              ? got >= 200 && got < 300
              : want === 'deny'
                ? got === 403 || got === 404
                : got < 500 && ![401, 403, 404].includes(got);
          if (!ok) failures.push(`${role} ${side}: expected ${want}, got ${got} ${res.body.slice(0, 160)}`);
        }
      }
      expect(failures).toEqual([]);
    });
  }
});
