import type { RoleName } from '../../db/types.ts';
import { holdsRoleOver, isSystemAdmin, type Actor } from '../../lib/actor.ts';
import { forbidden } from '../../lib/errors.ts';

/** Who follows and restarts background work: the admins and organisers of the org it belongs to. */
const JOB_ROLES: readonly RoleName[] = ['platform_admin', 'organiser', 'unit_admin'];

/**
 * A job with an org path: those roles over it. A system job (no org): system administrators only,
 * as for every row that belongs to no org.
 */
export function canSeeJob(actor: Actor, orgPath: string | null): boolean {
  if (orgPath === null) return isSystemAdmin(actor);
  return holdsRoleOver(actor, JOB_ROLES, orgPath);
}

export function assertCanSeeJob(actor: Actor, orgPath: string | null) {
  if (!canSeeJob(actor, orgPath)) throw forbidden('该任务不在您的管理范围内');
}
