import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntryDetail, MaterialUploadResult } from '@jiangtai/contracts';
import { Document, Packer, Paragraph } from 'docx';
import type { TestContext } from '../../test/harness.ts';
import { makeTestVideo } from '../media/test-media.ts';
import { pdfLike, runTus } from '../uploads/test-support.ts';
import { createEntry, entriesTestContext, publishedCampaign, speaker } from './test-scene.ts';

/**
 * The 'entry-material' upload end to end through tus on a listening app: the spec check runs at
 * once, refusals keep nothing, accepted videos carry their warnings and are queued for HLS.
 */
let ctx: Awaited<ReturnType<typeof entriesTestContext>>;
let t: TestContext;
let endpoint: string;
let zhang: Awaited<ReturnType<typeof speaker>>;
let otherAdmin: Awaited<ReturnType<TestContext['login']>>;
let eduAdmin: Awaited<ReturnType<TestContext['login']>>;
let entryId: string;

beforeAll(async () => {
  ctx = await entriesTestContext();
  t = ctx.t;
  const f = t.factories;
  const organs = await f.org({ name: '市直机关工委', type: 'committee' });
  const edu = await f.org({ name: '市教育局', type: 'unit', parent: organs });
  const branch = await f.org({ name: '教育局第一党支部', type: 'branch', parent: edu });
  const finance = await f.org({ name: '市财政局', type: 'unit', parent: organs });
  await f.user([{ role: 'unit_admin', org: finance }], { username: 'u_fin' });
  otherAdmin = await t.login('u_fin');
  await f.user([{ role: 'unit_admin', org: edu }], { username: 'u_edu' });
  eduAdmin = await t.login('u_edu');
  zhang = await speaker(t, branch, 'u_zhang', { name: '张三' });
  const campaignId = await publishedCampaign(t, organs);
  entryId = (await createEntry(zhang.client, campaignId)).id;
  endpoint = `${await t.app.listen({ host: '127.0.0.1', port: 0 })}/api/uploads`;
});
afterAll(async () => ctx.close());

const upload = (file: Buffer | string, material: string, who = zhang.client, name = 'file') =>
  runTus(endpoint, typeof file === 'string' ? fs.readFileSync(file) : file, {
    cookie: who.cookie,
    csrf: who.csrf,
    metadata: { purpose: 'entry-material', entryId, material, filename: name },
  });

