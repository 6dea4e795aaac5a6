import type { RoleName } from '../../db/types.ts';
import { holdsRoleOver, type Actor } from '../../lib/actor.ts';
import { coverageScope, type CoverageCampaign } from '../coverage/policy.ts';

/** Those who chase the missing tables of the units below them. */
const REMINDERS: readonly RoleName[] = ['organiser', 'unit_admin', 'platform_admin'];

/**
 * The subtrees of a campaign in which the actor reads the annex tables: the same as 人人上讲台 coverage
 * (organiser, supervisor and platform admin over the organiser org read the whole participating scope;
 * unit and platform admins their own subtree once the campaign is published), since the table shows
 * those numbers. Branch secretaries do not fill in annex tables.
 */
export const annexScope = (actor: Actor, c: CoverageCampaign) => coverageScope(actor, c, []);

/**
 * A unit reports for itself: a unit admin only of the org itself (an admin of the unit above would
 * otherwise mark a child 已报送 in their own 报送情况), a platform admin on it or above.
 */
export const canSubmit = (actor: Actor, orgPath: string) =>
  holdsRoleOver(actor, ['platform_admin'], orgPath) ||
  actor.grants.some((g) => g.role === 'unit_admin' && g.orgPath === orgPath);
export const canRemind = (actor: Actor, orgPath: string) => holdsRoleOver(actor, REMINDERS, orgPath);
