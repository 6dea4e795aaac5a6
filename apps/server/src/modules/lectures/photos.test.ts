import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { HEIC_REFUSAL, type LectureFileView, type LectureRecordDetail } from '@jiangtai/contracts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { localFilePath } from '../uploads/stored-files.ts';
import { runTus, tempDir } from '../uploads/test-support.ts';
import { lecturesScene, recordBody, type LecturesScene } from './test-lectures-scene.ts';

/**
 * Photos through the real tus upload: a phone's JPEG with GPS in its EXIF, turned sideways by its
 * orientation tag, comes out upright, at most 2048 px, as a JPEG the platform wrote with no EXIF.
 */
let t: TestContext;
let s: LecturesScene;
let endpoint: string;
let dataDir: string;
beforeAll(async () => {
  dataDir = tempDir('jt-lectures-');
  t = await createTestContext({ env: { DATA_DIR: dataDir } });
  s = await lecturesScene(t);
  endpoint = `${await t.app.listen({ host: '127.0.0.1', port: 0 })}/api/uploads`;
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A 4000×3000 camera JPEG, stored sideways (orientation 6), with the phone's make and a GPS fix. */
async function phonePhoto() {
  return sharp({ create: { width: 4000, height: 3000, channels: 3, background: { r: 180, g: 40, b: 40 } } })
    .jpeg({ quality: 95 })
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: 'JiangtaiTestPhone', Model: 'GPS-Cam' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '29/1 22/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '113/1 5/1 0/1',
      },
    })
    .toBuffer();
}

const upload = (bytes: Buffer, meta: Record<string, string>, who = s.as.sec) =>
  runTus(endpoint, bytes, {
    cookie: who.cookie,
    csrf: who.csrf,
    metadata: {
      purpose: 'lecture-file',
      orgId: s.branch.id,
      kind: 'photo',
      filename: 'IMG_0001.jpg',
      ...meta,
    },
  });

describe('lecture photos', () => {
  it('stores the platform’s own JPEG: upright, shrunk, with no EXIF (no location)', async () => {
    const original = await phonePhoto();
    const before = await sharp(original).metadata();
    expect(before.exif?.includes(Buffer.from('JiangtaiTestPhone'))).toBe(true);
    expect(before.exif?.indexOf(Buffer.from([0x25, 0x88]))).toBeGreaterThan(0); // the GPS IFD pointer

    const res = await upload(original, {});
    expect(res.error, res.body).toBeNull();
    const view = JSON.parse(res.body) as LectureFileView;
    expect(view).toMatchObject({ kind: 'photo', name: 'IMG_0001.jpg', width: 1536, height: 2048 });

    const row = await t.db
      .selectFrom('lecture_record_files as f')
      .innerJoin('stored_files as s', 's.id', 'f.file_id')
      .select(['s.storage_key', 's.mime', 's.size_bytes', 'f.thumb_file_id'])
      .where('f.id', '=', view.id)
      .executeTakeFirstOrThrow();
    const stored = fs.readFileSync(localFilePath(t.deps, row.storage_key));
    const after = await sharp(stored).metadata();
    expect(after).toMatchObject({ format: 'jpeg', width: 1536, height: 2048 });
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(stored.includes(Buffer.from('JiangtaiTestPhone'))).toBe(false);
    expect(stored.includes(Buffer.from('Exif\0'))).toBe(false);
    expect(Number(row.size_bytes)).toBe(stored.length);
    // Only the platform's bytes are kept: no file under DATA_DIR is the original.
    const all = fs
      .readdirSync(`${dataDir}/files`, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile());
    for (const d of all)
      expect(fs.readFileSync(`${d.parentPath}/${d.name}`).includes(Buffer.from('JiangtaiTestPhone'))).toBe(
        false,
      );

    // Held for the uploader until the record is saved; then it follows the record.
    const thumb = await s.as.sec.get(view.thumbUrl!);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    const small = await sharp(thumb.rawPayload).metadata();
    expect(Math.max(small.width!, small.height!)).toBe(480);
    expect((await s.as.unitAdmin.get(view.url)).statusCode).toBe(404);

    const saved = await s.as.sec.post('/api/lectures/records', recordBody(s, { fileIds: [view.id] }));
    expect(saved.statusCode, saved.body).toBe(201);
    const record = saved.json<LectureRecordDetail>();
    expect(record.photoCount).toBe(1);
    expect(record.files.map((f) => f.id)).toEqual([view.id]);
    expect((await s.as.unitAdmin.get(view.url)).statusCode).toBe(200);
    expect((await s.as.secB.get(view.url)).statusCode).toBe(404);
    // Attached once: another record cannot take it.
    const again = await s.as.sec.post('/api/lectures/records', recordBody(s, { fileIds: [view.id] }));
    expect(again.statusCode).toBe(400);
  });

  it('refuses HEIC in plain words, by name and by content', async () => {
    const byName = await upload(await phonePhoto(), { filename: 'IMG_0002.HEIC', filetype: 'image/heic' });
    expect(byName.status).toBe(415);
    expect(JSON.parse(byName.body).detail).toBe(HEIC_REFUSAL);
    const box = (type: string, body: Buffer) => {
      const head = Buffer.alloc(8);
      head.writeUInt32BE(8 + body.length);
      head.write(type, 4, 'latin1');
      return Buffer.concat([head, body]);
    };
    const heic = Buffer.concat([
      box('ftyp', Buffer.from('heic\0\0\0\0mif1heic', 'latin1')),
      box('mdat', Buffer.alloc(4096, 7)),
    ]);
    const byContent = await upload(heic, { filename: 'IMG_0003.jpg', filetype: 'image/jpeg' });
    expect(byContent.status).toBe(415);
    expect(JSON.parse(byContent.body).detail).toBe(HEIC_REFUSAL);
  });

  it('refuses a 40 MB photo before a byte is sent, naming the limit', async () => {
    const res = await upload(Buffer.alloc(40 * 1024 * 1024, 1), {});
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).detail).toMatch(/超过上限 20(\.0)? MB/);
  });

  it('refuses a broken photo and keeps nothing, and uploads only for a branch one records for', async () => {
    const broken = Buffer.concat([(await phonePhoto()).subarray(0, 2000)]);
    const res = await upload(broken, {});
    expect(res.status).toBe(415);
    expect(JSON.parse(res.body).detail).toContain('照片无法读取');
    expect((await upload(await phonePhoto(), {}, s.as.secB)).status).toBe(403);
    expect((await upload(await phonePhoto(), {}, s.as.li)).status).toBe(403);
    expect((await upload(await phonePhoto(), { orgId: '987654' })).status).toBe(404);
  });

  it('takes a PDF manuscript as it is', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');
    const res = await upload(pdf, { kind: 'manuscript', filename: '讲稿.pdf' });
    expect(res.error, res.body).toBeNull();
    expect(JSON.parse(res.body)).toMatchObject({ kind: 'manuscript', thumbUrl: null, name: '讲稿.pdf' });
  });
});
