import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Actor } from '../../lib/actor.ts';
import { forbidden, notVisible } from '../../lib/errors.ts';
import {
  isLectureSpeaker,
  mayManageLecture,
  mayReadTakenDown,
  mayViewLecture,
  viewerPlaces,
  type ViewerPlaces,
} from './policy.ts';
import { findLecture, lecturesOfVideo, type Db, type LectureRow } from './repository.ts';

export interface LoadedLecture {
  row: LectureRow;
  places: ViewerPlaces;
  canManage: boolean;
  isSpeaker: boolean;
  /** Sees the whole lecture (video, files); false = only told it was taken down. */
  full: boolean;
}

/**
 * A lecture as this viewer may have it. Whoever may not see it gets the same 404 whether it exists or
 * not; someone who saw it while it was published reads that it was taken down and why.
 */
export async function loadLecture(
  db: Db,
  actor: Actor | null,
  id: string,
  opts: { forUpdate?: boolean; allowTakenDown?: boolean } = {},
): Promise<LoadedLecture> {
  const row = await findLecture(db, id, { forUpdate: opts.forUpdate });
  if (!row) throw notVisible('微课', '查看');
  const places = await viewerPlaces(db, actor);
  const full = mayViewLecture(actor, places, row);
  if (!full && !(opts.allowTakenDown && mayReadTakenDown(actor, places, row)))
    throw notVisible('微课', '查看');
  return {
    row,
    places,
    full,
    canManage: mayManageLecture(actor, row),
    isSpeaker: isLectureSpeaker(places, row),
  };
}

/** The lecture's managers only: others who see it get a 403 that says who may. */
export async function loadManaged(db: Db, actor: Actor, id: string) {
  const l = await loadLecture(db, actor, id, { forUpdate: true, allowTakenDown: true });
  if (!l.canManage) throw forbidden('只有发布单位的组织者或管理员可以进行此操作');
  return l;
}

/**
 * For the media routes: may this person play this stored video as a classroom lecture? Only the
 * lecture's own rule answers; an entry's rules are not widened by it (the two are ORed in modules/index.ts).
 */
export const lectureVideoViewer =
  (db: Kysely<DB>) =>
  async (actor: Actor, fileId: string): Promise<boolean> => {
    if (!/^\d{1,18}$/.test(fileId)) return false;
    const lectures = await lecturesOfVideo(db, fileId);
    if (lectures.length === 0) return false;
    const places = await viewerPlaces(db, actor);
    return lectures.some((l) => mayViewLecture(actor, places, l));
  };
