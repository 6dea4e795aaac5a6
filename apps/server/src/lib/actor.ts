import type { RoleName } from '../db/types.ts';

export interface Grant {
  id: string;
  role: RoleName;
  orgId: string;
  orgPath: string;
  orgName: string;
}

/** The signed-in person a request acts for. Policies decide from this and a resource's org path. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  memberId: string | null;
  grants: Grant[];
  mustChangePassword: boolean;
  isDemo: boolean;
  sessionId: string;
  csrfToken: string;
}

/** True when one of `roles` is granted on `orgPath` or an ancestor of it. */
export function holdsRoleOver(
  actor: Pick<Actor, 'grants'>,
  roles: readonly RoleName[],
  orgPath: string,
): boolean {
  return actor.grants.some((g) => roles.includes(g.role) && orgPath.startsWith(g.orgPath));
}

export function holdsRole(actor: Actor, roles: readonly RoleName[]): boolean {
  return actor.grants.some((g) => roles.includes(g.role));
}

/**
 * The org subtrees in which `roles` apply, as path prefixes with nested ones removed.
 * Lists filter with these, so a list is never wider than the detail policy.
 */
export function scopePrefixes(actor: Actor, roles: readonly RoleName[]): string[] {
  const paths = [...new Set(actor.grants.filter((g) => roles.includes(g.role)).map((g) => g.orgPath))].sort(
    (a, b) => a.length - b.length,
  );
  const kept: string[] = [];
  for (const p of paths) if (!kept.some((k) => p.startsWith(k))) kept.push(p);
  return kept;
}

/**
 * A platform admin granted on a root of the tree administers the whole system, including rows that
 * belong to no org (logins, system settings). One granted lower down is scoped like any other role.
 */
export function isSystemAdmin(actor: Pick<Actor, 'grants'>): boolean {
  return actor.grants.some((g) => g.role === 'platform_admin' && /^\d+\.$/.test(g.orgPath));
}
