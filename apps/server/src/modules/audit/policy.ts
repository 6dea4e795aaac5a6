import { isSystemAdmin, scopePrefixes, type Actor } from '../../lib/actor.ts';
import { forbidden } from '../../lib/errors.ts';

/**
 * System admins (platform admin on a root) read the whole log; other admins, supervisors and unit admins read rows of their subtree.
 * Returns the prefixes to filter by, or null for everything.
 */
export function auditScope(actor: Actor): string[] | null {
  if (isSystemAdmin(actor)) return null;
  const prefixes = scopePrefixes(actor, ['platform_admin', 'supervisor', 'unit_admin', 'organiser']);
  if (prefixes.length === 0) throw forbidden('只有管理员和监督员可以查看操作日志');
  return prefixes;
}
