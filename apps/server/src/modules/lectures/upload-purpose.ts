import {
  HEIC_REFUSAL,
  idSchema,
  LECTURE_FILE_MAX_MB,
  lectureFileKinds,
  looksLikeHeic,
  type LectureFileKind,
  type LectureFileView,
} from '@jiangtai/contracts';
import { z } from 'zod';
import type { DetectedFileType } from '../../db/types.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { AppError, invalid } from '../../lib/errors.ts';
import type { UploadPurpose } from '../uploads/purpose.ts';
import { sweepAbandonedLectureFiles } from './abandoned-files.ts';
import { loadBranchToRecord } from './access.ts';
import * as files from './files-repository.ts';
import { photoUploadRules, reencodePhoto, storePlatformPhoto } from '../uploads/photos.ts';
import { presentFile } from './present.ts';

const MB = 1024 * 1024;

/** By content: photos as JPEG or PNG (re-encoded to JPEG), a short video, the manuscript. */
const ACCEPTS: Record<LectureFileKind, DetectedFileType[]> = {
  photo: ['jpeg', 'png'],
  video: ['mp4', 'mov'],
  manuscript: ['docx', 'pdf'],
};

const kindSchema = z.enum(lectureFileKinds as [LectureFileKind, ...LectureFileKind[]]);

function parseMeta(meta: Record<string, string>) {
  const orgId = idSchema.safeParse(meta.orgId);
  const kind = kindSchema.safeParse(meta.kind);
  if (!orgId.success || !kind.success)
    throw invalid('上传信息不完整：请从「记录宣讲」页面上传', [
      ...(orgId.success ? [] : [{ path: 'orgId', message: '缺少支部编号' }]),
      ...(kind.success ? [] : [{ path: 'kind', message: '附件类型无效' }]),
    ]);
  return { orgId: orgId.data, kind: kind.data };
}

/**
 * The 'lecture-file' upload: a photo, short video or manuscript for a lecture record of a branch,
 * uploaded while the form is open (metadata: orgId, kind, filename, filetype). Whoever may record
 * for the branch may upload; the file waits, held for that account and branch, until the record is
 * saved with it. A photo is re-encoded at once (photos.ts): the stored bytes are the platform's.
 * HEIC is refused in words that say what to do (the bundled image library cannot decode HEVC).
 */
export function lectureFilePurpose(deps: AppDeps): UploadPurpose {
  const { db, clock } = deps;

  async function check(actor: Actor, meta: Record<string, string>) {
    const parsed = parseMeta(meta);
    if (parsed.kind === 'photo' && looksLikeHeic(meta.filename, meta.filetype))
      throw new AppError('UNSUPPORTED_FILE', HEIC_REFUSAL);
    const branch = await loadBranchToRecord(db, actor, parsed.orgId);
    return { ...parsed, branch };
  }

  return {
    name: 'lecture-file',
    maxBytes: (meta) => LECTURE_FILE_MAX_MB[kindSchema.safeParse(meta.kind).data ?? 'photo'] * MB,
    accepts: (meta) => ACCEPTS[kindSchema.safeParse(meta.kind).data ?? 'photo'],
    typeRefusal: photoUploadRules.typeRefusal,
    async authorize(actor, meta) {
      await check(actor, meta);
    },
    sweep: () => sweepAbandonedLectureFiles(deps),
    async onComplete({ actor, file, meta, source }): Promise<LectureFileView> {
      const { kind, branch } = await check(actor, meta);
      const record =
        (thumbFileId: string | null, width: number | null, height: number | null) =>
        async (tx: typeof db) => {
          const id = await files.insertFile(tx, {
            orgId: branch.id,
            kind,
            fileId: file.id,
            thumbFileId,
            width,
            height,
            uploadedBy: actor.userId,
            now: clock.now(),
          });
          return presentFile((await files.findFile(tx, id))!);
        };
      if (kind !== 'photo') return record(null, null, null)(db);
      const photo = await reencodePhoto(await source.read(0, source.size));
      return storePlatformPhoto(deps, file, photo, (tx, thumbId) =>
        record(thumbId, photo.width, photo.height)(tx),
      );
    },
  };
}
