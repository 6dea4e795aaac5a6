import type { RoleName } from '../../db/types.ts';
import { holdsRoleOver, scopePrefixes, type Actor } from '../../lib/actor.ts';
import { forbidden, notFound } from '../../lib/errors.ts';

/**
 * Who may do what with a speaker pool (师资库), decided from the pool's org path:
 * * managers — organiser, unit admin or platform admin granted on the pool's org or above it: create
 *   and edit the pool, add speakers, approve or decline nominations, retire, see full phones, export.
 *   A county's organiser holds nothing over another county's pool.
 * * supervisors over the pool's org read it (phones masked).
 * * a unit admin granted inside the pool's subtree (below its org) may nominate members of their own
 *   subtree, and reads the pool (phones masked) to do so.
 * * a speaker reads their own speaker page and may leave the pool.
 * The pool list asks the same functions through `listScope`, so it is never wider than the pages.
 */
export const POOL_MANAGERS: readonly RoleName[] = ['organiser', 'unit_admin', 'platform_admin'];
const READERS: readonly RoleName[] = [...POOL_MANAGERS, 'supervisor'];
const NOMINATORS: readonly RoleName[] = ['unit_admin'];

export interface PoolAccess {
  org_path: string;
}

export const managesPool = (actor: Pick<Actor, 'grants'>, p: PoolAccess) =>
  holdsRoleOver(actor, POOL_MANAGERS, p.org_path);

/** The unit-admin grants inside the pool's subtree: the subtrees whose members the actor may nominate. */
export const nominationPaths = (actor: Actor, p: PoolAccess) =>
  actor.grants
    .filter((g) => NOMINATORS.includes(g.role) && g.orgPath.startsWith(p.org_path))
    .map((g) => g.orgPath);

export const readsPool = (actor: Actor, p: PoolAccess) =>
  holdsRoleOver(actor, READERS, p.org_path) || nominationPaths(actor, p).length > 0;

export const maySeePhones = managesPool;

/** A pool one may not read answers like one that does not exist. */
export function assertReadsPool(actor: Actor, p: PoolAccess) {
  if (!readsPool(actor, p)) throw notFound('师资库');
}

export function assertManagesPool(actor: Actor, p: PoolAccess) {
  assertReadsPool(actor, p);
  if (!managesPool(actor, p)) throw forbidden('只有本级及上级的组织者或管理员可以管理此师资库');
}

/** For one who already reads the pool (or the speaker's page): 403 unless they manage it. */
export function assertMayChange(actor: Actor, p: PoolAccess) {
  if (!managesPool(actor, p)) throw forbidden('只有本级及上级的组织者或管理员可以管理此师资库');
}

/** Creating a pool for an org: the same people who will manage it. */
export function assertMayCreatePool(actor: Actor, orgPath: string) {
  if (!holdsRoleOver(actor, POOL_MANAGERS, orgPath))
    throw forbidden('只有该组织及上级的组织者或管理员可以建立师资库');
}

/**
 * Nominating: 403 for one who reads the pool but nominates for no unit below it; a member outside the
 * nominator's own subtree is answered like a missing one (404), naming nobody.
 */
export function assertMayNominate(actor: Actor, p: PoolAccess, memberOrgPath: string | null) {
  assertReadsPool(actor, p);
  const paths = nominationPaths(actor, p);
  if (paths.length === 0) throw forbidden('只有师资库所属组织下级单位的管理员可以推荐');
  if (!memberOrgPath || !paths.some((x) => memberOrgPath.startsWith(x)))
    throw notFound('党员（只能推荐本单位的党员）');
}

/** A speaker's page: whoever reads the pool, and the speaker themself. */
export const readsSpeaker = (actor: Actor, p: PoolAccess, memberId: string | null) =>
  readsPool(actor, p) || (!!memberId && actor.memberId === memberId);

export function assertReadsSpeaker(actor: Actor, p: PoolAccess, memberId: string | null) {
  if (!readsSpeaker(actor, p, memberId)) throw notFound('宣讲员');
}

/**
 * The pools the list shows: those whose org lies in a subtree where the actor reads (prefixes), and
 * those above a unit-admin grant (ancestor org ids, taken from the grant's path), where they nominate.
 */
export function listScope(actor: Actor): { prefixes: string[]; ancestorOrgIds: string[] } {
  const prefixes = scopePrefixes(actor, READERS);
  const ancestorOrgIds = new Set<string>();
  for (const g of actor.grants)
    if (NOMINATORS.includes(g.role))
      for (const id of g.orgPath.split('.').filter(Boolean)) ancestorOrgIds.add(id);
  return { prefixes, ancestorOrgIds: [...ancestorOrgIds] };
}

/** Overview of an org's children's pools: readers (not nominators) over the org. */
export const readsOverview = (actor: Actor, orgPath: string) => holdsRoleOver(actor, READERS, orgPath);
