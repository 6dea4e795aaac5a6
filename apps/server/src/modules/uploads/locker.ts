import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { ERRORS, type Lock, type Locker, type RequestRelease } from '@tus/utils';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';

export interface UploadLockerOptions {
  /** How long a lock lives without renewal (a holder that died frees it after this). */
  leaseMs?: number;
  /** How often a holder renews its lease and looks for a release request. */
  renewMs?: number;
  /** How often a waiting request tries again. */
  pollMs?: number;
  /** How long a request waits for a lock before giving up (tus answers 500 "lock timeout"). */
  acquireTimeoutMs?: number;
}

/**
 * tus's locker on the database (table upload_locks), in place of its default in-memory one, which
 * only excludes requests reaching the same process: with several instances, a client that retries a
 * stalled PATCH on another instance would write the same upload twice at once. A lock is a lease
 * renewed while its request runs; a waiting request sets release_requested, and the holder, seeing
 * it at its next renewal, cancels its own request (what tus's in-memory locker does within one
 * process). Times are the database's, the one clock every instance shares.
 */
export function databaseLocker(db: Kysely<DB>, options: UploadLockerOptions = {}): Locker {
  const leaseMs = options.leaseMs ?? 15_000;
  const renewMs = options.renewMs ?? 1000;
  const pollMs = options.pollMs ?? 100;
  const acquireTimeoutMs = options.acquireTimeoutMs ?? 30_000;
  const processId = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  let seq = 0;
  const lease = sql<Date>`now() + ${`${leaseMs} milliseconds`}::interval`;

  const tryAcquire = async (id: string, holder: string) => {
    const row = await db
      .insertInto('upload_locks')
      .values({ upload_id: id, holder, lock_until: lease })
      .onConflict((oc) =>
        oc
          .column('upload_id')
          .doUpdateSet({ holder, lock_until: lease, release_requested: false })
          .where('upload_locks.lock_until', '<', sql<Date>`now()`),
      )
      .returning('holder')
      .executeTakeFirst();
    return row?.holder === holder;
  };

  const askRelease = (id: string, holder: string) =>
    db
      .updateTable('upload_locks')
      .set({ release_requested: true })
      .where('upload_id', '=', id)
      .where('holder', '<>', holder)
      .execute();

  /** Renews the lease; true when another request asked for the lock. */
  const renew = async (id: string, holder: string) => {
    const row = await db
      .updateTable('upload_locks')
      .set({ lock_until: lease })
      .where('upload_id', '=', id)
      .where('holder', '=', holder)
      .returning('release_requested')
      .executeTakeFirst();
    // Lost (expired and taken over): stop as if asked, the other request owns the upload now.
    return !row || row.release_requested;
  };

  return {
    newLock(id: string): Lock {
      const holder = `${processId}:${++seq}`;
      let timer: NodeJS.Timeout | undefined;
      return {
        async lock(stopSignal: AbortSignal, requestRelease: RequestRelease) {
          const deadline = Date.now() + acquireTimeoutMs;
          for (let attempt = 0; !(await tryAcquire(id, holder)); attempt++) {
            if (stopSignal.aborted || Date.now() > deadline) throw ERRORS.ERR_LOCK_TIMEOUT;
            // Asked again now and then: the holder may have changed meanwhile.
            if (attempt % 10 === 0) await askRelease(id, holder);
            await new Promise((resolve) => setTimeout(resolve, pollMs));
          }
          let released = false;
          timer = setInterval(() => {
            renew(id, holder)
              .then(async (release) => {
                if (release && !released) {
                  released = true;
                  await requestRelease();
                }
              })
              .catch(() => undefined); // a missed renewal is retried; the lease outlasts several
          }, renewMs);
          timer.unref();
        },
        async unlock() {
          clearInterval(timer);
          await db
            .deleteFrom('upload_locks')
            .where('upload_id', '=', id)
            .where('holder', '=', holder)
            .execute();
        },
      };
    },
  };
}
