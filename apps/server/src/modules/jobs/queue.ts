import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';
import { insertJob } from './repository.ts';

export interface EnqueueInput {
  type: string;
  payload: unknown;
  /** The org the job belongs to: organisers and unit admins over it may see and retry it. */
  orgPath: string | null;
  maxAttempts?: number;
  /** Not before this time (default: now). */
  runAt?: Date;
  /** The time written to created_at (pass the injected clock's time); default now. */
  now?: Date;
}

/**
 * Adds a job to the queue. Pass a transaction to enqueue together with the change that needs it,
 * so a job exists exactly when that change was committed.
 */
export async function enqueueJob(db: Kysely<DB> | Transaction<DB>, job: EnqueueInput): Promise<string> {
  const now = job.now ?? new Date();
  return insertJob(db, {
    type: job.type,
    payload: job.payload,
    orgPath: job.orgPath,
    maxAttempts: job.maxAttempts,
    runAt: job.runAt ?? now,
    now,
  });
}
