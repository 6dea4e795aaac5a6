import type { ClassroomAction, ClassroomLectureStateName } from '@jiangtai/contracts';

/**
 * The lecture's state machine, pure: who may act is policy.ts's business, this says which transitions
 * exist. Rows are never deleted, so every lecture keeps its history and a study task naming it still reads.
 *
 *   propose   —                 → awaiting_consent
 *   consent   awaiting_consent  → consented          (the speaker, or a manager on their behalf)
 *   decline   awaiting_consent  → consent_declined   (with a reason; the entry may be proposed again)
 *   publish   consented         → published
 *   unpublish published         → unpublished        (with a reason, the speaker is told)
 *   republish unpublished       → published
 *   edit      any state but consent_declined (stays)
 */
export const TRANSITIONS: readonly {
  action: ClassroomAction;
  from: ClassroomLectureStateName | null;
  to: ClassroomLectureStateName | 'same';
}[] = [
  { action: 'propose', from: null, to: 'awaiting_consent' },
  { action: 'consent', from: 'awaiting_consent', to: 'consented' },
  { action: 'decline', from: 'awaiting_consent', to: 'consent_declined' },
  { action: 'publish', from: 'consented', to: 'published' },
  { action: 'unpublish', from: 'published', to: 'unpublished' },
  { action: 'republish', from: 'unpublished', to: 'published' },
  { action: 'edit', from: 'awaiting_consent', to: 'same' },
  { action: 'edit', from: 'consented', to: 'same' },
  { action: 'edit', from: 'published', to: 'same' },
  { action: 'edit', from: 'unpublished', to: 'same' },
];

/** States in which a lecture still stands for its entry: a second proposal of the entry is refused. */
export const LIVE_STATES: readonly ClassroomLectureStateName[] = [
  'awaiting_consent',
  'consented',
  'published',
];

const refusals: Record<ClassroomAction, string> = {
  propose: '这个作品已经推荐到微课堂',
  consent: '只有待本人同意的微课可以答复',
  decline: '只有待本人同意的微课可以答复',
  publish: '宣讲人同意后才能发布',
  unpublish: '只有已发布的微课可以下架',
  republish: '只有已下架的微课可以重新发布',
  edit: '宣讲人不同意发布的微课不能再修改',
};

export type TransitionResult = { ok: true; to: ClassroomLectureStateName } | { ok: false; reason: string };

/** Whether `action` may happen to a lecture in `state`, and the state it leads to. */
export function transition(
  state: ClassroomLectureStateName | null,
  action: ClassroomAction,
): TransitionResult {
  const t = TRANSITIONS.find((x) => x.action === action && x.from === state);
  if (!t) return { ok: false, reason: refusals[action] };
  return { ok: true, to: t.to === 'same' ? state! : t.to };
}

/**
 * The speaker consented to a lecture shown to a given audience: a change that widens it (internal →
 * public) once they answered would publish to people they did not agree to. Narrowing is always fine.
 */
export function widensAfterConsent(
  state: ClassroomLectureStateName,
  from: 'internal' | 'public',
  to: 'internal' | 'public',
): boolean {
  return state !== 'awaiting_consent' && from === 'internal' && to === 'public';
}

/** What the managers' list shows as the next step of a lecture. */
export function nextAction(state: ClassroomLectureStateName, speakerHasAccount: boolean): string | null {
  switch (state) {
    case 'awaiting_consent':
      return speakerHasAccount ? '等待宣讲人在平台上答复' : '登记宣讲人的授权意见';
    case 'consented':
      return '发布';
    case 'published':
      return null;
    case 'unpublished':
      return '可重新发布';
    case 'consent_declined':
      return null;
  }
}
