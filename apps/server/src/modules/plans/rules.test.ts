import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/clock.ts';
import * as rules from './rules.ts';

const required = { required: true, dueOn: '2026-07-31' };

describe('plan state machine', () => {
  it('submits drafts and returned plans only', () => {
    expect(() => rules.assertCanSubmit('draft')).not.toThrow();
    expect(() => rules.assertCanSubmit('returned')).not.toThrow();
    for (const s of ['none', 'submitted', 'accepted'] as const)
      expect(() => rules.assertCanSubmit(s), s).toThrow(expect.objectContaining({ status: 409 }));
  });

  it('decides submitted plans only', () => {
    expect(() => rules.assertCanDecide('submitted')).not.toThrow();
    for (const s of ['none', 'draft', 'returned', 'accepted'] as const)
      expect(() => rules.assertCanDecide(s), s).toThrow(expect.objectContaining({ status: 409 }));
  });

  it('sends an accepted plan changed by the branch back to 已提交; the unit’s own change stays accepted', () => {
    expect(rules.statusAfterChange('accepted', false)).toBe('submitted');
    expect(rules.statusAfterChange('accepted', true)).toBe('accepted');
    expect(rules.statusAfterChange('draft', false)).toBe('draft');
    expect(rules.statusAfterChange('returned', false)).toBe('returned');
    expect(rules.statusAfterChange('submitted', false)).toBe('submitted');
    expect(rules.changeNeedsReason('accepted')).toBe(true);
    expect(rules.changeNeedsReason('submitted')).toBe(false);
    expect(rules.changeIsRecorded('submitted')).toBe(true);
    expect(rules.changeIsRecorded('draft')).toBe(false);
  });
});

describe('lateness', () => {
  const clock = fixedClock(new Date('2026-07-31T15:59:59Z')); // 23:59:59 on the due day in Beijing

  it('is late only after the due Beijing day ends, and only while not filed', () => {
    for (const s of ['none', 'draft', 'returned', 'submitted', 'accepted'] as const)
      expect(rules.isLate(required, s, clock.now()), s).toBe(false);
    clock.advance(1000); // 2026-08-01 00:00 in Beijing
    expect(rules.isLate(required, 'none', clock.now())).toBe(true);
    expect(rules.isLate(required, 'draft', clock.now())).toBe(true);
    expect(rules.isLate(required, 'returned', clock.now())).toBe(true);
    expect(rules.isLate(required, 'submitted', clock.now())).toBe(false);
    expect(rules.isLate(required, 'accepted', clock.now())).toBe(false);
  });

  it('is never late without a requirement or a due date, or for a campaign without plan settings', () => {
    const later = new Date('2027-01-01T00:00:00Z');
    expect(rules.isLate({ required: false, dueOn: '2026-07-31' }, 'none', later)).toBe(false);
    expect(rules.isLate({ required: true, dueOn: null }, 'none', later)).toBe(false);
    expect(rules.isLate(null, 'none', later)).toBe(false);
    expect(rules.isLate(undefined, 'none', later)).toBe(false);
  });
});
