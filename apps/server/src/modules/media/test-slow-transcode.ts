import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { enqueueTranscode } from './assets-service.ts';
import { makeTestVideo } from './test-media.ts';

/**
 * A stored video whose transcode job is queued and takes long enough to interrupt: 10-bit H.264 is
 * not remuxable, so the job runs a real ladder encode. For the tests that kill or race the runner.
 */
export async function queueSlowTranscode(db: Kysely<DB>, dataDir: string, folder: string) {
  const source = await makeTestVideo({ seconds: 8, width: 1280, height: 720, pixFmt: 'yuv420p10le' });
  const key = `${folder}/video.mp4`;
  fs.mkdirSync(path.join(dataDir, 'files', folder), { recursive: true });
  fs.copyFileSync(source, path.join(dataDir, 'files', key));
  const file = await db
    .insertInto('stored_files')
    .values({
      detected_type: 'mp4',
      mime: 'video/mp4',
      size_bytes: fs.statSync(source).size,
      sha256: '0'.repeat(64),
      original_name: '宣讲视频.mp4',
      storage: 'local',
      storage_key: key,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { jobId } = await enqueueTranscode(db, { fileId: file.id, orgPath: null, now: new Date() });
  return { fileId: file.id, jobId };
}
