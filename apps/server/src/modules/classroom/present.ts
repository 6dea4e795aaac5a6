import {
  classroomActionLabels,
  classroomLectureStateLabels,
  type LectureDetail,
  type LectureDocument,
  type LectureEvent,
  type LectureManageItem,
  type PublicLecture,
} from '@jiangtai/contracts';
import { previewStatus, PREVIEWABLE, ensurePreview } from '../previews/previews-service.ts';
import type { LoadedLecture } from './access.ts';
import * as repo from './repository.ts';
import type { Db, LectureRow } from './repository.ts';
import { nextAction } from './state.ts';

export type DocumentKind = 'manuscript' | 'courseware';
export const DOCUMENT_KINDS: readonly DocumentKind[] = ['manuscript', 'courseware'];

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export const fileIdOf = (row: LectureRow, kind: DocumentKind) =>
  kind === 'manuscript' ? row.manuscript_file_id : row.courseware_file_id;

/**
 * The lecture's documents with their platform PDFs. `base` is where its files are served: the signed-in
 * routes (with the original for download) or the public ones (the PDF only).
 */
export async function presentDocuments(
  db: Db,
  row: LectureRow,
  base: string,
  withDownload: boolean,
  now: Date,
): Promise<LectureDocument[]> {
  const docs: LectureDocument[] = [];
  for (const kind of DOCUMENT_KINDS) {
    const fileId = fileIdOf(row, kind);
    if (!fileId) continue;
    const file = await repo.storedFile(db, fileId);
    if (!file) continue;
    let status: LectureDocument['previewStatus'] = 'none';
    if (PREVIEWABLE.has(file.detected_type)) {
      const s = await previewStatus(db, fileId);
      // A document made before previews existed gets its PDF now (idempotent).
      if (!s) await ensurePreview(db, { fileId, orgPath: row.org_path, now });
      status = s ?? 'pending';
    }
    docs.push({
      kind,
      name: file.original_name,
      previewStatus: status,
      previewUrl: status === 'ready' ? `${base}/files/${kind}/preview` : null,
      downloadUrl: withDownload ? `${base}/files/${kind}` : null,
    });
  }
  return docs;
}

export async function videoOf(db: Db, row: LectureRow, base: string) {
  const asset = await repo.mediaAsset(db, row.video_file_id);
  if (asset?.status !== 'ready') return null;
  return { masterUrl: `${base}/hls/master.m3u8`, posterUrl: asset.poster ? `${base}/poster.jpg` : null };
}

const presentEvent = (e: Awaited<ReturnType<typeof repo.listEvents>>[number]): LectureEvent => {
  const onBehalf = e.action.endsWith('_on_behalf');
  const action = onBehalf ? e.action.slice(0, -'_on_behalf'.length) : e.action;
  const label = (classroomActionLabels as Record<string, string>)[action] ?? action;
  return {
    id: e.id,
    action: e.action,
    actionLabel: onBehalf ? `${label}（管理员代为登记）` : label,
    fromState: e.from_state,
    toState: e.to_state,
    reason: e.reason,
    actorName: e.actor_name,
    at: new Date(e.at).toISOString(),
  };
};

export async function presentDetail(db: Db, l: LoadedLecture, now: Date): Promise<LectureDetail> {
  const { row, canManage, isSpeaker, full } = l;
  const hasAccount = (await repo.memberAccountIds(db, row.speaker_member_id)).length > 0;
  const base = `/api/classroom/lectures/${row.id}`;
  const publicPath = row.visibility === 'public' && row.state === 'published' && row.share_code;
  return {
    id: row.id,
    title: row.title,
    speakerName: row.speaker_name,
    speakerUnit: row.speaker_unit,
    category: row.category,
    tags: row.tags,
    summary: row.summary,
    durationSeconds: row.duration_seconds,
    visibility: row.visibility,
    state: row.state,
    stateLabel: classroomLectureStateLabels[row.state],
    orgName: row.org_name,
    publishedAt: iso(row.published_at),
    video: full ? await videoOf(db, row, `/api/media/${row.video_file_id}`) : null,
    documents: full ? await presentDocuments(db, row, base, true, now) : [],
    unpublishReason: row.state === 'unpublished' ? row.unpublish_reason : null,
    unpublishedAt: row.state === 'unpublished' ? iso(row.unpublished_at) : null,
    sharePath: canManage && publicPath ? `/p/classroom/${row.share_code}` : null,
    embedPath: canManage && publicPath ? `/embed/classroom/${row.share_code}` : null,
    canManage,
    isSpeaker,
    mayAnswerConsent: isSpeaker && row.state === 'awaiting_consent',
    mayRecordConsent: canManage && row.state === 'awaiting_consent' && !hasAccount,
    speakerHasAccount: hasAccount,
    consent:
      (canManage || isSpeaker) && row.consent_at
        ? {
            at: iso(row.consent_at)!,
            onBehalf: row.consent_on_behalf,
            note: row.consent_note,
            byName: row.consent_user_name,
          }
        : null,
    sourceEntryId: canManage ? row.source_entry_id : null,
    nextAction: canManage ? nextAction(row.state, hasAccount) : null,
    events: canManage ? (await repo.listEvents(db, row.id)).map(presentEvent) : [],
  };
}

export function presentManageItem(row: LectureRow, hasAccount: boolean): LectureManageItem {
  return {
    id: row.id,
    title: row.title,
    speakerName: row.speaker_name,
    speakerUnit: row.speaker_unit,
    orgName: row.org_name,
    visibility: row.visibility,
    state: row.state,
    stateLabel: classroomLectureStateLabels[row.state],
    nextAction: nextAction(row.state, hasAccount),
    proposedAt: iso(row.proposed_at)!,
    publishedAt: iso(row.published_at),
  };
}

export async function presentPublic(db: Db, row: LectureRow, now: Date): Promise<PublicLecture | null> {
  const base = `/api/public/classroom/${row.share_code}`;
  const video = await videoOf(db, row, base);
  if (!video) return null;
  return {
    title: row.title,
    speakerName: row.speaker_name,
    speakerUnit: row.speaker_unit,
    category: row.category,
    tags: row.tags,
    summary: row.summary,
    durationSeconds: row.duration_seconds,
    publishedAt: iso(row.published_at),
    video,
    documents: await presentDocuments(db, row, base, false, now),
  };
}
