import fs from 'node:fs';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { LectureFileView } from '@jiangtai/contracts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { s3Client } from '../uploads/s3.ts';
import { startS3rver } from '../uploads/s3rver.test-support.ts';
import { runTus, tempDir } from '../uploads/test-support.ts';
import { ABANDONED_AFTER_MS, sweepAbandonedLectureFiles } from './abandoned-files.ts';
import { lecturesScene, type LecturesScene } from './test-lectures-scene.ts';

/** The abandoned-upload sweep with the bucket as storage: the objects go with the rows. */
const BUCKET = 'jiangtai-test';
let s3dir: string;
let dataDir: string;
let s3: Awaited<ReturnType<typeof startS3rver>>;
let t: TestContext;
let s: LecturesScene;
let endpoint: string;
beforeAll(async () => {
  s3dir = tempDir('jt-s3rver-');
  dataDir = tempDir('jt-abandoned-s3-');
  s3 = await startS3rver(s3dir, BUCKET);
  t = await createTestContext({
    env: {
      DATA_DIR: dataDir,
      S3_ENDPOINT: s3.endpoint,
      S3_BUCKET: BUCKET,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
    },
  });
  s = await lecturesScene(t);
  endpoint = `${await t.app.listen({ host: '127.0.0.1', port: 0 })}/api/uploads`;
});
afterAll(async () => {
  await t?.close();
  await s3?.close();
  fs.rmSync(s3dir, { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function objectExists(key: string) {
  const { client } = s3Client(t.deps.config);
  try {
    await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    return true;
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404)
      return false;
    throw error;
  }
}

describe('abandoned lecture uploads in S3 storage', () => {
  it('deletes the photo’s and the thumbnail’s objects with their rows after a day', async () => {
    const bytes = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#336699' } })
      .jpeg()
      .toBuffer();
    const res = await runTus(endpoint, bytes, {
      cookie: s.as.sec.cookie,
      csrf: s.as.sec.csrf,
      metadata: { purpose: 'lecture-file', orgId: s.branch.id, kind: 'photo', filename: '现场.jpg' },
    });
    expect(res.error, res.body).toBeNull();
    const id = (JSON.parse(res.body) as LectureFileView).id;
    const row = await t.db
      .selectFrom('lecture_record_files')
      .select(['file_id', 'thumb_file_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const stored = await t.db
      .selectFrom('stored_files')
      .select(['id', 'storage', 'storage_key'])
      .where('id', 'in', [row.file_id, row.thumb_file_id!])
      .execute();
    expect(stored.map((f) => f.storage)).toEqual(['s3', 's3']);
    for (const f of stored) expect(await objectExists(f.storage_key)).toBe(true);

    expect(await sweepAbandonedLectureFiles(t.deps)).toBe(0);
    t.clock.advance(ABANDONED_AFTER_MS + 60_000);
    expect(await sweepAbandonedLectureFiles(t.deps)).toBe(1);
    for (const f of stored) expect(await objectExists(f.storage_key)).toBe(false);
    const left = await t.db
      .selectFrom('stored_files')
      .select('id')
      .where(
        'id',
        'in',
        stored.map((f) => f.id),
      )
      .execute();
    expect(left).toEqual([]);
  });
});
