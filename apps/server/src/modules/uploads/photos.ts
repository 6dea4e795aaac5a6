import type { FastifyReply } from 'fastify';
import sharp from 'sharp';
import {
  HEIC_REFUSAL,
  LECTURE_FILE_MAX_MB,
  LECTURE_PHOTO_MAX_SIDE,
  looksLikeHeic,
} from '@jiangtai/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { DB, DetectedFileType, StoredFile } from '../../db/types.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import { sendFileWithRanges } from '../media/assets-files.ts';
import { deleteStoredBytes, storedFileStream } from './stored-files.ts';
import {
  insertPlatformFile,
  type PlatformFile,
  platformStorage,
  replaceStoredFileBytes,
  writePlatformBytes,
} from './platform-files.ts';

/**
 * Photos the platform keeps (lecture records, speakers, delivered orders): the uploads module owns
 * stored files, so the re-encoding and storing of a photo live here and the features attach the ids.
 */
type Db = Kysely<DB> | Transaction<DB>;

// libvips caches decoded images between calls by default; photos are seen once.
sharp.cache(false);

const THUMB_SIDE = 480;

export interface ReencodedPhoto {
  full: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
}

/**
 * The platform's own copy of a photo: turned upright by its EXIF orientation, shrunk to at most
 * 2048 px on the long side, written as a fresh JPEG. sharp writes no metadata unless asked, so EXIF
 * (GPS location, camera, time), XMP and IPTC do not survive: the stored file is one the platform made,
 * nothing depends on a list of tags to remove. A small thumbnail is made the same way.
 */
export async function reencodePhoto(input: Buffer): Promise<ReencodedPhoto> {
  try {
    const base = sharp(input, { failOn: 'error', limitInputPixels: 120_000_000 })
      .rotate()
      .flatten({ background: '#ffffff' });
    const full = await base
      .clone()
      .resize({
        width: LECTURE_PHOTO_MAX_SIDE,
        height: LECTURE_PHOTO_MAX_SIDE,
        fit: 'inside',
        withoutEnlargement: true,
      })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    const thumb = await base
      .clone()
      .resize({ width: THUMB_SIDE, height: THUMB_SIDE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 72, mozjpeg: true })
      .toBuffer();
    return { full: full.data, thumb, width: full.info.width, height: full.info.height };
  } catch {
    throw new AppError('UNSUPPORTED_FILE', '照片无法读取（文件可能已损坏），请重新拍摄或选择其他照片');
  }
}

type Deps = Pick<AppDeps, 'config' | 'db' | 'clock'>;

const jpegName = (name: string) => `${name.replace(/\.[^.]*$/, '') || '照片'}.jpg`;

const jpeg = (bytes: Buffer, name: string): PlatformFile => ({
  bytes,
  name,
  mime: 'image/jpeg',
  detectedType: 'jpeg',
});

/**
 * Replaces an uploaded photo's bytes with the platform's copy (same stored_files row, new key, the
 * original bytes deleted) and stores the thumbnail as a file of its own, both through the uploads
 * module, which owns stored files. `attach` records it in the same transaction.
 */
export async function storePlatformPhoto<T>(
  deps: Deps,
  file: StoredFile,
  photo: ReencodedPhoto,
  attach: (tx: Db, thumbFileId: string) => Promise<T>,
): Promise<T> {
  const name = jpegName(file.original_name);
  const full = jpeg(photo.full, name);
  const thumb = jpeg(photo.thumb, `缩略图-${name}`);
  const fullKey = await writePlatformBytes(deps, file.storage, full);
  const thumbKey = await writePlatformBytes(deps, file.storage, thumb);
  const attached = await deps.db
    .transaction()
    .execute(async (tx) => {
      await replaceStoredFileBytes(tx, file.id, fullKey, full);
      const thumbId = await insertPlatformFile(
        tx,
        { storage: file.storage, key: thumbKey, uploadedBy: file.uploaded_by },
        thumb,
      );
      return attach(tx, thumbId);
    })
    .catch(async (error: unknown) => {
      // Nothing was recorded: the platform's copies go, the upload's own cleanup takes the original.
      for (const key of [fullKey, thumbKey])
        await deleteStoredBytes(deps, { storage: file.storage, storage_key: key }).catch(() => undefined);
      throw error;
    });
  await deleteStoredBytes(deps, file).catch(() => undefined);
  return attached;
}

/**
 * Stores a photo the platform made itself (already re-encoded, e.g. the demo city's season) as a
 * finished, attached upload leaves one: its bytes and its thumbnail's where uploads are kept, and both
 * stored files recorded in `tx`.
 */
export async function storeNewPhoto(
  deps: Pick<AppDeps, 'config' | 'clock'>,
  tx: Db,
  photo: ReencodedPhoto,
  f: { name: string; uploadedBy: string },
): Promise<{ fileId: string; thumbFileId: string }> {
  const storage = platformStorage(deps);
  const name = jpegName(f.name);
  const store = async (file: PlatformFile) => {
    const key = await writePlatformBytes(deps, storage, file);
    return insertPlatformFile(tx, { storage, key, uploadedBy: f.uploadedBy }, file);
  };
  return {
    fileId: await store(jpeg(photo.full, name)),
    thumbFileId: await store(jpeg(photo.thumb, `缩略图-${name}`)),
  };
}

/**
 * The parts every photo upload purpose shares (speaker photos, order photos; lectures' own purpose
 * takes more kinds of file): JPEG or PNG by content, the photo size limit, HEIC refused in words that
 * say what to do (the bundled image library cannot decode HEVC), before and after the bytes arrive.
 */
export const photoUploadRules = {
  maxBytes: () => LECTURE_FILE_MAX_MB.photo * 1024 * 1024,
  accepts: (): DetectedFileType[] => ['jpeg', 'png'],
  typeRefusal: (detected: { mime: string }) =>
    /^image\/(heic|heif)/.test(detected.mime) ? new AppError('UNSUPPORTED_FILE', HEIC_REFUSAL) : null,
};

/** Refuses a HEIC photo by its name or declared type, before any byte is sent. */
export function refuseHeic(meta: Record<string, string>) {
  if (looksLikeHeic(meta.filename, meta.filetype)) throw new AppError('UNSUPPORTED_FILE', HEIC_REFUSAL);
}

/** Sends a stored photo (already access-checked by the caller) as the platform's JPEG. */
export async function sendStoredPhoto(
  deps: Pick<AppDeps, 'config' | 'db'>,
  reply: FastifyReply,
  fileId: string,
  range: string | undefined,
) {
  const f = await deps.db
    .selectFrom('stored_files')
    .select(['storage', 'storage_key', 'size_bytes', 'mime'])
    .where('id', '=', fileId)
    .executeTakeFirst();
  if (!f) throw new AppError('NOT_FOUND', '照片不存在或已被删除');
  return sendFileWithRanges(
    reply,
    { size: async () => Number(f.size_bytes), stream: (r) => storedFileStream(deps, f, r) },
    f.mime,
    { range, cacheSeconds: 300, notFoundMessage: '照片不存在或已被删除' },
  );
}
