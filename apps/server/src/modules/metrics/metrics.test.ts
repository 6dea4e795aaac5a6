import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../test/harness.ts';

/** /api/metrics: Prometheus text for system administrators or a scraper with METRICS_TOKEN; nobody else. */
const TOKEN = 'metrics-token-for-tests-0123456789';
let t: TestContext;
let admin: Client;
let unitAdmin: Client;

beforeAll(async () => {
  t = await createTestContext({ env: { METRICS_TOKEN: TOKEN } });
  const city = await t.factories.org({ name: '指标市委', type: 'committee' });
  const unit = await t.factories.org({ name: '指标单位', type: 'unit', parent: city });
  await t.factories.user([{ role: 'platform_admin', org: city }], { username: 'mx_admin' });
  await t.factories.user([{ role: 'unit_admin', org: unit }], { username: 'mx_unit' });
  admin = await t.login('mx_admin');
  unitAdmin = await t.login('mx_unit');
  await t.db
    .insertInto('jobs')
    .values({
      type: 'media.transcode',
      payload: JSON.stringify({}),
      run_at: new Date(t.clock.now().getTime() - 90_000),
    })
    .execute();
});
afterAll(async () => t.close());

describe('GET /api/metrics', () => {
  it('refuses the anonymous (401), a unit admin (403) and a wrong token (401)', async () => {
    expect((await t.anonymous.get('/api/metrics')).statusCode).toBe(401);
    expect((await unitAdmin.get('/api/metrics')).statusCode).toBe(403);
    const wrong = await t.app.inject({
      method: 'GET',
      url: '/api/metrics',
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrong.statusCode).toBe(401);
  });

  it('gives a scraper with the token request latencies per route, the job queue, the pool and memory', async () => {
    expect((await admin.get('/api/auth/me')).statusCode).toBe(200);
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/metrics',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.body;
    expect(text).toMatch(
      /jiangtai_http_request_duration_seconds_count\{method="GET",route="\/api\/auth\/me",status="200"\} [1-9]/,
    );
    expect(text).toMatch(/jiangtai_jobs\{type="media.transcode",status="queued"\} 1/);
    expect(text).toMatch(/jiangtai_jobs_oldest_queued_seconds\{type="media.transcode"\} 9\d/);
    expect(text).toMatch(/jiangtai_db_pool_connections\{db="(pglite|postgres)",state="total"\}/);
    expect(text).toContain('jiangtai_process_resident_memory_bytes');
    expect(text).toContain('jiangtai_upload_bytes_total');
  });

  it('is open to a system administrator signed in', async () => {
    expect((await admin.get('/api/metrics')).statusCode).toBe(200);
  });
});
