import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { enqueueJob } from './queue.ts';

let t: TestContext;
let unitPath: string;
let otherPath: string;
beforeAll(async () => {
  t = await createTestContext();
  const f = t.factories;
  const city = await f.org({ name: '任务市委', type: 'committee' });
  const unit = await f.org({ name: '任务甲单位', type: 'unit', parent: city });
  const other = await f.org({ name: '任务乙单位', type: 'unit', parent: city });
  unitPath = unit.path;
  otherPath = other.path;
  await f.user([{ role: 'unit_admin', org: unit }], { username: 'job_admin' });
  await f.user([{ role: 'member', org: unit }], { username: 'job_member' });
});
afterAll(async () => t.close());

async function job(orgPath: string, failed = false) {
  const id = await enqueueJob(t.db, { type: 'media.transcode', payload: {}, orgPath, now: t.clock.now() });
  if (failed)
    await t.db
      .updateTable('jobs')
      .set({ status: 'failed', attempts: 5, progress: 30, last_error: '视频转码失败（ffmpeg 退出码 1）' })
      .where('id', '=', id)
      .execute();
  return id;
}

describe('GET /api/jobs/:id', () => {
  it('shows status, progress and attempts to an admin of the job’s unit', async () => {
    const id = await job(unitPath);
    const res = await (await t.login('job_admin')).get(`/api/jobs/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id,
      type: 'media.transcode',
      status: 'queued',
      statusLabel: '排队中',
      progress: 0,
      attempts: 0,
      maxAttempts: 5,
      error: null,
    });
  });

  it('explains a failure in Chinese', async () => {
    const id = await job(unitPath, true);
    const res = await (await t.login('job_admin')).get(`/api/jobs/${id}`);
    expect(res.json()).toMatchObject({ status: 'failed', statusLabel: '失败' });
    expect(res.json().error).toBe('视频转码失败（ffmpeg 退出码 1）（已尝试 5 次，可点击“重试”重新处理）');
  });

  it('401 signed out, 403 for another unit’s job or a member, 404 for an unknown id', async () => {
    const id = await job(unitPath);
    expect((await t.anonymous.get(`/api/jobs/${id}`)).statusCode).toBe(401);
    const admin = await t.login('job_admin');
    const res = await admin.get(`/api/jobs/${await job(otherPath)}`);
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toBe('该任务不在您的管理范围内');
    expect((await (await t.login('job_member')).get(`/api/jobs/${id}`)).statusCode).toBe(403);
    expect((await admin.get('/api/jobs/999999')).statusCode).toBe(404);
    expect((await admin.get('/api/jobs/abc')).statusCode).toBe(400);
  });
});

describe('POST /api/jobs/:id/retry', () => {
  it('puts a failed job back in the queue with fresh attempts and logs who did it', async () => {
    const id = await job(unitPath, true);
    const res = await (await t.login('job_admin')).post(`/api/jobs/${id}/retry`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'queued', attempts: 0, progress: 0, error: null });
    const log = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'job')
      .where('entity_id', '=', id)
      .execute();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ action: 'job.retry', org_path: unitPath, after: { status: 'queued' } });
  });

  it('409 for a job that has not failed, 403/404/401 as for reading', async () => {
    const admin = await t.login('job_admin');
    const queued = await job(unitPath);
    const res = await admin.post(`/api/jobs/${queued}/retry`);
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toBe('只有失败的任务可以重试，该任务当前状态为“排队中”，无需重试');
    expect((await admin.post(`/api/jobs/${await job(otherPath, true)}/retry`)).statusCode).toBe(403);
    expect((await admin.post('/api/jobs/999999/retry')).statusCode).toBe(404);
    expect((await t.anonymous.post(`/api/jobs/${queued}/retry`)).statusCode).toBe(401);
  });
});
