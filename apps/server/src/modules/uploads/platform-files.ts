import { createHash } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { Kysely, Transaction } from 'kysely';
import type { DB, DetectedFileType, StoredFile } from '../../db/types.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { s3Client, s3Settings } from './s3.ts';
import { localFilePath, newStorageKey } from './stored-files.ts';

/**
 * Files the platform makes itself (a re-encoded photo, its thumbnail): the uploads module owns
 * `stored_files` and where bytes live, so other modules store such files through these functions.
 */
type Db = Kysely<DB> | Transaction<DB>;

export interface PlatformFile {
  bytes: Buffer;
  name: string;
  mime: string;
  detectedType: DetectedFileType;
}

/** Where new files go: the bucket when one is configured, otherwise local disk. */
export const platformStorage = (deps: Pick<AppDeps, 'config'>): StoredFile['storage'] =>
  s3Settings(deps.config) ? 's3' : 'local';

/** Writes bytes under a fresh storage key in `storage`; the caller records them in one transaction. */
export async function writePlatformBytes(
  deps: Pick<AppDeps, 'config' | 'clock'>,
  storage: StoredFile['storage'],
  file: Pick<PlatformFile, 'bytes' | 'mime'>,
): Promise<string> {
  const key = newStorageKey(deps.clock.now());
  if (storage === 'local') {
    const target = localFilePath(deps, key);
    await fsp.mkdir(path.dirname(target), { recursive: true });
    await fsp.writeFile(`${target}.part`, file.bytes);
    await fsp.rename(`${target}.part`, target);
  } else {
    const { client, bucket } = s3Client(deps.config);
    await client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: file.bytes,
        ContentLength: file.bytes.length,
        ContentType: file.mime,
      }),
    );
  }
  return key;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Records written bytes as a new stored file; returns its id. */
export async function insertPlatformFile(
  db: Db,
  at: { storage: StoredFile['storage']; key: string; uploadedBy: string | null },
  file: PlatformFile,
): Promise<string> {
  const row = await db
    .insertInto('stored_files')
    .values({
      detected_type: file.detectedType,
      mime: file.mime,
      size_bytes: file.bytes.length,
      sha256: sha256(file.bytes),
      original_name: file.name,
      storage: at.storage,
      storage_key: at.key,
      uploaded_by: at.uploadedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Points a stored file at new bytes written under `key` (the caller deletes the old bytes after commit). */
export async function replaceStoredFileBytes(db: Db, fileId: string, key: string, file: PlatformFile) {
  await db
    .updateTable('stored_files')
    .set({
      storage_key: key,
      size_bytes: file.bytes.length,
      sha256: sha256(file.bytes),
      mime: file.mime,
      detected_type: file.detectedType,
      original_name: file.name,
    })
    .where('id', '=', fileId)
    .execute();
}
