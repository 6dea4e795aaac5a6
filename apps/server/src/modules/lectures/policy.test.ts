import { describe, expect, it } from 'vitest';
import type { RoleName } from '../../db/types.ts';
import type { Actor } from '../../lib/actor.ts';
import { accessTo, listScope, mayRecordFor } from './policy.ts';

const actor = (grants: [RoleName, string][], memberId: string | null = null): Actor => ({
  userId: '1',
  username: 'u',
  displayName: 'u',
  memberId,
  grants: grants.map(([role, orgPath], i) => ({ id: String(i), role, orgId: '1', orgPath, orgName: '' })),
  mustChangePassword: false,
  isDemo: false,
  sessionId: 's',
  csrfToken: 'c',
});
// City 1. ─ unit 1.2. ─ branch 1.2.3. ; sibling unit 1.4. ; the campaign is organised by the city.
const record = {
  orgId: '3',
  orgPath: '1.2.3.',
  campaignOrganiserPath: '1.',
  speakerMemberId: '50',
  deleted: false,
};
const led = [{ orgId: '3', orgPath: '1.2.3.', orgName: '第一支部' }];

describe('who may do what with a lecture record', () => {
  it('the branch secretary edits but does not decide; the unit admin above does both', () => {
    expect(accessTo(actor([['member', '1.2.3.']], '7'), led, record)).toMatchObject({
      view: true,
      edit: true,
      decide: false,
    });
    expect(accessTo(actor([['unit_admin', '1.2.']]), [], record)).toMatchObject({
      view: true,
      edit: true,
      decide: true,
    });
  });

  it('the organiser and supervisor of the campaign read only; a sibling unit admin sees nothing', () => {
    for (const role of ['organiser', 'supervisor'] as const)
      expect(accessTo(actor([[role, '1.']]), [], record)).toMatchObject({
        view: true,
        edit: false,
        decide: false,
      });
    expect(accessTo(actor([['unit_admin', '1.4.']]), [], record).view).toBe(false);
    expect(accessTo(actor([['organiser', '1.2.']]), [], record).view, 'organiser below the campaign').toBe(
      false,
    );
  });

  it("a supervisor below the campaign's organiser reads the records of their subtree only, read only", () => {
    expect(accessTo(actor([['supervisor', '1.2.']]), [], record)).toMatchObject({
      view: true,
      edit: false,
      decide: false,
    });
    expect(accessTo(actor([['supervisor', '1.4.']]), [], record).view, 'sibling county').toBe(false);
    expect(accessTo(actor([['supervisor', '1.2.']]), [], { ...record, deleted: true }).view).toBe(false);
  });

  it('the member who spoke reads their record; a plain member of the branch does not', () => {
    expect(accessTo(actor([['member', '1.2.3.']], '50'), [], record)).toMatchObject({
      view: true,
      edit: false,
    });
    expect(accessTo(actor([['member', '1.2.3.']], '51'), [], record).view).toBe(false);
  });

  it('a deleted record is seen by admins over the branch only', () => {
    const deleted = { ...record, deleted: true };
    expect(accessTo(actor([['unit_admin', '1.2.']]), [], deleted)).toMatchObject({ view: true, edit: false });
    expect(accessTo(actor([['member', '1.2.3.']], '7'), led, deleted).view).toBe(false);
    expect(accessTo(actor([['organiser', '1.']]), [], deleted).view).toBe(false);
  });

  it('records for a branch: its secretary or an admin over it', () => {
    const branch = { id: '3', path: '1.2.3.' };
    expect(mayRecordFor(actor([]), led, branch)).toBe(true);
    expect(mayRecordFor(actor([['platform_admin', '1.']]), [], branch)).toBe(true);
    expect(mayRecordFor(actor([['organiser', '1.']]), [], branch)).toBe(false);
    expect(mayRecordFor(actor([['unit_admin', '1.4.']]), [], branch)).toBe(false);
  });

  it('the list scope is the same people, nested subtrees folded', () => {
    expect(
      listScope(
        actor([
          ['unit_admin', '1.2.'],
          ['unit_admin', '1.2.3.'],
          ['supervisor', '1.'],
        ]),
        led,
      ),
    ).toEqual({
      ledOrgIds: ['3'],
      adminPrefixes: ['1.2.'],
      readerPrefixes: ['1.'],
      subtreeReaderPrefixes: ['1.'],
    });
  });
});
