import type { PlanLine, PlanRevision } from '@jiangtai/contracts';
import type { LineRow } from './repository.ts';
import * as repo from './repository.ts';

export const presentLine = (l: LineRow): PlanLine => ({
  id: l.id,
  key: l.client_key,
  month: l.month,
  topic: l.topic,
  categoryKey: l.category_key,
  speakerMemberId: l.speaker_member_id,
  speakerName: l.guest_speaker_name ?? l.speaker_name ?? '',
  guestSpeakerName: l.guest_speaker_name,
  occasion: l.occasion,
});

/** What a revision compares: the lines' content in order, ids and names aside. */
export const linesContent = (lines: PlanLine[]) =>
  JSON.stringify(
    lines.map((l) => [
      l.key,
      l.month,
      l.topic,
      l.categoryKey,
      l.speakerMemberId,
      l.guestSpeakerName,
      l.occasion,
    ]),
  );

export function presentRevision(r: Awaited<ReturnType<typeof repo.listRevisions>>[number]): PlanRevision {
  return {
    id: r.id,
    kind: r.kind,
    statusBefore: r.status_before,
    statusAfter: r.status_after,
    reason: r.reason,
    actorName: r.actor_name,
    at: new Date(r.created_at).toISOString(),
    lines: r.lines as PlanLine[],
  };
}

export const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
