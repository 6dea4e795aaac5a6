import { ApiError } from '../../lib/api.ts';
import { postLiveScore, type ScoreOutcome } from './api.ts';

/**
 * The phone's outbox of live scores. A score is written here (localStorage) before the first
 * attempt, with the key the server stores its outcome under; it is retried with backoff until the
 * server answers, and survives a reload. A retry of a score the server already counted gets the
 * same answer back (the key), so nothing counts twice.
 */

export interface QueuedScore {
  key: string;
  roundId: string;
  entryId: string;
  speakerName: string;
  scores: Record<string, number>;
  total: string;
  createdAt: string;
  /** pending: not yet acknowledged; sent: the server counted it; refused: the server said no. */
  status: 'pending' | 'sent' | 'refused';
  attempts: number;
  outcome?: ScoreOutcome;
  error?: string;
}

const storageKey = (roundId: string) => `jt-live-scores:${roundId}`;

export function loadQueue(roundId: string): QueuedScore[] {
  try {
    const raw = localStorage.getItem(storageKey(roundId));
    return raw ? (JSON.parse(raw) as QueuedScore[]) : [];
  } catch {
    return [];
  }
}

export function saveQueue(roundId: string, items: QueuedScore[]) {
  localStorage.setItem(storageKey(roundId), JSON.stringify(items));
}

/** 32 random characters from [A-Za-z0-9_-], as the server's key rule asks. */
export function newScoreKey(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** The wait before the n-th retry: 1 s, 2 s, 4 s … at most 15 s. */
export const backoffMs = (attempts: number) => Math.min(15_000, 1000 * 2 ** Math.max(0, attempts - 1));

/**
 * One attempt to send a queued score. Network trouble and server errors leave it pending (retried
 * later); a clear refusal (4xx) is final and shown with the server's reason.
 */
export async function sendOne(item: QueuedScore): Promise<QueuedScore> {
  try {
    const outcome = await postLiveScore(item.roundId, {
      key: item.key,
      entryId: item.entryId,
      scores: item.scores,
    });
    return { ...item, status: 'sent', outcome, attempts: item.attempts + 1, error: undefined };
  } catch (e) {
    const err = e instanceof ApiError ? e : null;
    // A lost session is not a refusal: the score waits until the judge signs in again.
    const transient =
      !err ||
      err.status === 0 ||
      err.status === 401 ||
      err.status >= 500 ||
      err.status === 408 ||
      err.status === 429;
    if (transient) return { ...item, attempts: item.attempts + 1 };
    return { ...item, status: 'refused', attempts: item.attempts + 1, error: err.detail };
  }
}

/** Pending drafts of the form per speaker, so a reload keeps what the judge typed. */
const draftKey = (roundId: string, entryId: string) => `jt-live-draft:${roundId}:${entryId}`;
export function loadDraft(roundId: string, entryId: string): Record<string, number | null> {
  try {
    return JSON.parse(localStorage.getItem(draftKey(roundId, entryId)) ?? '{}') as Record<
      string,
      number | null
    >;
  } catch {
    return {};
  }
}
export function saveDraft(roundId: string, entryId: string, values: Record<string, number | null>) {
  localStorage.setItem(draftKey(roundId, entryId), JSON.stringify(values));
}
export function clearDraft(roundId: string, entryId: string) {
  localStorage.removeItem(draftKey(roundId, entryId));
}
