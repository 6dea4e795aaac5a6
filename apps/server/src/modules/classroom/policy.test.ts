import { describe, expect, it } from 'vitest';
import type { Actor } from '../../lib/actor.ts';
import { mayViewLecture, pathAndAncestors, type LectureScope, type ViewerPlaces } from './policy.ts';

const actor = (grants: { role: Actor['grants'][number]['role']; orgPath: string }[] = []): Actor => ({
  userId: '9',
  username: 'u',
  displayName: 'U',
  memberId: '7',
  grants: grants.map((g, i) => ({ id: String(i), orgId: '1', orgName: 'x', ...g })),
  mustChangePassword: false,
  isDemo: false,
  sessionId: 's',
  csrfToken: 'c',
});
const lecture = (over: Partial<LectureScope> = {}): LectureScope => ({
  state: 'published',
  visibility: 'internal',
  org_path: '1.5.',
  speaker_member_id: null,
  ...over,
});
const places = (over: Partial<ViewerPlaces> = {}): ViewerPlaces => ({
  memberPath: null,
  memberId: '7',
  grantPaths: [],
  ...over,
});

describe('who sees a classroom lecture', () => {
  it('a member inside the publishing subtree sees an internal lecture; one next door does not', () => {
    expect(mayViewLecture(actor(), places({ memberPath: '1.5.23.' }), lecture())).toBe(true);
    expect(mayViewLecture(actor(), places({ memberPath: '1.6.30.' }), lecture())).toBe(false);
    expect(mayViewLecture(null, places({ memberId: null }), lecture())).toBe(false);
  });

  it('a public lecture is seen by anyone, even without signing in, once published', () => {
    expect(mayViewLecture(null, places({ memberId: null }), lecture({ visibility: 'public' }))).toBe(true);
    expect(
      mayViewLecture(
        null,
        places({ memberId: null }),
        lecture({ visibility: 'public', state: 'unpublished' }),
      ),
    ).toBe(false);
  });

  it('those holding a role above or inside the subtree read it; a judge does not by being a judge', () => {
    expect(
      mayViewLecture(
        actor([{ role: 'supervisor', orgPath: '1.' }]),
        places({ grantPaths: ['1.'] }),
        lecture(),
      ),
    ).toBe(true);
    expect(mayViewLecture(actor(), places({ grantPaths: ['1.5.9.'] }), lecture())).toBe(true);
    expect(mayViewLecture(actor([{ role: 'judge', orgPath: '1.' }]), places(), lecture())).toBe(false);
  });

  it('an unpublished lecture is seen only by its managers and its speaker', () => {
    const l = lecture({ state: 'awaiting_consent', speaker_member_id: '7' });
    expect(mayViewLecture(actor(), places({ memberPath: '1.5.23.' }), l)).toBe(true);
    expect(mayViewLecture(actor(), places({ memberPath: '1.5.23.', memberId: '8' }), l)).toBe(false);
    expect(mayViewLecture(actor([{ role: 'organiser', orgPath: '1.' }]), places({ memberId: '8' }), l)).toBe(
      true,
    );
    expect(
      mayViewLecture(actor([{ role: 'unit_admin', orgPath: '1.6.' }]), places({ memberId: '8' }), l),
    ).toBe(false);
  });

  it('lists the ancestors of a path', () => {
    expect(pathAndAncestors('1.5.23.')).toEqual(['1.', '1.5.', '1.5.23.']);
  });
});
