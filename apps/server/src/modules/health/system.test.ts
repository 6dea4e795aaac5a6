import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t.close());

describe('system endpoints', () => {
  it('reports health with the database kind and version, without a session', async () => {
    const res = await t.anonymous.get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: t.kind });
    expect(res.json().version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('publishes the OpenAPI document and a docs page', async () => {
    const spec = await t.anonymous.get('/api/openapi.json');
    expect(spec.statusCode).toBe(200);
    expect(spec.json().openapi).toMatch(/^3\./);
    expect(Object.keys(spec.json().paths)).toContain('/api/auth/login');
    const docs = await t.anonymous.get('/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('answers an unknown endpoint with a Chinese problem+json 404', async () => {
    const res = await t.anonymous.get('/api/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json().detail).toContain('接口不存在');
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('never sends a stack trace for a malformed body', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"login": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toMatch(/at .*\.(ts|js):\d+/);
    expect(res.json().detail).toBe('请求格式不正确');
  });
});
