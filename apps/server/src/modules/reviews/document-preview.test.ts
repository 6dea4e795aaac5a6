import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph } from 'docx';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { attachFile } from '../entries/test-scene.ts';
import { previewJobHandler } from '../previews/preview-job.ts';
import { previewPath } from '../previews/previews-service.ts';
import { readZip } from './zip-read.ts';
import { openSemifinal, reviewScene, type ReviewScene, type RoundView } from './test-scene.ts';

/**
 * Office manuscripts and courseware are turned into PDFs by LibreOffice so judges can read them in
 * the browser. The sources name the speaker in their properties (LibreOffice would copy those into
 * the PDF's Info dictionary); the preview a judge gets must not.
 */

const IDENTITY = ['张三', '市教育局', '13800001234'];

// CI installs LibreOffice (.ci/run); a missing soffice must fail loudly, not skip the blind check.
function requireSoffice() {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'pipe', timeout: 60_000 });
  } catch {
    throw new Error(
      '未找到 LibreOffice（soffice），请先安装：apt-get install -y --no-install-recommends ' +
        'libreoffice-writer-nogui libreoffice-impress-nogui / soffice not found: install those packages',
    );
  }
}

const utf16be = (text: string) => Buffer.from(Buffer.from(text, 'utf16le').swap16());
function encodings(text: string): Buffer[] {
  const utf8 = Buffer.from(text, 'utf8');
  const utf16 = utf16be(text);
  const hex = [utf8, utf16].flatMap((b) => [b.toString('hex'), b.toString('hex').toUpperCase()]);
  return [utf8, utf16, ...hex.map((h) => Buffer.from(h, 'latin1'))];
}
const leaks = (body: Buffer) => IDENTITY.filter((x) => encodings(x).some((b) => body.includes(b)));

