import { describe, expect, it } from 'vitest';
import { holdsRoleOver, scopePrefixes, type Actor, type Grant } from './actor.ts';

const grant = (role: Grant['role'], orgPath: string): Grant => ({
  id: orgPath,
  role,
  orgId: '0',
  orgPath,
  orgName: '',
});
const actor = (grants: Grant[]): Actor => ({
  userId: '1',
  username: 'u',
  displayName: 'u',
  memberId: null,
  grants,
  mustChangePassword: false,
  isDemo: false,
  sessionId: 's',
  csrfToken: 'c',
});

describe('role scope', () => {
  it('applies a grant to its own org and every descendant, not to siblings', () => {
    const a = actor([grant('unit_admin', '1.5.')]);
    expect(holdsRoleOver(a, ['unit_admin'], '1.5.')).toBe(true);
    expect(holdsRoleOver(a, ['unit_admin'], '1.5.23.')).toBe(true);
    expect(holdsRoleOver(a, ['unit_admin'], '1.55.')).toBe(false);
    expect(holdsRoleOver(a, ['unit_admin'], '1.')).toBe(false);
    expect(holdsRoleOver(a, ['organiser'], '1.5.')).toBe(false);
  });
  it('merges nested grants into the widest prefixes', () => {
    const a = actor([
      grant('unit_admin', '1.5.23.'),
      grant('supervisor', '1.5.'),
      grant('unit_admin', '1.7.'),
    ]);
    expect(scopePrefixes(a, ['unit_admin', 'supervisor']).sort()).toEqual(['1.5.', '1.7.']);
    expect(scopePrefixes(a, ['judge'])).toEqual([]);
  });
});
