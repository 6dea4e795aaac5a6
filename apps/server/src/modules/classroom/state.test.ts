import { describe, expect, it } from 'vitest';
import { classroomLectureStates, type ClassroomLectureStateName } from '@jiangtai/contracts';
import { LIVE_STATES, nextAction, transition, widensAfterConsent } from './state.ts';

describe('the classroom lecture state machine', () => {
  it('goes proposal → consent → published → unpublished → published again', () => {
    expect(transition(null, 'propose')).toEqual({ ok: true, to: 'awaiting_consent' });
    expect(transition('awaiting_consent', 'consent')).toEqual({ ok: true, to: 'consented' });
    expect(transition('consented', 'publish')).toEqual({ ok: true, to: 'published' });
    expect(transition('published', 'unpublish')).toEqual({ ok: true, to: 'unpublished' });
    expect(transition('unpublished', 'republish')).toEqual({ ok: true, to: 'published' });
  });

  it('a declined lecture ends there; the entry may be proposed again', () => {
    expect(transition('awaiting_consent', 'decline')).toEqual({ ok: true, to: 'consent_declined' });
    for (const action of ['consent', 'decline', 'publish', 'edit', 'unpublish', 'republish'] as const)
      expect(transition('consent_declined', action).ok, action).toBe(false);
    expect(LIVE_STATES).not.toContain('consent_declined');
    expect(LIVE_STATES).not.toContain('unpublished');
  });

  it('refuses publishing before consent, answering twice and unpublishing what is not published', () => {
    expect(transition('awaiting_consent', 'publish')).toEqual({ ok: false, reason: '宣讲人同意后才能发布' });
    expect(transition('consented', 'consent').ok).toBe(false);
    expect(transition('published', 'decline').ok).toBe(false);
    expect(transition('consented', 'unpublish').ok).toBe(false);
    expect(transition('published', 'republish').ok).toBe(false);
    expect(transition('published', 'propose').ok).toBe(false);
  });

  it('edits keep the state, in every state but a declined one', () => {
    for (const s of classroomLectureStates.filter((x) => x !== 'consent_declined'))
      expect(transition(s, 'edit')).toEqual({ ok: true, to: s });
  });

  it('widening to the public after the speaker answered is refused; narrowing is fine', () => {
    expect(widensAfterConsent('awaiting_consent', 'internal', 'public')).toBe(false);
    expect(widensAfterConsent('consented', 'internal', 'public')).toBe(true);
    expect(widensAfterConsent('published', 'internal', 'public')).toBe(true);
    expect(widensAfterConsent('published', 'public', 'internal')).toBe(false);
  });

  it('names the next step for the managers’ list', () => {
    const steps = (hasAccount: boolean) =>
      Object.fromEntries(
        classroomLectureStates.map((s: ClassroomLectureStateName) => [s, nextAction(s, hasAccount)]),
      );
    expect(steps(true)).toMatchObject({ awaiting_consent: '等待宣讲人在平台上答复', consented: '发布' });
    expect(steps(false).awaiting_consent).toBe('登记宣讲人的授权意见');
    expect(steps(false).published).toBeNull();
  });
});
