import type { Job, JobStatus } from '../../db/types.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import { audit, type AuditWho } from '../audit/service.ts';
import { assertCanSeeJob } from './policy.ts';
import { findJob, requeueFailed } from './repository.ts';

export const JOB_STATUS_LABELS: Record<JobStatus, string> = {
  queued: '排队中',
  running: '处理中',
  succeeded: '已完成',
  failed: '失败',
};

/** What a job looks like to a client: status, progress and, when it failed, what to do. */
export function presentJob(job: Job) {
  let error: string | null = null;
  if (job.status === 'failed') {
    error = `${job.last_error ?? '处理失败'}（已尝试 ${job.attempts} 次，可点击“重试”重新处理）`;
  } else if (job.last_error && job.status === 'queued' && job.attempts > 0) {
    error = `上次处理失败：${job.last_error}。系统将自动重试（已尝试 ${job.attempts}/${job.max_attempts} 次）`;
  }
  return {
    id: job.id,
    type: job.type,
    status: job.status,
    statusLabel: JOB_STATUS_LABELS[job.status],
    progress: job.progress,
    attempts: job.attempts,
    maxAttempts: job.max_attempts,
    error,
    runAt: job.run_at.toISOString(),
    createdAt: job.created_at.toISOString(),
    finishedAt: job.finished_at?.toISOString() ?? null,
  };
}

export type JobView = ReturnType<typeof presentJob>;

export function jobService(deps: AppDeps) {
  const { db, clock } = deps;
  async function load(actor: Actor, id: string) {
    const job = await findJob(db, id);
    if (!job) throw notFound('任务');
    assertCanSeeJob(actor, job.org_path);
    return job;
  }
  return {
    async get(actor: Actor, id: string) {
      return presentJob(await load(actor, id));
    },

    /** failed → queued with fresh attempts, logged; anything else is a 409 that says why. */
    async retry(actor: Actor, id: string, who: AuditWho) {
      const before = await load(actor, id);
      return db.transaction().execute(async (tx) => {
        if (!(await requeueFailed(tx, id, clock.now()))) {
          const current = (await findJob(tx, id)) ?? before;
          throw conflict(
            `只有失败的任务可以重试，该任务当前状态为“${JOB_STATUS_LABELS[current.status]}”，无需重试`,
          );
        }
        const after = (await findJob(tx, id))!;
        await audit(tx, who, {
          action: 'job.retry',
          entityType: 'job',
          entityId: id,
          orgPath: after.org_path,
          before: { status: before.status, attempts: before.attempts, lastError: before.last_error },
          after: { status: after.status },
        });
        return presentJob(after);
      });
    },
  };
}
