import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { Config } from '../../config.ts';
import { s3Client, s3Settings } from './s3.ts';

/** A file to send: its size (null when missing) and its bytes, whole or an inclusive range. */
export interface ServedFile {
  size(): Promise<number | null>;
  stream(range?: { start: number; end: number }): Readable;
}

/** A file on this machine's disk. */
export function localServedFile(file: string): ServedFile {
  return {
    async size() {
      const st = await fsp.stat(file).catch(() => null);
      return st?.isFile() ? st.size : null;
    },
    stream: (range) => fs.createReadStream(file, range ? { ...range } : {}),
  };
}

/**
 * A file made from an upload by a background job (HLS output, a PDF preview). With S3 storage it
 * lives in the bucket under `key`, because the process that made it (a worker, another instance)
 * is usually not the one serving it, and every instance must read the same file. Local storage
 * keeps it at `localPath` under DATA_DIR.
 */
export function derivedFile(config: Config, key: string, localPath: string): ServedFile {
  if (!s3Settings(config)) return localServedFile(localPath);
  const { client, bucket } = s3Client(config);
  return {
    async size() {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return head.ContentLength ?? null;
      } catch (error) {
        const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
        if (status === 404) return null;
        throw error;
      }
    },
    stream(range) {
      const out = new PassThrough();
      const Range = range ? `bytes=${range.start}-${range.end}` : undefined;
      client
        .send(new GetObjectCommand({ Bucket: bucket, Key: key, Range }))
        .then((res) => pipeline(res.Body as Readable, out))
        .catch((error: unknown) => out.destroy(error as Error));
      return out;
    },
  };
}

/**
 * After a job wrote a derived file at `localPath`: with S3 storage, copies it into the bucket under
 * `key` and removes the local copy (scratch space on the machine that ran the job). Local storage:
 * nothing to do, the file is already where it is served from.
 */
export async function publishDerivedFile(
  config: Config,
  localPath: string,
  key: string,
  contentType: string,
): Promise<void> {
  if (!s3Settings(config)) return;
  const { client, bucket } = s3Client(config);
  const body = await fsp.readFile(localPath);
  await client.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: body,
      ContentLength: body.length,
      ContentType: contentType,
    }),
  );
  await fsp.rm(localPath, { force: true });
}
