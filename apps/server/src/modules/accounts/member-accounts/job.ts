import { z } from 'zod';
import type { AppDeps } from '../../../lib/deps.ts';
import { AppError } from '../../../lib/errors.ts';
import type { JobHandler } from '../../jobs/runner.ts';
import { insertAudit } from '../../audit/repository.ts';
import { memberBatch } from '../../org/member-batches.ts';
import { findUserById } from '../repository.ts';
import * as repo from './repository.ts';

const payloadSchema = z.object({ runId: z.string().regex(/^\d+$/) });

/** Members per transaction: a few milliseconds of writes, so nobody waits behind a city-wide run. */
export const BATCH_SIZE = 500;

type Member = Awaited<ReturnType<typeof memberBatch>>[number];

/** The job's decision for one member, in a fixed order of reasons. */
export function sortBatch(members: Member[], existing: { memberIds: Set<string>; logins: Set<string> }) {
  const counts: repo.SkipCounts = { inactive: 0, hasAccount: 0, noPhone: 0, phoneTaken: 0 };
  const create: Member[] = [];
  for (const m of members) {
    if (!m.active) counts.inactive++;
    else if (existing.memberIds.has(m.id)) counts.hasAccount++;
    else if (!m.phone) counts.noPhone++;
    else if (existing.logins.has(m.phone)) counts.phoneTaken++;
    else create.push(m);
  }
  return { counts, create };
}

/**
 * 'accounts.bulk_create' {runId}: walks the run's members in id order, BATCH_SIZE at a time, each
 * batch in its own short transaction that creates the accounts, moves the run's counters and cursor
 * and writes one audit row. A retried job resumes after the last committed batch; members that got
 * an account meanwhile are counted as having one, so nothing is made twice.
 */
export function memberAccountsJobHandler(
  deps: AppDeps,
  opts: {
    batchSize?: number;
    /** Told each batch transaction's duration (bench). */ onBatch?: (ms: number) => void;
  } = {},
): JobHandler {
  const batchSize = opts.batchSize ?? BATCH_SIZE;
  return async (job, ctx) => {
    const parsed = payloadSchema.safeParse(job.payload);
    if (!parsed.success) throw new AppError('BAD_REQUEST', '开通任务缺少编号，无法处理');
    const { db, clock } = deps;
    let run = await repo.findRun(db, parsed.data.runId);
    if (!run) throw new AppError('NOT_FOUND', '开通任务不存在或已被删除');
    const requester = run.requested_by ? await findUserById(db, run.requested_by) : undefined;
    const sel = { prefix: run.org_path, memberIds: run.member_ids };
    let batchNo = 0;
    for (;;) {
      if (ctx.signal.aborted)
        throw new AppError('SERVICE_UNAVAILABLE', '任务已中止，将从上次处理到的位置继续');
      const members = await memberBatch(db, sel, run.last_member_id, batchSize);
      if (members.length === 0) break;
      batchNo++;
      const now = clock.now();
      const started = performance.now();
      await db.transaction().execute(async (tx) => {
        const existing = await repo.existingFor(
          tx,
          members.map((m) => m.id),
          members.flatMap((m) => (m.phone ? [m.phone] : [])),
        );
        const { counts, create } = sortBatch(members, existing);
        const made = await repo.insertMemberAccounts(
          tx,
          create.map((m) => ({
            memberId: m.id,
            name: m.name,
            phone: m.phone!,
            orgId: m.org_id,
            orgPath: m.org_path,
          })),
          now,
        );
        // Rows another writer took between our read and the insert: their phone is now in use.
        counts.phoneTaken += create.length - made.length;
        await repo.advanceRun(
          tx,
          run!.id,
          { ...counts, processed: members.length, created: made.length, lastMemberId: members.at(-1)!.id },
          now,
        );
        await insertAudit(tx, {
          actorUserId: requester?.id ?? null,
          actorName: requester?.display_name ?? null,
          ip: null,
          action: 'member_accounts.batch_created',
          entityType: 'org',
          entityId: run!.org_id,
          orgPath: run!.org_path,
          after: { runId: run!.id, batch: batchNo, created: made.length, skipped: counts },
        });
      });
      opts.onBatch?.(performance.now() - started);
      run = (await repo.findRun(db, run.id))!;
      // Embedded PGlite answers on this thread without I/O: a run of awaits on it never lets the event
      // loop reach sockets or timers. Between batches, requests waiting meanwhile get their turn.
      await new Promise((resolve) => setImmediate(resolve));
      if (run.total > 0) await ctx.progress(Math.min(99, Math.floor((run.processed / run.total) * 100)));
    }
    await repo.finishRun(db, run.id, clock.now());
    return { created: run.created, processed: run.processed };
  };
}
