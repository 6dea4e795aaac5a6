import type { RoleName } from '../../db/types.ts';
import { holdsRoleOver, scopePrefixes, type Actor } from '../../lib/actor.ts';
import type { LedBranch } from '../org/branch-leaders.ts';

/** A pool's managers: granted one of these on the pool's org or above. They keep the menu and dispatch. */
export const POOL_MANAGERS: readonly RoleName[] = ['organiser', 'unit_admin', 'platform_admin'];
/** Admins who order on a branch's behalf (over the branch). */
const BRANCH_ADMINS: readonly RoleName[] = ['unit_admin', 'platform_admin'];

export const managesPool = (actor: Actor, poolPath: string) => holdsRoleOver(actor, POOL_MANAGERS, poolPath);

/**
 * The menu is read by everyone signed in whose org lies in the pool's subtree (a county's pool serves the
 * county's branches, the city's serves all) and by the pool's managers. `ownPaths`: the actor's grant orgs
 * and their member's org.
 */
export function seesMenu(actor: Actor, ownPaths: readonly string[], poolPath: string) {
  return managesPool(actor, poolPath) || ownPaths.some((p) => p.startsWith(poolPath));
}

/** A branch orders: its secretary, or an admin over it; the branch must lie in the pool's subtree. */
export function mayOrderFor(actor: Actor, led: LedBranch[], branch: { id: string; path: string }) {
  return led.some((b) => b.orgId === branch.id) || holdsRoleOver(actor, BRANCH_ADMINS, branch.path);
}

export interface OrderFacts {
  orgId: string;
  orgPath: string;
  poolPath: string;
  speakerMemberId: string | null;
}

/**
 * Who sees an order and in which capacity: the ordering org (its secretary, admins over it), the pool's
 * managers, and the member speaker it is dispatched to now.
 */
export function orderAccess(actor: Actor, led: LedBranch[], o: OrderFacts) {
  const orderer = led.some((b) => b.orgId === o.orgId) || holdsRoleOver(actor, BRANCH_ADMINS, o.orgPath);
  const manager = managesPool(actor, o.poolPath);
  const speaker = !!actor.memberId && actor.memberId === o.speakerMemberId;
  return { view: orderer || manager || speaker, orderer, manager, speaker };
}

/** The SQL scopes of the three lists — the same people as orderAccess's capacities. */
export function listScope(actor: Actor, led: LedBranch[]) {
  return {
    ledOrgIds: led.map((b) => b.orgId),
    branchAdminPrefixes: scopePrefixes(actor, BRANCH_ADMINS),
    managerPrefixes: scopePrefixes(actor, POOL_MANAGERS),
    memberId: actor.memberId,
  };
}
export type OrderListScope = ReturnType<typeof listScope>;
