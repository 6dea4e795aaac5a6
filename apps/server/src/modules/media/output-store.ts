import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../config.ts';
import { derivedFile, publishDerivedFile, type ServedFile } from '../uploads/derived-files.ts';
import { s3Settings } from '../uploads/s3.ts';
import { mediaDir } from './assets-service.ts';

export const CONTENT_TYPES: Record<string, string> = {
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.ts': 'video/mp2t',
  '.m4s': 'video/mp4',
  '.mp4': 'video/mp4',
  '.jpg': 'image/jpeg',
};

/** The bucket key of one published HLS output file (playlist, segment, poster). */
const outputKey = (fileId: string, name: string) => `media/${fileId}/${name}`;

/**
 * One published HLS output file of a stored video: in the bucket with S3 storage (the worker that
 * transcoded it is not the instance serving it), else in DATA_DIR/media/<fileId>/.
 */
export function mediaOutputFile(config: Config, fileId: string, name: string): ServedFile {
  return derivedFile(config, outputKey(fileId, name), path.join(mediaDir(config, fileId), name));
}

/**
 * After a transcode wrote DATA_DIR/media/<fileId>/: with S3 storage, copies every output file into
 * the bucket (segments first, playlists last) and removes the local folder. Local storage: nothing
 * to do.
 */
export async function publishMediaOutputs(config: Config, fileId: string): Promise<void> {
  if (!s3Settings(config)) return;
  const dir = mediaDir(config, fileId);
  const names = await fsp.readdir(dir);
  const put = (name: string) =>
    publishDerivedFile(
      config,
      path.join(dir, name),
      outputKey(fileId, name),
      CONTENT_TYPES[path.extname(name)] ?? 'application/octet-stream',
    );
  const segments = names.filter((n) => !n.endsWith('.m3u8'));
  // A few at a time: a long video has hundreds of segments.
  for (let i = 0; i < segments.length; i += 4) await Promise.all(segments.slice(i, i + 4).map(put));
  // The master playlist last: whoever can read it finds everything it names.
  const playlists = names.filter((n) => n.endsWith('.m3u8') && n !== 'master.m3u8');
  for (const name of [...playlists, ...names.filter((n) => n === 'master.m3u8')]) await put(name);
  await fsp.rm(dir, { recursive: true, force: true });
}
