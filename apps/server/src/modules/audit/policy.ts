import { holdsRole, scopePrefixes, type Actor } from '../../lib/actor.ts';
import { forbidden } from '../../lib/errors.ts';

/**
 * Platform admins read the whole log; supervisors and unit admins read rows of their subtree.
 * Returns the prefixes to filter by, or null for everything.
 */
export function auditScope(actor: Actor): string[] | null {
  if (holdsRole(actor, ['platform_admin'])) return null;
  const prefixes = scopePrefixes(actor, ['supervisor', 'unit_admin', 'organiser']);
  if (prefixes.length === 0) throw forbidden('只有管理员和监督员可以查看操作日志');
  return prefixes;
}
