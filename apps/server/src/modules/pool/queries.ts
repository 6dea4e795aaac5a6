import type { Actor } from '../../lib/actor.ts';
import { managesPool } from './policy.ts';
import * as repo from './repository.ts';
import type { Db } from './repository.ts';

/**
 * The pool's read API for other modules (the lecture menu and orders): plain reads, no policy of
 * their own except `poolManagedBy`, which is the pool's managers rule (the people who dispatch).
 */

/** The speakers now in the pool (status 'active'), by id. Full rows: mask phones before listing them. */
export const activeSpeakersOfPool = (db: Db, poolId: string) =>
  repo.listSpeakers(db, poolId, { status: 'active' });

/** One speaker row (any status) with pool_id, member_id, name, phone, status, audiences, specialties. */
export const findSpeaker = (db: Db, id: string) => repo.findSpeakerRow(db, id);

/** A pool with its org (id, name, path); undefined if none. */
export const findPool = (db: Db, id: string) => repo.findPool(db, id);

/** The pool of an org, if it has one. */
export const poolOfOrg = async (db: Db, orgId: string) => (await repo.poolsOfOrgs(db, [orgId]))[0];

/** True when the actor manages (and so dispatches from) the pool: organiser/unit/platform admin on its org or above. */
export const poolManagedBy = (actor: Pick<Actor, 'grants'>, pool: { org_path: string }) =>
  managesPool(actor, pool);
