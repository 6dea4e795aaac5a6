import type { AppDeps } from '../../lib/deps.ts';
import { deleteStoredBytes, deleteUnreferencedFileRows } from '../uploads/stored-files.ts';
import * as files from './files-repository.ts';

/** A photo, video or manuscript uploaded while the form was open but never saved with a record. */
export const ABANDONED_AFTER_MS = 24 * 3600_000;
/** Rows handled per sweep; the next sweep takes the rest. */
const BATCH = 500;

/**
 * Removes lecture files never attached to a record within ABANDONED_AFTER_MS of their upload: the
 * lecture_record_files row, then its stored files (the file and the photo's thumbnail) with their
 * bytes, through the uploads module, which owns stored files. A stored file something else still
 * points at is kept. A form reopened later from its draft is told the file is gone and to upload it
 * again (rules.fileProblems). Returns how many files were removed.
 */
export async function sweepAbandonedLectureFiles(deps: Pick<AppDeps, 'db' | 'clock' | 'config'>) {
  const before = new Date(deps.clock.now().getTime() - ABANDONED_AFTER_MS);
  let removed = 0;
  for (const id of await files.abandonedFileIds(deps.db, before, BATCH)) {
    const gone = await deps.db.transaction().execute(async (tx) => {
      const row = await files.deleteAbandonedFile(tx, id, before);
      if (!row) return null;
      const ids = [row.file_id, ...(row.thumb_file_id ? [row.thumb_file_id] : [])];
      return deleteUnreferencedFileRows(tx, ids);
    });
    if (!gone) continue;
    // After the commit: bytes whose row is gone are no one's (a failure here leaves bytes, never a row without them).
    for (const f of gone) await deleteStoredBytes(deps, f);
    removed++;
  }
  return removed;
}