describe('entry material uploads', () => {
  it('accepts a playable MP4 with its warnings in Chinese, and queues it for HLS', async () => {
    const res = await upload(await makeTestVideo({ seconds: 2 }), 'video', zhang.client, '宣讲.mp4');
    expect(res.error).toBeNull();
    const body = JSON.parse(res.body) as MaterialUploadResult;
    expect(body.findings.length).toBeGreaterThan(0);
    expect(body.findings.every((f) => f.severity === 'warn')).toBe(true);
    expect(body.findings.map((f) => f.message).join('')).toContain('分辨率 320×240，要求 1920×1080');
    const entry = (await zhang.client.get(`/api/entries/${entryId}`)).json<EntryDetail>();
    const video = entry.materials.find((m) => m.material === 'video')!;
    expect(video).toMatchObject({
      id: body.materialId,
      current: true,
      fileName: '宣讲.mp4',
      detectedType: 'mp4',
    });
    expect(entry.completeness.items.find((i) => i.material === 'video')?.status).toBe('warn');
    const jobs = await t.db.selectFrom('jobs').selectAll().where('type', '=', 'media.transcode').execute();
    expect(jobs.map((j) => j.payload)).toEqual([{ fileId: video.fileId }]);
  });

  it('refuses an MKV with the spec message and keeps nothing', async () => {
    const before = await t.db.selectFrom('stored_files').select('id').execute();
    const res = await upload(await makeTestVideo({ container: 'mkv', extension: 'mp4' }), 'video');
    expect(res.error).not.toBeNull();
    expect(res.status).toBe(422);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'MEDIA_SPEC_REJECTED' });
    expect(JSON.parse(res.body).detail).toContain('文件不是 MP4 格式');
    expect(await t.db.selectFrom('stored_files').select('id').execute()).toHaveLength(before.length);
    const entry = (await zhang.client.get(`/api/entries/${entryId}`)).json<EntryDetail>();
    expect(entry.materials.filter((m) => m.material === 'video')).toHaveLength(1);
  });

  it("accepts an iPhone's HEVC .MOV with a finding, keeps the original and queues its conversion", async () => {
    const mov = await makeTestVideo({ container: 'mov', codec: 'hevc', extension: 'MOV' });
    const res = await upload(mov, 'video', zhang.client, 'IMG_0001.MOV');
    expect(res.error).toBeNull();
    const body = JSON.parse(res.body) as MaterialUploadResult;
    expect(body.findings.every((f) => f.severity === 'warn')).toBe(true);
    expect(body.findings.find((f) => f.code === 'mov_converted')?.message).toContain(
      'iPhone 等设备拍摄的 MOV 文件（要求 MP4）：已接受，系统自动转换为 H.264 标准格式',
    );
    const entry = (await zhang.client.get(`/api/entries/${entryId}`)).json<EntryDetail>();
    const video = entry.materials.find((m) => m.id === body.materialId)!;
    expect(video).toMatchObject({ current: true, fileName: 'IMG_0001.MOV', detectedType: 'mov' });
    const stored = await t.db
      .selectFrom('stored_files')
      .select(['sha256', 'size_bytes'])
      .where('id', '=', video.fileId)
      .executeTakeFirstOrThrow();
    expect(Number(stored.size_bytes)).toBe(fs.statSync(mov).size); // the original, as uploaded
    const job = await t.db
      .selectFrom('jobs')
      .select('payload')
      .where('type', '=', 'media.transcode')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(job.payload).toEqual({ fileId: video.fileId });
  });

  it('takes a PDF manuscript and refuses a PDF as courseware from another unit (404, as if missing)', async () => {
    const ok = await upload(pdfLike(4096), 'manuscript', zhang.client, '讲稿.pdf');
    expect(ok.error).toBeNull();
    expect(JSON.parse(ok.body)).toMatchObject({ findings: [] });
    const denied = await upload(pdfLike(4096), 'courseware', otherAdmin);
    expect(denied.status).toBe(404);
  });

  it('queues the platform PDF for every document: the earlier PDF manuscript and a Word one', async () => {
    const docx = Buffer.from(
      await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('讲稿正文')] }] })),
    );
    const res = await upload(docx, 'manuscript', zhang.client, '讲稿.docx');
    expect(res.error).toBeNull();
    const entry = (await zhang.client.get(`/api/entries/${entryId}`)).json<EntryDetail>();
    const manuscript = entry.materials.find((m) => m.material === 'manuscript' && m.current)!;
    expect(manuscript.detectedType).toBe('docx');
    const earlier = entry.materials.find((m) => m.material === 'manuscript' && !m.current)!;
    expect(earlier.detectedType).toBe('pdf');
    // A PDF is rendered too: blind judges get only what the platform made, never the upload.
    const previews = await t.db.selectFrom('document_previews').selectAll().orderBy('file_id').execute();
    expect(previews.map((p) => [p.file_id, p.status])).toEqual([
      [earlier.fileId, 'pending'],
      [manuscript.fileId, 'pending'],
    ]);
    const jobs = await t.db
      .selectFrom('jobs')
      .selectAll()
      .where('type', '=', 'document.preview')
      .orderBy('id')
      .execute();
    expect(jobs.map((j) => j.payload)).toEqual([{ fileId: earlier.fileId }, { fileId: manuscript.fileId }]);
  });

  it('takes the stamped 推荐表 from the unit admin while the entry is still a draft, not from the speaker', async () => {
    expect((await zhang.client.get(`/api/entries/${entryId}`)).json<EntryDetail>().state).toBe('draft');
    const bySpeaker = await upload(pdfLike(2048), 'recommendation_scan', zhang.client, '推荐表.pdf');
    expect(bySpeaker.status).toBe(403);
    const res = await upload(pdfLike(2048), 'recommendation_scan', eduAdmin, '推荐表.pdf');
    expect(res.error).toBeNull();
    const entry = (await eduAdmin.get(`/api/entries/${entryId}`)).json<EntryDetail>();
    expect(entry.completeness.items.find((i) => i.material === 'recommendation_scan')?.status).toBe('ok');
  });

  it('refuses a file whose content does not fit the slot, and bad metadata (400)', async () => {
    const wrong = await upload(pdfLike(4096), 'video');
    expect(wrong.error).not.toBeNull();
    expect([415, 422]).toContain(wrong.status);
    const bad = await runTus(endpoint, pdfLike(1024), {
      cookie: zhang.client.cookie,
      csrf: zhang.client.csrf,
      metadata: { purpose: 'entry-material', entryId, material: 'poster' },
    });
    expect(bad.status).toBe(400);
  });

  it('refuses an upload after the deadline before any byte is sent (409)', async () => {
    t.clock.set(new Date('2026-09-01T00:00:00Z')); // 初赛 closed at the end of 2026-08-31 (Beijing)
    try {
      const late = await t.login('u_zhang'); // sessions last hours: sign in on the later day
      const res = await upload(pdfLike(2048), 'manuscript', late);
      expect(res.status).toBe(409);
      expect(JSON.parse(res.body)).toMatchObject({ code: 'ENTRY_LATE' });
    } finally {
      t.clock.set(new Date('2026-07-01T02:00:00Z'));
    }
  });
});
