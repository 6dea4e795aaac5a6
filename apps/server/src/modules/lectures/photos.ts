import { createHash } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { LECTURE_PHOTO_MAX_SIDE } from '@jiangtai/contracts';
import type { StoredFile } from '../../db/types.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import { s3Client, s3Settings } from '../uploads/s3.ts';
import type { Db } from './repository.ts';
import { deleteStoredBytes, localFilePath, newStorageKey } from '../uploads/stored-files.ts';

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

/** Writes bytes under a fresh storage key where `storage` keeps files (local disk or the bucket). */
async function writeBytes(
  deps: Pick<AppDeps, 'config' | 'clock'>,
  storage: StoredFile['storage'],
  bytes: Buffer,
) {
  const key = newStorageKey(deps.clock.now());
  if (storage === 'local') {
    const target = localFilePath(deps, key);
    await fsp.mkdir(path.dirname(target), { recursive: true });
    await fsp.writeFile(`${target}.part`, bytes);
    await fsp.rename(`${target}.part`, target);
  } else {
    const { client, bucket } = s3Client(deps.config);
    await client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: bytes,
        ContentLength: bytes.length,
        ContentType: 'image/jpeg',
      }),
    );
  }
  return key;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const jpegName = (name: string) => `${name.replace(/\.[^.]*$/, '') || '照片'}.jpg`;

/**
 * Replaces an uploaded photo's bytes with the platform's copy (same stored_files row, new key, the
 * original bytes deleted) and stores the thumbnail as a file of its own. `attach` records it in the same transaction.
 */
export async function storePlatformPhoto<T>(
  deps: Deps,
  file: StoredFile,
  photo: ReencodedPhoto,
  attach: (tx: Db, thumbFileId: string) => Promise<T>,
): Promise<T> {
  const fullKey = await writeBytes(deps, file.storage, photo.full);
  const thumbKey = await writeBytes(deps, file.storage, photo.thumb);
  const name = jpegName(file.original_name);
  const attached = await deps.db
    .transaction()
    .execute(async (tx) => {
      await tx
        .updateTable('stored_files')
        .set({
          storage_key: fullKey,
          size_bytes: photo.full.length,
          sha256: sha256(photo.full),
          mime: 'image/jpeg',
          detected_type: 'jpeg',
          original_name: name,
        })
        .where('id', '=', file.id)
        .execute();
      const thumb = await tx
        .insertInto('stored_files')
        .values({
          detected_type: 'jpeg',
          mime: 'image/jpeg',
          size_bytes: photo.thumb.length,
          sha256: sha256(photo.thumb),
          original_name: `缩略图-${name}`,
          storage: file.storage,
          storage_key: thumbKey,
          uploaded_by: file.uploaded_by,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return attach(tx, thumb.id);
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
 * finished, attached upload leaves one: its bytes and its thumbnail's where uploads are kept (the
 * bucket when one is configured, otherwise local disk), and both stored_files rows in `tx`.
 */
export async function storeNewPhoto(
  deps: Pick<AppDeps, 'config' | 'clock'>,
  tx: Db,
  photo: ReencodedPhoto,
  f: { name: string; uploadedBy: string },
): Promise<{ fileId: string; thumbFileId: string }> {
  const storage: StoredFile['storage'] = s3Settings(deps.config) ? 's3' : 'local';
  const name = jpegName(f.name);
  const insert = async (bytes: Buffer, originalName: string) => {
    const key = await writeBytes(deps, storage, bytes);
    const row = await tx
      .insertInto('stored_files')
      .values({
        detected_type: 'jpeg',
        mime: 'image/jpeg',
        size_bytes: bytes.length,
        sha256: sha256(bytes),
        original_name: originalName,
        storage,
        storage_key: key,
        uploaded_by: f.uploadedBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  };
  return { fileId: await insert(photo.full, name), thumbFileId: await insert(photo.thumb, `缩略图-${name}`) };
}
