import type { AppDeps } from '../../lib/deps.ts';
import * as repo from './repository.ts';
import type { UploadPurpose } from './purpose.ts';
import type { UploadStore } from './store.ts';

export const expiryMs = (deps: Pick<AppDeps, 'config'>) => deps.config.UPLOAD_EXPIRE_HOURS * 3600_000;

/**
 * Deletes unfinished uploads past their expiry (bytes and session), forgets finished sessions past
 * theirs, and removes tus files that have no session at all (a crash between the two writes) once
 * they are older than the expiry period, and lock rows of processes that died holding them; then each
 * purpose's own sweep (uploads finished but never used). Returns how many uploads lost their bytes.
 */
export async function sweepExpiredUploads(
  deps: AppDeps,
  store: UploadStore,
  purposes: readonly UploadPurpose[] = [],
): Promise<number> {
  let removed = 0;
  for (const session of await repo.expiredSessions(deps.db, deps.clock.now())) {
    if (session.status !== 'complete') {
      await store.discard(session.id);
      removed++;
    }
    await repo.deleteSession(deps.db, session.id);
  }
  // File times are wall-clock times, so orphans are judged by the wall clock.
  const stale = await store.stale(new Date(Date.now() - expiryMs(deps)));
  const known = await repo.existingIds(deps.db, stale);
  for (const id of stale.filter((s) => !known.has(s))) {
    await store.discard(id);
    removed++;
  }
  await repo.deleteAbandonedLocks(deps.db);
  for (const purpose of purposes) if (purpose.sweep) removed += await purpose.sweep();
  return removed;
}
