import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { LectureFileView } from '@jiangtai/contracts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { uploadPurposes } from '../index.ts';
import { createUploadStore } from '../uploads/store.ts';
import { localFilePath } from '../uploads/stored-files.ts';
import { sweepExpiredUploads } from '../uploads/sweep.ts';
import { runTus, tempDir } from '../uploads/test-support.ts';
import { ABANDONED_AFTER_MS } from './abandoned-files.ts';
import { lecturesScene, recordBody, type LecturesScene } from './test-lectures-scene.ts';

/**
 * Files uploaded while a lecture form was open and never saved with a record go after a day, rows and
 * bytes, through the periodic upload sweep; saved ones, younger ones and files something else still
 * points at stay.
 */
let t: TestContext;
let s: LecturesScene;
let endpoint: string;
let dataDir: string;
beforeAll(async () => {
  dataDir = tempDir('jt-abandoned-');
  t = await createTestContext({ env: { DATA_DIR: dataDir } });
  s = await lecturesScene(t);
  endpoint = `${await t.app.listen({ host: '127.0.0.1', port: 0 })}/api/uploads`;
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const HOUR = 3600_000;
const photo = () =>
  sharp({ create: { width: 300, height: 200, channels: 3, background: { r: 20, g: 90, b: 160 } } })
    .jpeg()
    .toBuffer();
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');

async function upload(who: LecturesScene['as']['sec'], bytes: Buffer, meta: Record<string, string> = {}) {
  const res = await runTus(endpoint, bytes, {
    cookie: who.cookie,
    csrf: who.csrf,
    metadata: { purpose: 'lecture-file', orgId: s.branch.id, kind: 'photo', filename: '现场.jpg', ...meta },
  });
  expect(res.error, res.body).toBeNull();
  return (JSON.parse(res.body) as LectureFileView).id;
}

/** The stored files of a lecture file row (the file and a photo's thumbnail), with their keys. */
async function storedOf(id: string) {
  const row = await t.db
    .selectFrom('lecture_record_files')
    .select(['file_id', 'thumb_file_id'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const ids = [row.file_id, ...(row.thumb_file_id ? [row.thumb_file_id] : [])];
  return t.db.selectFrom('stored_files').select(['id', 'storage_key']).where('id', 'in', ids).execute();
}
const onDisk = (key: string) => fs.existsSync(localFilePath(t.deps, key));
const fileRow = (id: string) =>
  t.db.selectFrom('lecture_record_files').select('id').where('id', '=', id).executeTakeFirst();
const storedRows = async (ids: string[]) =>
  (await t.db.selectFrom('stored_files').select('id').where('id', 'in', ids).execute()).length;

const sweep = () =>
  sweepExpiredUploads(
    t.deps,
    createUploadStore(t.deps),
    uploadPurposes.map((p) => p(t.deps)),
  );

describe('abandoned lecture uploads', () => {
  it('go after a day with their bytes; saved, younger and still-referenced files stay', async () => {
    const abandoned = await upload(s.as.sec, await photo());
    const saved = await upload(s.as.sec, await photo());
    const referenced = await upload(s.as.sec, pdf, { kind: 'manuscript', filename: '讲稿.pdf' });
    const res = await s.as.sec.post('/api/lectures/records', recordBody(s, { fileIds: [saved] }));
    expect(res.statusCode, res.body).toBe(201);
    // Something else (a preview of the manuscript) points at the third file's stored file.
    const [manuscript] = await storedOf(referenced);
    await t.db.insertInto('document_previews').values({ file_id: manuscript!.id }).execute();

    const abandonedFiles = await storedOf(abandoned);
    const savedFiles = await storedOf(saved);
    expect(abandonedFiles).toHaveLength(2);
    for (const f of [...abandonedFiles, ...savedFiles, manuscript!]) expect(onDisk(f.storage_key)).toBe(true);

    // Half a day later a new form is opened and a photo uploaded; nothing is old enough yet.
    t.clock.advance(12 * HOUR);
    const sec = await t.login('lec_sec');
    const younger = await upload(sec, await photo());
    expect(await sweep()).toBe(0);
    expect(await fileRow(abandoned)).toBeDefined();

    t.clock.advance(ABANDONED_AFTER_MS - 12 * HOUR + 60_000);
    expect(await sweep()).toBe(2);

    expect(await fileRow(abandoned)).toBeUndefined();
    expect(await storedRows(abandonedFiles.map((f) => f.id))).toBe(0);
    for (const f of abandonedFiles) expect(onDisk(f.storage_key), 'photo and thumbnail bytes').toBe(false);

    expect(await fileRow(referenced), 'the pending row itself goes').toBeUndefined();
    expect(await storedRows([manuscript!.id]), 'the referenced stored file stays').toBe(1);
    expect(onDisk(manuscript!.storage_key)).toBe(true);

    expect(await fileRow(saved)).toBeDefined();
    for (const f of savedFiles) expect(onDisk(f.storage_key)).toBe(true);
    expect(await fileRow(younger)).toBeDefined();
    expect(await sweep(), 'nothing left to do').toBe(0);

    // A draft still naming the swept photo is told to upload it again; nothing is saved.
    const count = async () => (await t.db.selectFrom('lecture_records').select('id').execute()).length;
    const before = await count();
    const late = await (
      await t.login('lec_sec')
    ).post('/api/lectures/records', recordBody(s, { fileIds: [abandoned] }));
    expect(late.statusCode).toBe(400);
    expect(late.json<{ detail: string }>().detail).toBe('有附件不存在或不属于这条记录，请重新上传');
    expect(await count()).toBe(before);
  });
});
