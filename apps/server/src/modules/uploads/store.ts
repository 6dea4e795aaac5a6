import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CopyObjectCommand, DeleteObjectsCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { FileStore } from '@tus/file-store';
import { S3Store } from '@tus/s3-store';
import type { DataStore } from '@tus/utils';
import type { AppDeps } from '../../lib/deps.ts';
import { fileSource, type RandomAccessSource } from '../media/source.ts';
import { FileHasher } from './file-hasher.ts';
import { RunningHashes } from './running-hash.ts';
import { s3Client, s3Settings } from './s3.ts';
import { localFilePath, s3Source } from './stored-files.ts';

/**
 * Where tus keeps uploads while they are incomplete, and how a complete one is checked and moved to
 * its final place. Local: DATA_DIR/uploads/<id> (+ <id>.json), renamed into DATA_DIR/files (same
 * filesystem, so the move is atomic). S3: the tus object <id> (+ <id>.info), copied to its final key.
 */
export interface UploadStore {
  kind: 'local' | 's3';
  datastore: DataStore;
  /** Random access to a complete upload that is still in the tus store. */
  open(id: string, size: number): Promise<RandomAccessSource>;
  /** SHA-256 of the complete upload: hashed while it arrived, or read again after a restart. */
  sha256(id: string, size: number): Promise<string>;
  /** Moves the complete upload to its final storage key; the tus copy is gone afterwards. */
  publish(id: string, key: string): Promise<void>;
  /** Removes whatever the tus store holds for this id; missing parts are fine. */
  discard(id: string): Promise<void>;
  /** Upload ids in the store last touched before `before` (orphans have no session row). */
  stale(before: Date): Promise<string[]>;
  /** Releases connections and the hashing thread (app shutdown). */
  close(): Promise<void>;
}

export function createUploadStore(deps: Pick<AppDeps, 'config'>): UploadStore {
  return s3Settings(deps.config) ? s3UploadStore(deps) : localUploadStore(deps);
}

export const uploadsDir = (deps: Pick<AppDeps, 'config'>) => path.join(deps.config.dataDir, 'uploads');

async function hashStream(stream: Readable): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(stream, hash);
  return hash.digest('hex');
}

function localUploadStore(deps: Pick<AppDeps, 'config'>): UploadStore {
  const dir = uploadsDir(deps);
  const dataPath = (id: string) => path.join(dir, id);
  const hasher = new FileHasher();
  // Made on first use: an app that never receives an upload leaves no folder behind.
  let datastore: FileStore | undefined;
  return {
    kind: 'local',
    get datastore() {
      if (!datastore) {
        fs.mkdirSync(dir, { recursive: true });
        const store = new FileStore({ directory: dir });
        const write = store.write.bind(store);
        store.write = (readable, id, offset) => {
          hasher.follow(dataPath(id));
          return write(readable, id, offset);
        };
        datastore = store;
      }
      return datastore;
    },
    open: (id) => fileSource(dataPath(id)),
    sha256: async (id, size) =>
      (await hasher.digest(dataPath(id), size)) ??
      hashStream(fs.createReadStream(dataPath(id), { highWaterMark: 1024 * 1024 })),
    async publish(id, key) {
      const target = localFilePath(deps, key);
      await fsp.mkdir(path.dirname(target), { recursive: true });
      await fsp.rename(dataPath(id), target);
      await fsp.rm(`${dataPath(id)}.json`, { force: true });
    },
    async discard(id) {
      hasher.forget(dataPath(id));
      await fsp.rm(dataPath(id), { force: true });
      await fsp.rm(`${dataPath(id)}.json`, { force: true });
    },
    async stale(before) {
      if (!fs.existsSync(dir)) return [];
      const names = await fsp.readdir(dir);
      const ids = new Set(names.map((n) => n.replace(/\.json$/, '')));
      const old: string[] = [];
      for (const id of ids) {
        const stat = await fsp
          .stat(dataPath(id))
          .catch(() => fsp.stat(`${dataPath(id)}.json`).catch(() => null));
        if (stat && stat.mtime < before) old.push(id);
      }
      return old;
    },
    close: () => hasher.close(),
  };
}

function s3UploadStore(deps: Pick<AppDeps, 'config'>): UploadStore {
  const settings = s3Settings(deps.config)!;
  const { client, bucket } = s3Client(deps.config);
  const hashes = new RunningHashes();
  const datastore = hashes.attach(
    new S3Store({ partSize: 8 * 1024 * 1024, s3ClientConfig: settings.client }),
  );
  const deleteKeys = (keys: string[]) =>
    client.send(
      new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys.map((Key) => ({ Key })) } }),
    );
  return {
    kind: 's3',
    datastore,
    open: async (id, size) => s3Source(deps, id, size),
    async sha256(id, size) {
      const running = hashes.take(id, size);
      if (running) return running;
      const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: id }));
      return hashStream(res.Body as Readable);
    },
    async publish(id, key) {
      await client.send(
        new CopyObjectCommand({
          Bucket: bucket,
          Key: key,
          CopySource: `${bucket}/${encodeURIComponent(id)}`,
        }),
      );
      await deleteKeys([id, `${id}.info`]);
    },
    async discard(id) {
      hashes.forget(id);
      // Aborts the multipart upload if it is still open, then deletes what is left.
      await datastore.remove(id).catch(() => undefined);
      await deleteKeys([id, `${id}.info`, `${id}.part`]);
    },
    // Session rows cover every upload this server created; a bucket lifecycle rule for aborted
    // multipart uploads covers the rest.
    stale: async () => [],
    // S3Store keeps its own client (a protected field); close its sockets with ours.
    async close() {
      (datastore as unknown as { client: { destroy(): void } }).client.destroy();
    },
  };
}
