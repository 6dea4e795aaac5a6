import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DeleteObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { sql, type Transaction } from 'kysely';
import type { DB, StoredFile } from '../../db/types.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { conflict } from '../../lib/errors.ts';
import { fileSource, type RandomAccessSource } from '../media/source.ts';
import { s3Client } from './s3.ts';

type Deps = Pick<AppDeps, 'config' | 'db'>;
type FileRef = Pick<StoredFile, 'storage' | 'storage_key' | 'size_bytes'>;

/** Where completed local files live: DATA_DIR/files/<yyyy>/<mm>/<random>. */
export const filesRoot = (deps: Pick<AppDeps, 'config'>) => path.join(deps.config.dataDir, 'files');
export const localFilePath = (deps: Pick<AppDeps, 'config'>, key: string) => path.join(filesRoot(deps), key);

/** A fresh storage key for a file completed at `now`: "2026/07/3f…" (random, never the user's name). */
export function newStorageKey(now: Date): string {
  const yyyy = String(now.getUTCFullYear());
  const mm = String(now.getUTCMonth() + 1).padStart(2, '0');
  return `${yyyy}/${mm}/${randomBytes(16).toString('hex')}`;
}

/** Positional reads on a stored file: the local file, or ranged GETs on the S3 object. */
export async function openStoredFile(deps: Deps, file: FileRef): Promise<RandomAccessSource> {
  if (file.storage === 'local') return fileSource(localFilePath(deps, file.storage_key));
  return s3Source(deps, file.storage_key, Number(file.size_bytes));
}

/** Ranged GetObject reads of one object. */
export function s3Source(deps: Pick<AppDeps, 'config'>, key: string, size: number): RandomAccessSource {
  const { client, bucket } = s3Client(deps.config);
  return {
    size,
    async read(offset, length) {
      const end = Math.min(size, offset + length) - 1;
      if (end < offset) return Buffer.alloc(0);
      const res = await client.send(
        new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=${offset}-${end}` }),
      );
      return Buffer.from(await res.Body!.transformToByteArray());
    },
  };
}

/** The bytes of a stored file (or an inclusive byte range of it), for downloads. */
export function storedFileStream(
  deps: Deps,
  file: FileRef,
  range?: { start: number; end: number },
): Readable {
  if (file.storage === 'local')
    return fs.createReadStream(localFilePath(deps, file.storage_key), range ? { ...range } : {});
  const out = new PassThrough();
  const { client, bucket } = s3Client(deps.config);
  client
    .send(
      new GetObjectCommand({
        Bucket: bucket,
        Key: file.storage_key,
        ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
      }),
    )
    .then((res) => pipeline(res.Body as Readable, out))
    .catch((error: unknown) => out.destroy(error as Error));
  return out;
}

/**
 * A path on local disk with the file's bytes (ffmpeg needs one): the file itself for local storage,
 * a temporary download under DATA_DIR/tmp for S3. Call cleanup() when done.
 */
export async function localCopy(
  deps: Deps,
  file: FileRef,
): Promise<{ path: string; cleanup(): Promise<void> }> {
  if (file.storage === 'local')
    return { path: localFilePath(deps, file.storage_key), cleanup: async () => {} };
  const dir = path.join(deps.config.dataDir, 'tmp');
  await fsp.mkdir(dir, { recursive: true });
  const target = path.join(dir, `s3-${randomBytes(8).toString('hex')}`);
  try {
    await pipeline(storedFileStream(deps, file), fs.createWriteStream(target));
  } catch (error) {
    await fsp.rm(target, { force: true });
    throw error;
  }
  return { path: target, cleanup: () => fsp.rm(target, { force: true }) };
}

/** Deletes the stored_files row, then its bytes. Refused while another row still points at the file. */
export async function deleteStoredFile(deps: Deps, file: Pick<StoredFile, 'id' | 'storage' | 'storage_key'>) {
  try {
    await deps.db.deleteFrom('stored_files').where('id', '=', file.id).execute();
  } catch (error) {
    if ((error as { code?: string }).code === '23503') throw conflict('该文件仍被引用，不能删除');
    throw error;
  }
  await deleteStoredBytes(deps, file);
}

/**
 * Deletes, in `tx`, the stored_files rows of `ids` that no other row points at, and returns them so
 * the caller removes their bytes (deleteStoredBytes) once `tx` has committed. A file still referenced
 * anywhere (any foreign key to stored_files) is kept with its bytes: each delete runs under a
 * savepoint, so the refusal undoes only that delete and not the caller's transaction.
 */
export async function deleteUnreferencedFileRows(
  tx: Transaction<DB>,
  ids: readonly string[],
): Promise<Pick<StoredFile, 'id' | 'storage' | 'storage_key'>[]> {
  const deleted: Pick<StoredFile, 'id' | 'storage' | 'storage_key'>[] = [];
  for (const id of ids) {
    await sql`SAVEPOINT delete_stored_file`.execute(tx);
    try {
      const row = await tx
        .deleteFrom('stored_files')
        .where('id', '=', id)
        .returning(['id', 'storage', 'storage_key'])
        .executeTakeFirst();
      await sql`RELEASE SAVEPOINT delete_stored_file`.execute(tx);
      if (row) deleted.push(row);
    } catch (error) {
      if ((error as { code?: string }).code !== '23503') throw error;
      await sql`ROLLBACK TO SAVEPOINT delete_stored_file`.execute(tx);
      await sql`RELEASE SAVEPOINT delete_stored_file`.execute(tx);
    }
  }
  return deleted;
}

/** Removes the bytes only (the row is gone or was never written). */
export async function deleteStoredBytes(
  deps: Pick<AppDeps, 'config'>,
  file: Pick<StoredFile, 'storage' | 'storage_key'>,
) {
  if (file.storage === 'local') {
    await fsp.rm(localFilePath(deps, file.storage_key), { force: true });
    return;
  }
  const { client, bucket } = s3Client(deps.config);
  await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: file.storage_key }));
}
