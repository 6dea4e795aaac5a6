import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph } from 'docx';
import { createTestContext, type Client, type TestContext } from '../../test/harness.ts';
import { attachFile } from '../entries/test-scene.ts';
import { makeTestVideo } from '../media/test-media.ts';
import { probeForTranscode } from '../media/transcode-probe.ts';
import { transcodeToHls } from '../media/transcode.ts';
import { mediaDir } from '../media/assets-service.ts';
import { ensurePreview } from '../previews/previews-service.ts';
import { previewJobHandler } from '../previews/preview-job.ts';
import { openSemifinal, reviewScene, scoresAt, type ReviewScene, type RoundView } from './test-scene.ts';

/**
 * Blind review: a judge must not learn who entered. Every entry's files carry the speaker's name,
 * unit and phone in their metadata (DOCX core properties, PDF Info and XMP, video title/artist/
 * comment); the test walks everything a judge can fetch in the round — lists, item pages, document
 * downloads, their PDF previews, HLS playlists, segments and the poster, and every response header — and fails if any
 * of those strings appears, in UTF-8, UTF-16BE or hex.
 */

let t: TestContext;
let s: ReviewScene;
let round: RoundView;

const utf16be = (text: string) => Buffer.from(Buffer.from(text, 'utf16le').swap16());
function encodings(text: string): Buffer[] {
  const utf8 = Buffer.from(text, 'utf8');
  const utf16 = utf16be(text);
  const hex = [utf8, utf16].flatMap((b) => [b.toString('hex'), b.toString('hex').toUpperCase()]);
  return [utf8, utf16, ...hex.map((h) => Buffer.from(h, 'latin1'))];
}

