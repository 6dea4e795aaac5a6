import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childRecordsDir, processStartTime } from '../../lib/child-records.ts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { AppError } from '../../lib/errors.ts';
import { enqueueJob } from './queue.ts';
import { claimNextJob, findJob } from './repository.ts';
import { backoffDelay, createJobRunner, type JobHandler } from './runner.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t.close());

let typeSeq = 0;
/** A job type of its own per test, so runners of one test never see another test's jobs. */
const freshType = () => `test.${++typeSeq}`;
const enqueue = (type: string, extra: { maxAttempts?: number } = {}) =>
  enqueueJob(t.db, { type, payload: { n: typeSeq }, orgPath: '1.', now: t.clock.now(), ...extra });

describe('job runner', () => {
  it('claims a queued job, runs it and records the result', async () => {
    const type = freshType();
    const id = await enqueue(type);
    const seen: unknown[] = [];
    const runner = createJobRunner(t.deps, {
      [type]: async (job) => {
        seen.push(job);
        return { ok: true };
      },
    });
    expect(await runner.drain()).toBe(1);
    expect(seen).toEqual([{ id, payload: { n: typeSeq }, attempt: 1, maxAttempts: 5, orgPath: '1.' }]);
    const job = await findJob(t.db, id);
    expect(job).toMatchObject({ status: 'succeeded', attempts: 1, progress: 100, result: { ok: true } });
    expect(job?.finished_at).toEqual(t.clock.now());
    expect(await runner.drain()).toBe(0);
  });

  it('writes progress while the handler runs', async () => {
    const type = freshType();
    const id = await enqueue(type);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let reported!: () => void;
    const progressed = new Promise<void>((r) => (reported = r));
    const runner = createJobRunner(t.deps, {
      [type]: async (_job, ctx) => {
        await ctx.progress(12.7);
        await ctx.progress(42);
        reported();
        await gate;
      },
    });
    const drained = runner.drain();
    await progressed;
    expect(await findJob(t.db, id)).toMatchObject({ status: 'running', progress: 42 });
    release();
    await drained;
    expect(await findJob(t.db, id)).toMatchObject({ status: 'succeeded', progress: 100 });
  });

  it('never gives one job to two runners', async () => {
    const type = freshType();
    const ids = new Set<string>();
    for (let i = 0; i < 24; i++) ids.add(await enqueue(type));
    const runs: string[] = [];
    const handler: JobHandler = async (job) => {
      runs.push(job.id);
      await new Promise((r) => setImmediate(r));
    };
    const a = createJobRunner(t.deps, { [type]: handler }, { concurrency: 3, workerId: 'a' });
    const b = createJobRunner(t.deps, { [type]: handler }, { concurrency: 3, workerId: 'b' });
    const [na, nb] = await Promise.all([a.drain(), b.drain()]);
    expect(na + nb).toBe(24);
    expect(runs.sort()).toEqual([...ids].sort());
    for (const id of ids) expect(await findJob(t.db, id)).toMatchObject({ status: 'succeeded', attempts: 1 });
  });

  it('retries a failed attempt after an exponential backoff', async () => {
    const type = freshType();
    const id = await enqueue(type);
    let calls = 0;
    const runner = createJobRunner(t.deps, {
      [type]: async () => {
        calls++;
        if (calls < 3) throw new AppError('UNSUPPORTED_FILE', `第 ${calls} 次失败`);
        return 'done';
      },
    });
    const start = t.clock.now().getTime();
    await runner.drain();
    let job = await findJob(t.db, id);
    expect(job).toMatchObject({ status: 'queued', attempts: 1, last_error: '第 1 次失败' });
    expect(job!.run_at.getTime() - start).toBe(10_000);

    t.clock.advance(9_999);
    expect(await runner.drain()).toBe(0); // not due yet
    t.clock.advance(1);
    await runner.drain();
    job = await findJob(t.db, id);
    expect(job).toMatchObject({ status: 'queued', attempts: 2, last_error: '第 2 次失败' });
    expect(job!.run_at.getTime() - t.clock.now().getTime()).toBe(20_000);

    t.clock.advance(20_000);
    await runner.drain();
    expect(await findJob(t.db, id)).toMatchObject({ status: 'succeeded', attempts: 3, result: 'done' });
    expect(backoffDelay(1)).toBe(10_000);
    expect(backoffDelay(4)).toBe(80_000);
    expect(backoffDelay(30)).toBe(3_600_000);
  });

  it('marks a job failed after its last attempt, with a Chinese message', async () => {
    const type = freshType();
    const id = await enqueue(type, { maxAttempts: 2 });
    const runner = createJobRunner(t.deps, {
      [type]: async () => {
        throw new Error('disk on fire');
      },
    });
    await runner.drain();
    t.clock.advance(10_000);
    await runner.drain();
    const job = await findJob(t.db, id);
    expect(job).toMatchObject({ status: 'failed', attempts: 2, last_error: '处理出错：disk on fire' });
    expect(job?.finished_at).toEqual(t.clock.now());
    t.clock.advance(3_600_000);
    expect(await runner.drain()).toBe(0);
  });

  it('takes over a job whose runner stopped renewing its lease', async () => {
    const type = freshType();
    const id = await enqueue(type);
    // A runner that claimed the job and died: nobody renews the lease.
    const now = t.clock.now();
    await claimNextJob(t.db, {
      worker: 'dead',
      now,
      leaseUntil: new Date(now.getTime() + 60_000),
      types: [type],
    });
    const runner = createJobRunner(t.deps, { [type]: async () => 'recovered' }, { leaseMs: 60_000 });
    expect(await runner.drain()).toBe(0); // the lease still holds
    t.clock.advance(60_001);
    expect(await runner.drain()).toBe(1);
    expect(await findJob(t.db, id)).toMatchObject({ status: 'succeeded', attempts: 2, result: 'recovered' });
  });

  it('fails a job whose runners kept dying once its attempts are used up', async () => {
    const type = freshType();
    const id = await enqueue(type, { maxAttempts: 1 });
    const now = t.clock.now();
    await claimNextJob(t.db, {
      worker: 'dead',
      now,
      leaseUntil: new Date(now.getTime() + 1000),
      types: [type],
    });
    t.clock.advance(1001);
    let ran = false;
    const runner = createJobRunner(t.deps, {
      [type]: async () => {
        ran = true;
      },
    });
    await runner.drain();
    expect(ran).toBe(false);
    const job = await findJob(t.db, id);
    expect(job?.status).toBe('failed');
    expect(job?.last_error).toContain('进程多次意外中断');
  });

  it('stop({abort}) aborts running handlers and hands their jobs back to the queue', async () => {
    const type = freshType();
    const id = await enqueue(type);
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const runner = createJobRunner(
      t.deps,
      {
        [type]: (_job, ctx) =>
          new Promise((_resolve, reject) => {
            started();
            ctx.signal.addEventListener('abort', () => reject(new Error('aborted')));
          }),
      },
      { pollMs: 10 },
    );
    runner.start();
    await running;
    await runner.stop({ abort: true });
    expect(await findJob(t.db, id)).toMatchObject({ status: 'queued', attempts: 0, locked_by: null });
  });

  it('stop() waits for a running handler to finish', async () => {
    const type = freshType();
    const id = await enqueue(type);
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const runner = createJobRunner(
      t.deps,
      {
        [type]: async () => {
          started();
          await gate;
          return 'finished';
        },
      },
      { pollMs: 10 },
    );
    runner.start();
    await running;
    const stopped = runner.stop();
    release();
    await stopped;
    expect(await findJob(t.db, id)).toMatchObject({ status: 'succeeded', result: 'finished' });
  });
});

