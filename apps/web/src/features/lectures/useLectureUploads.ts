import { useCallback } from 'react';
import {
  HEIC_REFUSAL,
  LECTURE_FILE_MAX_MB,
  lectureFileKindLabels,
  looksLikeHeic,
  type LectureFileKind,
  type LectureFileView,
} from '@jiangtai/contracts';
import { useTusUploads, type UploadItem as Item } from '../../components/uploads/useTusUploads.ts';

/** One file on the lecture form (see components/uploads). */
export type UploadItem = Item<LectureFileView, LectureFileKind>;

const sizeMb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** What the browser can tell before sending a byte (the server checks the same again). */
export function precheck(kind: LectureFileKind, file: File): string | null {
  if (kind === 'photo' && looksLikeHeic(file.name, file.type)) return HEIC_REFUSAL;
  const limit = LECTURE_FILE_MAX_MB[kind];
  if (file.size > limit * 1024 * 1024)
    return `${lectureFileKindLabels[kind]}「${file.name}」大小 ${sizeMb(file.size)}，超过上限 ${limit} MB，请压缩或裁剪后再上传`;
  return null;
}

/**
 * The record's photos, video and manuscript, each sent with tus (purpose lecture-file) as soon as it is
 * chosen. `initial` are the files already saved (a draft, or the record being edited).
 */
export function useLectureUploads(orgId: string | null, initial: LectureFileView[]) {
  const metadata = useCallback(
    (kind: LectureFileKind) => ({ purpose: 'lecture-file', orgId: orgId!, kind }),
    [orgId],
  );
  return useTusUploads<LectureFileView, LectureFileKind>({
    metadata: orgId ? metadata : null,
    precheck,
    initial: initial.map((f) => ({
      key: `saved-${f.id}`,
      kind: f.kind,
      name: f.name,
      size: f.sizeBytes,
      sent: f.sizeBytes,
      phase: 'done' as const,
      error: null,
      file: f,
    })),
  });
}
