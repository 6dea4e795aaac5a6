import os from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Job } from '../../db/types.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import { childRecordsDir, reapOrphans, useChildRecords } from '../../lib/child-records.ts';
import { persistently } from './persist.ts';
import {
  claimNextJob,
  markAttemptFailed,
  markSucceeded,
  releaseJob,
  renewLease,
  setProgress,
} from './repository.ts';

export interface JobContext {
  /** 0–100; written to the job row (only when the whole percent changes). */
  progress(pct: number): Promise<void>;
  /** Aborted when the runner stops with `abort`, or when this runner lost the job's lease. */
  signal: AbortSignal;
}

export type JobHandler = (
  job: { id: string; payload: unknown; attempt: number; maxAttempts: number; orgPath: string | null },
  ctx: JobContext,
) => Promise<unknown>;

export interface JobLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface JobRunnerOptions {
  /** Jobs run at the same time by this runner (default 1). */
  concurrency?: number;
  /** How long to wait before looking again when the queue is empty (default 1000 ms). */
  pollMs?: number;
  /** A claimed job is this runner's for this long, renewed every third of it (default 60 s). */
  leaseMs?: number;
  /** Delay before retry n (1-based) is min(baseMs·2^(n−1), maxMs): defaults 10 s and 1 h. */
  backoff?: { baseMs: number; maxMs: number };
  /** Names this runner in jobs.locked_by (default host:pid:random). */
  workerId?: string;
  log?: JobLogger;
}

export interface JobRunner {
  readonly workerId: string;
  start(): void;
  /**
   * Stops claiming and waits for running handlers. With `abort`, their signals are aborted first
   * and jobs they give up are handed back to the queue without counting an attempt.
   */
  stop(opts?: { abort?: boolean }): Promise<void>;
  /** Looks for work now instead of at the next poll (e.g. right after enqueueing). */
  wake(): void;
  /** Resolves when no handler is running. */
  idle(): Promise<void>;
  /**
   * Without the timer: runs every job that is due now (up to `concurrency` at once) until none is
   * left, and resolves with how many were run. For tests and one-shot scripts.
   */
  drain(): Promise<number>;
}

const silent: JobLogger = { info: () => {}, error: () => {} };

export function backoffDelay(attempt: number, backoff = { baseMs: 10_000, maxMs: 3_600_000 }): number {
  return Math.min(backoff.baseMs * 2 ** Math.max(0, attempt - 1), backoff.maxMs);
}

/** The Chinese message stored on the job; AppError messages are already written for users. */
function describeError(err: unknown): string {
  if (err instanceof AppError) return err.message;
  const message = err instanceof Error ? err.message : String(err);
  return `处理出错：${message.slice(0, 500)}`;
}