describe.runIf(process.platform === 'linux')('job runner start on a host where a runner was killed', () => {
  it('stops the child process group the dead runner left running (recorded in DATA_DIR/run)', async () => {
    // What a runner killed without the death signal (no setpriv) leaves: a detached encoder group
    // and its record, whose owner process no longer exists.
    const orphan = spawn('sh', ['-c', 'sleep 300 & sleep 300; wait'], { detached: true, stdio: 'ignore' });
    try {
      while (processStartTime(orphan.pid!) === null) await new Promise((r) => setTimeout(r, 20));
      const dir = childRecordsDir(t.deps.config.dataDir);
      fs.mkdirSync(dir, { recursive: true });
      const host = os.hostname();
      const record = {
        host,
        owner: spawnSync('true').pid,
        ownerStart: '1',
        pid: orphan.pid,
        start: processStartTime(orphan.pid!),
        command: 'ffmpeg',
      };
      fs.writeFileSync(path.join(dir, `${host}.${orphan.pid}.json`), JSON.stringify(record));
      const exited = new Promise((r) => orphan.once('exit', r));

      const runner = createJobRunner(t.deps, {}, { pollMs: 10_000 });
      runner.start();
      await runner.stop();
      expect(
        await Promise.race([
          exited.then(() => 'stopped'),
          new Promise((r) => setTimeout(r, 5000, 'running')),
        ]),
      ).toBe('stopped');
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      try {
        process.kill(-orphan.pid!, 'SIGKILL');
      } catch {
        // stopped by the runner
      }
    }
  });
});
