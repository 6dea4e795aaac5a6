import { type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DB, RoleName } from '../../db/types.ts';
import { holdsRoleOver, type Actor } from '../../lib/actor.ts';
import type { Db } from './repository.ts';

/**
 * Who sees a classroom lecture (网上微课堂), in one place for the detail page, the lists, search,
 * study tasks and the video's files:
 * * a published **public** lecture: everyone, without signing in;
 * * a published **internal** lecture: members now in the publishing org's subtree, and those who hold
 *   a role (admin, organiser, unit admin, supervisor) on that subtree, on an org inside it, or above it;
 * * any state (proposed, awaiting consent, unpublished): those who manage the publishing org
 *   (`MANAGER_ROLES` granted on it or above), and the speaker, who must see what they consent to.
 * Judges get nothing from their role here: judging grants no classroom rights.
 */
export const MANAGER_ROLES: readonly RoleName[] = ['platform_admin', 'organiser', 'unit_admin'];
const READER_ROLES: readonly RoleName[] = ['platform_admin', 'organiser', 'unit_admin', 'supervisor'];

export interface LectureScope {
  state: string;
  visibility: 'internal' | 'public';
  org_path: string;
  speaker_member_id: string | null;
}

/** Where the viewer stands in the tree: their member's current branch path and their grants' paths. */
export interface ViewerPlaces {
  memberPath: string | null;
  memberId: string | null;
  grantPaths: string[];
}

/** Reads the viewer's member's current path (a member who moved sees the new subtree's lectures). */
export async function viewerPlaces(db: Db, actor: Actor | null): Promise<ViewerPlaces> {
  if (!actor) return { memberPath: null, memberId: null, grantPaths: [] };
  const member = actor.memberId
    ? await db
        .selectFrom('members')
        .select('org_path')
        .where('id', '=', actor.memberId)
        .where('active', '=', true)
        .executeTakeFirst()
    : undefined;
  return {
    memberPath: member?.org_path ?? null,
    memberId: member ? actor.memberId : null,
    grantPaths: actor.grants.filter((g) => READER_ROLES.includes(g.role)).map((g) => g.orgPath),
  };
}

export function mayManageLecture(actor: Actor | null, lecture: Pick<LectureScope, 'org_path'>): boolean {
  return !!actor && holdsRoleOver(actor, MANAGER_ROLES, lecture.org_path);
}

/** The rule above for one lecture. */
export function mayViewLecture(actor: Actor | null, places: ViewerPlaces, lecture: LectureScope): boolean {
  if (mayManageLecture(actor, lecture)) return true;
  if (places.memberId && lecture.speaker_member_id === places.memberId) return true;
  if (lecture.state !== 'published') return false;
  if (lecture.visibility === 'public') return true;
  const inside = (p: string) => p.startsWith(lecture.org_path) || lecture.org_path.startsWith(p);
  if (places.memberPath && places.memberPath.startsWith(lecture.org_path)) return true;
  return places.grantPaths.some(inside);
}

/**
 * Someone who saw a lecture while it was published: told that it was taken down and why, instead of it
 * vanishing from a study task or a shared link without a word (the video itself stays closed).
 */
export function mayReadTakenDown(actor: Actor | null, places: ViewerPlaces, lecture: LectureScope): boolean {
  return lecture.state === 'unpublished' && mayViewLecture(actor, places, { ...lecture, state: 'published' });
}

/** The speaker's own question: only the speaker's member account answers it. */
export function isLectureSpeaker(places: ViewerPlaces, lecture: Pick<LectureScope, 'speaker_member_id'>) {
  return !!places.memberId && lecture.speaker_member_id === places.memberId;
}

/** The ancestors-or-self of a path: "1.5.23." → ["1.", "1.5.", "1.5.23."]. */
export function pathAndAncestors(path: string): string[] {
  const parts = path.split('.').filter(Boolean);
  return parts.map((_, i) => `${parts.slice(0, i + 1).join('.')}.`);
}

/**
 * The same rule as a WHERE condition on `classroom_lectures` (aliased `l`) for the published lectures
 * a viewer may see in lists and search: a list is never wider than the detail page.
 */
export function publishedVisibleTo(places: ViewerPlaces) {
  return (eb: ExpressionBuilder<DB & { l: DB['classroom_lectures'] }, 'l'>): Expression<SqlBool> => {
    const ors: Expression<SqlBool>[] = [eb('l.visibility', '=', 'public')];
    const above = [
      ...(places.memberPath ? pathAndAncestors(places.memberPath) : []),
      ...places.grantPaths.flatMap(pathAndAncestors),
    ];
    if (above.length) ors.push(eb('l.org_path', 'in', [...new Set(above)]));
    for (const g of places.grantPaths) ors.push(eb('l.org_path', 'like', `${g}%`));
    return eb.and([eb('l.state', '=', 'published'), eb.or(ors)]);
  };
}