export function createJobRunner(
  deps: AppDeps,
  handlers: Record<string, JobHandler>,
  opts: JobRunnerOptions = {},
): JobRunner {
  const { db, clock } = deps;
  const concurrency = opts.concurrency ?? 1;
  const pollMs = opts.pollMs ?? 1000;
  const leaseMs = opts.leaseMs ?? 60_000;
  const log = opts.log ?? silent;
  const workerId = opts.workerId ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const types = Object.keys(handlers);
  const running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  let started = false;
  let stopping = false;
  let shuttingDown = false; // stop({abort}) — jobs given up are handed back, not failed
  let timer: NodeJS.Timeout | undefined;
  let looping = false;
  let idleWaiters: (() => void)[] = [];
  let claimFailures = 0; // in a row: the next look waits longer (the database may be restarting)
  const runDir = childRecordsDir(deps.config.dataDir);

  /** Stops encoders a killed process on this host left running (see lib/child-records.ts). */
  function reap() {
    for (const child of reapOrphans(runDir))
      log.info({ pid: child.pid, command: child.command }, 'stopped a child process left by a dead runner');
  }
  /** Writes that end an attempt: retried through a dropped connection rather than lost. */
  const persist = <T>(what: string, jobId: string, write: () => Promise<T>) =>
    persistently(write, (err, attempt) => log.error({ err, jobId, attempt }, `${what} failed, retrying`));

  const leaseFrom = () => new Date(clock.now().getTime() + leaseMs);

  function schedule(ms: number) {
    if (stopping) return;
    clearTimeout(timer);
    timer = setTimeout(() => void loop(), ms);
  }

  /** Claims jobs while there are free slots; sleeps pollMs when the queue is empty. */
  let current: Promise<void> = Promise.resolve();
  function loop(): Promise<void> {
    if (looping || stopping) return current;
    looping = true;
    current = fill()
      .then(() => {
        claimFailures = 0;
      })
      .catch((err: unknown) => {
        claimFailures++;
        log.error({ err, failures: claimFailures }, 'job claim failed');
      })
      .finally(() => {
        looping = false;
        // Free slots and an empty queue: look again after pollMs. Full: a finishing job calls loop().
        // After failed claims, back off up to 30 s so a database restart is not hammered.
        if (started) schedule(claimFailures ? Math.min(pollMs * 2 ** claimFailures, 30_000) : pollMs);
      });
    return current;
  }

  /** Claims due jobs into free slots; true when it found none. */
  async function fill(): Promise<boolean> {
    while (!stopping && running.size < concurrency) {
      const job = await claimNextJob(db, {
        worker: workerId,
        now: clock.now(),
        leaseUntil: leaseFrom(),
        types,
      });
      if (!job) return true;
      if (stopping) {
        await releaseJob(db, job.id, workerId, clock.now());
        return false;
      }
      // Taken again: its earlier runner may have died on this host leaving its ffmpeg behind.
      if (job.attempts > 1) reap();
      run(job);
    }
    return false;
  }

  let claimed = 0;
  function run(job: Job) {
    claimed++;
    const controller = new AbortController();
    const done = execute(job, controller)
      // Even the retried writes failed: the lease runs out and the job is run again later.
      .catch((err: unknown) => log.error({ err, jobId: job.id }, 'job outcome could not be recorded'))
      .finally(() => {
        running.delete(job.id);
        if (running.size === 0) {
          const waiters = idleWaiters;
          idleWaiters = [];
          for (const w of waiters) w();
        }
        if (!stopping && started) void loop();
      });
    running.set(job.id, { controller, done });
  }

  async function execute(job: Job, controller: AbortController) {
    const handler = handlers[job.type]!;
    let lostLease = false;
    const heartbeat = setInterval(
      () => {
        renewLease(db, job.id, workerId, leaseFrom(), clock.now())
          .then((ours) => {
            if (!ours) {
              lostLease = true;
              controller.abort(new Error('lease lost'));
            }
          })
          .catch((err: unknown) => log.error({ err, jobId: job.id }, 'lease renewal failed'));
      },
      Math.max(50, Math.floor(leaseMs / 3)),
    );
    heartbeat.unref();

    // A job whose earlier runners died while holding it has used up its attempts already.
    if (job.attempts > job.max_attempts) {
      clearInterval(heartbeat);
      await persist('marking the job failed', job.id, () =>
        markAttemptFailed(
          db,
          job.id,
          workerId,
          job.last_error ?? '处理过程中进程多次意外中断，已停止重试。请检查文件后点击“重试”。',
          null,
          clock.now(),
        ),
      );
      return;
    }

    let lastPct = -1;
    const ctx: JobContext = {
      signal: controller.signal,
      progress: async (pct) => {
        const p = Math.max(0, Math.min(100, Math.floor(pct)));
        if (p === lastPct) return;
        lastPct = p;
        await setProgress(db, job.id, workerId, p, clock.now());
      },
    };
    log.info({ jobId: job.id, type: job.type, attempt: job.attempts }, 'job started');
    try {
      const result = await handler(
        {
          id: job.id,
          payload: job.payload,
          attempt: job.attempts,
          maxAttempts: job.max_attempts,
          orgPath: job.org_path,
        },
        ctx,
      );
      clearInterval(heartbeat);
      if (lostLease) return;
      await persist('recording the result', job.id, () =>
        markSucceeded(db, job.id, workerId, result, clock.now()),
      );
      log.info({ jobId: job.id, type: job.type }, 'job succeeded');
    } catch (err) {
      clearInterval(heartbeat);
      if (lostLease) return; // another runner has it now
      if (shuttingDown && controller.signal.aborted) {
        await persist('handing the job back', job.id, () => releaseJob(db, job.id, workerId, clock.now()));
        return;
      }
      const retry = job.attempts < job.max_attempts;
      const retryAt = retry
        ? new Date(clock.now().getTime() + backoffDelay(job.attempts, opts.backoff))
        : null;
      log.error({ err, jobId: job.id, type: job.type, attempt: job.attempts, retryAt }, 'job failed');
      await persist('recording the failure', job.id, () =>
        markAttemptFailed(db, job.id, workerId, describeError(err), retryAt, clock.now()),
      );
    }
  }

  return {
    workerId,
    start() {
      if (started) return;
      started = true;
      useChildRecords(runDir);
      reap();
      void loop();
    },
    wake() {
      if (started && !stopping) void loop();
    },
    async stop(stopOpts = {}) {
      stopping = true;
      clearTimeout(timer);
      await current;
      if (stopOpts.abort) {
        shuttingDown = true;
        for (const r of running.values()) r.controller.abort(new Error('runner stopped'));
      }
      await Promise.allSettled([...running.values()].map((r) => r.done));
    },
    async drain() {
      const first = claimed;
      for (;;) {
        const empty = await fill();
        if (running.size === 0 && (empty || stopping)) return claimed - first;
        await Promise.race([...running.values()].map((r) => r.done));
      }
    },
    idle() {
      if (running.size === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
}
