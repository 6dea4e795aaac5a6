import type { Actor } from '../../lib/actor.ts';
import type { AppDeps } from '../../lib/deps.ts';
import type { AuditWho } from '../audit/service.ts';
import { findEntry, listMaterials } from '../entries/repository.ts';
import { ensurePreview, PREVIEWABLE } from '../previews/previews-service.ts';
import { extractManuscriptText } from './manuscript-text.ts';
import { newShareCode } from './publishing-service.ts';
import * as repo from './repository.ts';
import type { Db } from './repository.ts';
import { recordProposal } from './proposal-record.ts';
import { step } from './steps.ts';

export interface DemoLectureInput {
  entryId: string;
  org: { id: string; path: string };
  /** The organiser who proposes, records the speaker's answer and publishes. */
  by: { userId: string; displayName: string };
  visibility: 'internal' | 'public';
  summary: string;
  tags: string[];
  consentNote: string;
  /** The video's length: the seed knows it, its transcode has not run yet. */
  durationSeconds: number;
  now: Date;
}

/**
 * A published lecture for the demo city, in the seed's transaction: the same steps (events, audit
 * rows, search document) as 推荐 → consent recorded on the speaker's behalf → 发布, without the
 * services' own transactions and their checks on the proposer's session and the video's transcode
 * (queued in this very transaction, so it cannot be ready yet; the page shows 处理中 until it is).
 */
export async function seedPublishedLecture(
  tx: Db,
  deps: Pick<AppDeps, 'config'>,
  input: DemoLectureInput,
): Promise<{ id: string; shareCode: string }> {
  const entry = await findEntry(tx, input.entryId);
  if (!entry) throw new Error('演示数据：找不到推荐到微课堂的作品');
  const materials = await listMaterials(tx, [entry.id], { currentOnly: true });
  const current = (kind: string) => materials.find((m) => m.material === kind);
  const video = current('video');
  if (!video) throw new Error('演示数据：作品没有宣讲视频');
  const manuscript = current('manuscript');
  const category =
    entry.campaign_settings.categories.find((c) => c.key === entry.category_key)?.name ?? entry.category_key;
  const actor = systemActor(input.by);
  const who: AuditWho = { actor };
  const { now } = input;
  const id = await recordProposal(
    tx,
    actor,
    who,
    {
      org_id: input.org.id,
      org_path: input.org.path,
      source_entry_id: entry.id,
      video_file_id: video.file_id,
      duration_seconds: input.durationSeconds,
      title: entry.title,
      speaker_name: entry.speaker_name,
      speaker_member_id: entry.member_id,
      speaker_unit: entry.unit_name,
      category,
      tags: input.tags,
      summary: input.summary,
      manuscript_file_id: manuscript?.file_id ?? null,
      courseware_file_id: null,
      visibility: input.visibility,
      manuscript_text: manuscript
        ? await extractManuscriptText({ db: tx, config: deps.config }, manuscript.file_id).catch(() => '')
        : '',
    },
    now,
  );
  if (manuscript && PREVIEWABLE.has(manuscript.detected_type))
    await ensurePreview(tx, { fileId: manuscript.file_id, orgPath: input.org.path, now });
  const awaiting = await repo.findLecture(tx, id);
  await step(
    tx,
    actor,
    who,
    awaiting!,
    'consent',
    {
      consent_user_id: actor.userId,
      consent_on_behalf: true,
      consent_note: input.consentNote,
      consent_at: now,
    },
    { now, reason: input.consentNote, onBehalf: true, after: { agree: true } },
  );
  const consented = await repo.findLecture(tx, id);
  const shareCode = newShareCode();
  await step(
    tx,
    actor,
    who,
    consented!,
    'publish',
    { published_by: actor.userId, published_at: now, share_code: shareCode },
    { now },
  );
  return { id, shareCode };
}

/** step() reads only who acted; the seed has no session. */
function systemActor(by: DemoLectureInput['by']): Actor {
  return {
    ...by,
    username: '',
    memberId: null,
    grants: [],
    mustChangePassword: false,
    isDemo: true,
    sessionId: '',
    csrfToken: '',
  };
}