async function docx() {
  const doc = new Document({
    creator: '张三',
    lastModifiedBy: '张三',
    title: '市教育局 张三的党课讲稿',
    description: '联系电话 13800001234',
    sections: [{ children: [new Paragraph('一、问题的提出'), new Paragraph('二、身边的故事')] }],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}

/** A real PPTX: a flat ODP with the identity in its metadata, saved as PPTX by LibreOffice itself. */
function pptx() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pptx-'));
  try {
    fs.writeFileSync(
      path.join(dir, 'slides.fodp'),
      `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.presentation">
 <office:meta><meta:initial-creator>张三</meta:initial-creator><dc:creator>张三</dc:creator><dc:title>市教育局 13800001234</dc:title></office:meta>
 <office:body><office:presentation><draw:page draw:name="p1"><draw:frame svg:x="2cm" svg:y="2cm" svg:width="20cm" svg:height="3cm"><draw:text-box><text:p>一、问题的提出</text:p></draw:text-box></draw:frame></draw:page></office:presentation></office:body>
</office:document>`,
    );
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${dir}/profile`,
        '--headless',
        '--norestore',
        '--convert-to',
        'pptx',
        '--outdir',
        dir,
        path.join(dir, 'slides.fodp'),
      ],
      { stdio: 'pipe', timeout: 120_000 },
    );
    return fs.readFileSync(path.join(dir, 'slides.pptx'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

let t: TestContext;
let s: ReviewScene;
let round: RoundView;
let code: string;
const files: Record<'manuscript' | 'courseware', string> = { manuscript: '', courseware: '' };
const sources: Record<'manuscript' | 'courseware', Buffer> = {
  manuscript: Buffer.alloc(0),
  courseware: Buffer.alloc(0),
};

beforeAll(async () => {
  requireSoffice();
  t = await createTestContext();
  s = await reviewScene(t, 'dp');
  const first = s.entries[0]!; // 张三 of 市教育局
  sources.manuscript = await docx();
  sources.courseware = pptx();
  for (const [material, type] of [
    ['manuscript', 'docx'],
    ['courseware', 'pptx'],
  ] as const) {
    const f = await attachFile(t, t.deps.config.dataDir, first.id, material, {
      type,
      bytes: sources[material],
    });
    files[material] = f.fileId;
  }
  round = await openSemifinal(s.organiser.client, s.campaignId, {
    materials: ['manuscript', 'courseware'],
    blind: true,
  });
  await s.organiser.client.post(`/api/rounds/${round.round.id}/judges`, {
    userIds: s.judges.map((j) => j.id),
  });
  await s.organiser.client.post(`/api/rounds/${round.round.id}/assign`);
  code = round.entries.find((e) => e.entryId === first.id)!.code;
}, 120_000);
afterAll(async () => t?.close());

interface Doc {
  material: string;
  url: string;
  preview: { status: string; url: string | null } | null;
}
const itemUrl = () => `/api/judging/rounds/${round.round.id}/items/${code}`;
// Judge 1 belongs to 市教育局 and never gets its entries; judge 2 is assigned (3 of the other 3).
const assigned = () => s.judges[1]!.client;
const outsider = () => s.judges[0]!.client;

async function runJob(fileId: string) {
  const handler = previewJobHandler(t.deps);
  await handler(
    { id: '0', payload: { fileId }, attempt: 1, maxAttempts: 2, orgPath: null },
    { progress: async () => {}, signal: new AbortController().signal },
  );
}

describe('document previews for judges', () => {
  it('the sources really carry the identity (the test would prove nothing otherwise)', () => {
    for (const material of ['manuscript', 'courseware'] as const) {
      const core = readZip(sources[material]).find((m) => m.name === 'docProps/core.xml')!;
      expect(leaks(core.data), material).toEqual(IDENTITY);
    }
  });

  it('queues a preview when a judge opens the entry, then serves the platform PDF to the assigned judge only', async () => {
    const before = (await assigned().get(itemUrl())).json<{ documents: Doc[] }>();
    for (const d of before.documents) {
      expect(d.preview).toEqual({ status: 'pending', url: null, error: null });
      // Blind: until the platform's PDF exists there is nothing to download, never the original.
      expect(d.url).toBeNull();
      const early = await assigned().get(`${itemUrl()}/materials/${d.material}`);
      expect(early.statusCode).toBe(409);
      expect(early.json<{ detail: string }>().detail).toBe('转换中，请稍后刷新');
    }
    const jobs = await t.db
      .selectFrom('jobs')
      .select('payload')
      .where('type', '=', 'document.preview')
      .execute();
    expect(jobs.map((j) => (j.payload as { fileId: string }).fileId).sort()).toEqual(
      Object.values(files).sort(),
    );
    // Opening the page again does not queue twice.
    await assigned().get(itemUrl());
    expect(
      (await t.db.selectFrom('jobs').select('id').where('type', '=', 'document.preview').execute()).length,
    ).toBe(2);

    for (const fileId of Object.values(files)) await runJob(fileId);

    const after = (await assigned().get(itemUrl())).json<{ documents: Doc[] }>();
    for (const d of after.documents) {
      expect(d.preview?.status, d.material).toBe('ready');
      expect(d.preview?.url).toBe(`${itemUrl()}/materials/${d.material}/preview`);
      const onDisk = fs.readFileSync(previewPath(t.deps.config, files[d.material as 'manuscript']));
      expect(onDisk.subarray(0, 5).toString()).toBe('%PDF-');
      expect(leaks(onDisk), `${d.material} preview on disk`).toEqual([]);

      const res = await assigned().get(d.preview!.url!);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['cache-control']).toBe('private, no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-disposition']).toContain(`inline; filename="${code}.pdf"`);
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      expect(leaks(res.rawPayload), `${d.material} preview`).toEqual([]);
      expect(leaks(Buffer.from(JSON.stringify(res.headers))), 'headers').toEqual([]);

      expect((await outsider().get(d.preview!.url!)).statusCode).toBe(404);

      // The download is that same PDF, named by the code: the original never leaves.
      expect(d.url).toBe(`${itemUrl()}/materials/${d.material}`);
      const download = await assigned().get(d.url);
      expect(download.statusCode).toBe(200);
      expect(download.rawPayload.equals(onDisk)).toBe(true);
      expect(decodeURIComponent(String(download.headers['content-disposition']))).toContain(
        `${code}-${d.material === 'manuscript' ? '讲稿' : '课件'}.pdf`,
      );
    }
    expect((await outsider().get(itemUrl())).statusCode).toBe(404);
    const organiser = await s.organiser.client.get(`${itemUrl()}/materials/manuscript/preview`);
    expect(organiser.statusCode).toBe(404);
  }, 120_000);

  it('a conversion that fails (here: over its time limit) ends "failed" with the Chinese message', async () => {
    const slow = await attachFile(t, t.deps.config.dataDir, s.entries[1]!.id, 'manuscript', {
      type: 'docx',
      bytes: sources.manuscript,
    });
    await t.db
      .insertInto('document_previews')
      .values({ file_id: slow.fileId, status: 'pending', created_at: new Date(), updated_at: new Date() })
      .execute();
    const handler = previewJobHandler(t.deps, { timeoutMs: 1 });
    await expect(
      handler(
        { id: '0', payload: { fileId: slow.fileId }, attempt: 2, maxAttempts: 2, orgPath: null },
        { progress: async () => {}, signal: new AbortController().signal },
      ),
    ).rejects.toThrow('文档转换失败，请下载原文件查看');
    const row = await t.db
      .selectFrom('document_previews')
      .selectAll()
      .where('file_id', '=', slow.fileId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', error: '文档转换失败，请下载原文件查看' });
    expect(fs.existsSync(previewPath(t.deps.config, slow.fileId))).toBe(false);

    // A judge of this blind round is told to ask the organiser, and still gets no original.
    const slowCode = round.entries.find((e) => e.entryId === s.entries[1]!.id)!.code;
    const judge = await judgeOf(slowCode);
    const url = `/api/judging/rounds/${round.round.id}/items/${slowCode}`;
    const page = (await judge.get(url)).json<{ documents: Doc[] }>();
    const manuscript = page.documents.find((d) => d.material === 'manuscript')!;
    expect(manuscript.url).toBeNull();
    expect(manuscript.preview).toEqual({ status: 'failed', url: null, error: '转换失败，请联系组织者' });
    const res = await judge.get(`${url}/materials/manuscript`);
    expect(res.statusCode).toBe(409);
    expect(res.json<{ detail: string }>().detail).toBe('转换失败，请联系组织者');
  }, 120_000);

  it('an open (not blind) round keeps serving the original file, with the platform PDF to read', async () => {
    await t.db
      .updateTable('review_rounds')
      .set({ config: sql`jsonb_set(config, '{blind}', 'false'::jsonb)` })
      .where('id', '=', round.round.id)
      .execute();
    const page = (await assigned().get(itemUrl())).json<{ documents: (Doc & { detectedType: string })[] }>();
    const manuscript = page.documents.find((d) => d.material === 'manuscript')!;
    expect(manuscript.detectedType).toBe('docx');
    expect(manuscript.preview?.status).toBe('ready');
    const res = await assigned().get(manuscript.url);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(sources.manuscript)).toBe(true);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(`${code}-讲稿.docx`);
  });
});

/** A judge the round assigned to the entry with this code. */
async function judgeOf(entryCode: string) {
  for (const j of s.judges) {
    const queue = (await j.client.get(`/api/judging/rounds/${round.round.id}`)).json<{
      items: { code: string }[];
    }>();
    if (queue.items.some((i) => i.code === entryCode)) return j.client;
  }
  throw new Error(`no judge has ${entryCode}`);
}
