import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../test/harness.ts';
import { attachFile } from '../entries/test-scene.ts';
import { makeTestVideo } from '../media/test-media.ts';
import { probeForTranscode } from '../media/transcode-probe.ts';
import { transcodeToHls } from '../media/transcode.ts';
import { mediaDir } from '../media/assets-service.ts';
import { ensurePreview } from '../previews/previews-service.ts';
import { previewJobHandler } from '../previews/preview-job.ts';
import { annotatedPdf, fixtureDir, legacyDoc, photoJpeg, richDocx, slides } from './blind-test/fixtures.ts';
import { findIdentity } from './blind-test/leak-search.ts';
import { openSemifinal, reviewScene, scoresAt, type ReviewScene, type RoundView } from './test-scene.ts';

/**
 * Blind review: a judge must not learn who entered. The entries' files name the speaker, unit and
 * phone everywhere such things have been found: Word/PowerPoint properties, the binary .doc and
 * .ppt formats, an embedded photo's EXIF Artist and XMP creator, an embedded workbook's own
 * properties, a custom XML part, image alt text, PDF Info, XMP, attachments and annotations, a
 * plain JPEG's EXIF/XMP, video container tags and H.264 SEI user data. The test walks everything a
 * judge can fetch in the round — lists, item pages, document downloads and previews, HLS playlists,
 * segments and the poster, every response header — and fails if any of those strings appears, in
 * UTF-8, UTF-16LE/BE or hex, including inside zip members and compressed PDF streams.
 */

let t: TestContext;
let s: ReviewScene;
let round: RoundView;
/** Documents the platform could not render (each would leave a judge without it). */
const renderFailures: string[] = [];

beforeAll(async () => {
  t = await createTestContext();
  s = await reviewScene(t, 'bl');
  const dataDir = t.deps.config.dataDir;
  const dir = fixtureDir();
  const [first, second, third] = s.entries as [
    ReviewScene['entries'][0],
    ReviewScene['entries'][0],
    ReviewScene['entries'][0],
  ];
  const documents = [
    { entry: first, material: 'manuscript', type: 'docx', bytes: await richDocx(first, dir) },
    { entry: first, material: 'courseware', type: 'pptx', bytes: slides(first, dir, 'pptx') },
    {
      entry: second,
      material: 'manuscript',
      type: 'doc',
      bytes: legacyDoc(await richDocx(second, dir), dir),
    },
    { entry: second, material: 'courseware', type: 'ppt', bytes: slides(second, dir, 'ppt') },
    { entry: third, material: 'manuscript', type: 'pdf', bytes: annotatedPdf(third) },
    { entry: third, material: 'courseware', type: 'jpeg', bytes: photoJpeg(third, dir) },
  ] as const;
  fs.rmSync(dir, { recursive: true, force: true });
  const preview = previewJobHandler(t.deps);
  for (const d of documents) {
    // The premise: each original really names its speaker (else the test would prove nothing).
    expect(findIdentity(d.bytes, [d.entry.name]), d.type).not.toEqual([]);
    const f = await attachFile(t, dataDir, d.entry.id, d.material, { type: d.type, bytes: d.bytes });
    // Make the platform PDF as the job queue would, so the crawl fetches it.
    await ensurePreview(t.db, { fileId: f.fileId, orgPath: null, now: new Date() });
    await preview(
      { id: '0', payload: { fileId: f.fileId }, attempt: 1, maxAttempts: 1, orgPath: null },
      { progress: async () => {}, signal: new AbortController().signal },
    ).catch((e: Error) => renderFailures.push(`${d.type}: ${e.message}`));
  }
  // One video for the first entry, naming the speaker in its tags and in SEI user data, made playable.
  const source = await makeTestVideo({
    seconds: 2,
    metadata: {
      title: `${first.name}的党课`,
      artist: first.name,
      comment: `${first.unitName} ${first.phone}`,
    },
    seiUserData: `${first.name} ${first.unitName} ${first.phone}`,
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
}, 900_000);
afterAll(async () => t?.close());

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
    // Every problem is collected, so one run shows them all.
    const problems = renderFailures.map((f) => `not rendered: ${f}`);
    const identity = s.entries.flatMap((e) => [e.name, e.unitName, e.phone]);
    let documents = 0;
    let previews = 0;
    let segments = 0;
    for (const judge of s.judges) {
      const seen = await crawl(judge.client, round.round.id);
      for (const [url, res] of seen) {
        if (res.status >= 300) problems.push(`${url}: HTTP ${res.status}`);
        for (const x of identity) if (url.includes(x)) problems.push(`URL ${url} names ${x}`);
        for (const leak of findIdentity(Buffer.from(res.headers), identity))
          problems.push(`headers of ${url}: ${leak}`);
        for (const leak of findIdentity(res.body, identity)) problems.push(`${url}: ${leak}`);
        if (url.includes('/materials/') && res.status < 300) {
          // Only ever the platform's PDF: page images and nothing else, whatever was uploaded.
          if (res.body.subarray(0, 9).toString('latin1') !== '%PDF-1.4\n')
            problems.push(`${url}: not the platform PDF (${res.body.subarray(0, 8).toString('latin1')})`);
          for (const key of ['/Info', '/Metadata', '/Annots', '/EmbeddedFile', '/Names', '/Alt'])
            if (res.body.includes(Buffer.from(key))) problems.push(`${url} has ${key}`);
          if (url.endsWith('/preview')) previews += 1;
          else documents += 1;
        }
        if (url.endsWith('.ts') || url.endsWith('.m4s')) segments += 1;
      }
    }
    expect([...new Set(problems)]).toEqual([]);
    // The walk really reached the files (not only the lists): six documents, each by several judges.
    expect(documents).toBeGreaterThanOrEqual(6);
    expect(previews).toBeGreaterThanOrEqual(6);
    expect(segments).toBeGreaterThan(0);
  }, 120_000);

  it('names downloads by the entry code', async () => {
    // The third entry handed in a PDF manuscript: the judge still gets the platform's PDF, by code.
    const code = round.entries.find((e) => e.entryId === s.entries[2]!.id)!.code;
    let judge: Client | undefined;
    for (const j of s.judges) {
      const queue = (await j.client.get(`/api/judging/rounds/${round.round.id}`)).json<{
        items: { code: string }[];
      }>();
      if (queue.items.some((i) => i.code === code)) judge = j.client;
    }
    const res = await judge!.get(`/api/judging/rounds/${round.round.id}/items/${code}/materials/manuscript`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`filename="${code}.pdf"`);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(`${code}-讲稿.pdf`);
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