async function docxOf(name: string, unit: string, phone: string) {
  const doc = new Document({
    creator: name,
    lastModifiedBy: name,
    title: `${unit} ${name}的党课讲稿`,
    description: `联系电话 ${phone}`,
    sections: [{ children: [new Paragraph('一、问题的提出'), new Paragraph('二、身边的故事')] }],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}

/** A small valid PDF whose Info dictionary names the author in UTF-16BE hex and as a literal. */
function pdfOf(name: string, unit: string, phone: string) {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
    `<< /Author <FEFF${utf16be(name).toString('hex').toUpperCase()}> /Title <FEFF${utf16be(unit).toString('hex')}> /Subject (${phone}) /Creator (Microsoft Word) >>`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 4 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

beforeAll(async () => {
  t = await createTestContext();
  s = await reviewScene(t, 'bl');
  const dataDir = t.deps.config.dataDir;
  const preview = previewJobHandler(t.deps);
  for (const e of s.entries) {
    const docx = await attachFile(t, dataDir, e.id, 'manuscript', {
      type: 'docx',
      bytes: await docxOf(e.name, e.unitName, e.phone),
    });
    // Make the browser preview (LibreOffice) as the job queue would, so the crawl fetches it too.
    await ensurePreview(t.db, { fileId: docx.fileId, orgPath: null, now: new Date() });
    await preview(
      { id: '0', payload: { fileId: docx.fileId }, attempt: 1, maxAttempts: 1, orgPath: null },
      { progress: async () => {}, signal: new AbortController().signal },
    );
    await attachFile(t, dataDir, e.id, 'courseware', {
      type: 'pdf',
      bytes: pdfOf(e.name, e.unitName, e.phone),
    });
  }
  // One video for the first entry, carrying the speaker's identity in its metadata, made playable.
  const first = s.entries[0]!;
  const source = await makeTestVideo({
    seconds: 2,
    metadata: {
      title: `${first.name}的党课`,
      artist: first.name,
      comment: `${first.unitName} ${first.phone}`,
    },
  });
  const video = await attachFile(t, dataDir, first.id, 'video', {
    type: 'mp4',
    bytes: fs.readFileSync(source),
  });
  const out = await transcodeToHls({
    input: source,
    outDir: mediaDir(t.deps.config, video.fileId),
    info: await probeForTranscode(source),
  });
  await t.db
    .insertInto('media_assets')
    .values({
      file_id: video.fileId,
      job_id: null,
      status: 'ready',
      mode: out.mode,
      renditions: JSON.stringify(out.renditions),
      poster: out.poster,
      duration_seconds: 2,
      created_at: new Date(),
      updated_at: new Date(),
    })
    .execute();

  round = await openSemifinal(s.organiser.client, s.campaignId, {
    materials: ['video', 'manuscript', 'courseware'],
    blind: true,
  });
  await s.organiser.client.post(`/api/rounds/${round.round.id}/judges`, {
    userIds: s.judges.map((j) => j.id),
  });
  await s.organiser.client.post(`/api/rounds/${round.round.id}/assign`);
}, 120_000);
afterAll(async () => t.close());

/** Fetches a URL as the judge, keeps the response, and follows what it links to. */
async function crawl(judge: Client, roundId: string) {
  const seen = new Map<string, { status: number; headers: string; body: Buffer }>();
  const get = async (url: string) => {
    if (seen.has(url)) return seen.get(url)!;
    const res = await judge.get(url);
    const got = { status: res.statusCode, headers: JSON.stringify(res.headers), body: res.rawPayload };
    seen.set(url, got);
    return got;
  };
  await get('/api/judging/rounds');
  const queue = JSON.parse((await get(`/api/judging/rounds/${roundId}`)).body.toString('utf8'));
  for (const item of queue.items as { code: string }[]) {
    const page = JSON.parse(
      (await get(`/api/judging/rounds/${roundId}/items/${item.code}`)).body.toString('utf8'),
    );
    for (const d of page.documents as { url: string | null; preview: { url: string | null } | null }[]) {
      if (d.url) await get(d.url);
      if (d.preview?.url) await get(d.preview.url);
    }
    if (page.video?.masterUrl) {
      const base = page.video.masterUrl.replace(/master\.m3u8$/, '');
      const playlists = [page.video.masterUrl as string];
      while (playlists.length) {
        const url = playlists.pop()!;
        const text = (await get(url)).body.toString('utf8');
        for (const line of text.split('\n').map((l) => l.trim())) {
          const uri = /URI="([^"]+)"/.exec(line)?.[1] ?? (line && !line.startsWith('#') ? line : null);
          if (!uri) continue;
          if (uri.endsWith('.m3u8')) playlists.push(base + uri);
          else await get(base + uri);
        }
      }
      if (page.video.posterUrl) await get(page.video.posterUrl);
    }
    // Save a draft: its response is judge-facing too.
    const saved = await judge.put(`/api/judging/rounds/${roundId}/items/${item.code}/score`, {
      scores: scoresAt(page.round, 0.5),
      submit: false,
    });
    seen.set(`PUT ${item.code}`, {
      status: saved.statusCode,
      headers: JSON.stringify(saved.headers),
      body: saved.rawPayload,
    });
  }
  return seen;
}

describe('a blind round, as its judges see it', () => {
  it('holds no speaker name, unit name or phone in any response, header, file name or file', async () => {
    const forbidden = s.entries
      .flatMap((e) => [e.name, e.unitName, e.phone])
      .flatMap((x) => encodings(x).map((b) => ({ x, b })));
    let documents = 0;
    let previews = 0;
    let segments = 0;
    for (const judge of s.judges) {
      const seen = await crawl(judge.client, round.round.id);
      for (const [url, res] of seen) {
        expect(res.status, url).toBeLessThan(300);
        for (const { x, b } of forbidden) {
          expect(url.includes(x), `URL ${url}`).toBe(false);
          expect(Buffer.from(res.headers).includes(b), `headers of ${url} contain ${x}`).toBe(false);
          expect(res.body.includes(b), `${url} contains ${x}`).toBe(false);
        }
        if (url.includes('/materials/')) documents += 1;
        if (url.endsWith('/preview')) previews += 1;
        if (url.endsWith('.ts') || url.endsWith('.m4s')) segments += 1;
      }
    }
    // The walk really reached the files (not only the lists).
    expect(documents).toBeGreaterThanOrEqual(s.entries.length * 2);
    expect(segments).toBeGreaterThan(0);
    expect(previews).toBeGreaterThanOrEqual(s.entries.length);
  }, 120_000);

  it('names downloads by the entry code', async () => {
    const judge = s.judges[1]!.client;
    const queue = (await judge.get(`/api/judging/rounds/${round.round.id}`)).json<{
      items: { code: string }[];
    }>();
    const code = queue.items[0]!.code;
    const res = await judge.get(`/api/judging/rounds/${round.round.id}/items/${code}/materials/manuscript`);
    expect(res.headers['content-disposition']).toContain(`filename="${code}.docx"`);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(`${code}-讲稿.docx`);
  });

  it("refuses a material the round does not show and a code that is not the judge's", async () => {
    const other = await openSemifinal(s.organiser.client, s.campaignId, { name: '另一轮' }).catch(
      (e: Error) => e,
    );
    expect(other).toBeInstanceOf(Error); // one round per stage and scope
    const judge = s.judges[1]!.client;
    expect((await judge.get(`/api/judging/rounds/${round.round.id}/items/ZZZZZZ`)).statusCode).toBe(404);
    expect((await judge.get(`/api/judging/rounds/${round.round.id}/items/bad`)).statusCode).toBe(400);
  });
});
