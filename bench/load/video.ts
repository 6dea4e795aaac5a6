/**
 * A played video for the mix's HLS range requests: the demo member enters a draft, uploads a short
 * generated MP4 through tus (as the web app does), and the server remuxes it to HLS. The demo has no
 * files of its own, so without ffmpeg the mix runs without HLS and says so.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Session } from './client.ts';
import { DEMO_PASSWORD } from './server.ts';
import type { Recorder } from './stats.ts';

export interface Video {
  /** URLs of the HLS segments, fetched with a Range header by the mix. */
  segments: string[];
  bytes: number;
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

function makeMp4(): Buffer {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jt-load-video-')), 'lecture.mp4');
  execFileSync(process.env.FFMPEG_PATH ?? 'ffmpeg', [
    ...['-y', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=25:duration=12'],
    ...['-f', 'lavfi', '-i', 'sine=frequency=440:duration=12', '-c:v', 'libx264', '-pix_fmt', 'yuv420p'],
    ...['-g', '50', '-c:a', 'aac', '-shortest', '-movflags', '+faststart', file],
  ]);
  const bytes = fs.readFileSync(file);
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  return bytes;
}

export async function setupVideo(base: string, campaignId: string, rec: Recorder): Promise<Video> {
  const bytes = makeMp4();
  const s = new Session(base, rec, '127.0.1.4');
  await s.login('member', DEMO_PASSWORD);
  const entry = await s.call<{ id: string }>('setup', 'POST', `/api/campaigns/${campaignId}/entries`, {
    stageKey: 'preliminary',
    title: '负载测试用的作品',
    categoryKey: 'theory',
  });
  const meta = { purpose: 'entry-material', entryId: entry.id, material: 'video', filename: 'lecture.mp4' };
  const created = await fetch(`${base}/api/uploads`, {
    method: 'POST',
    headers: {
      ...s.headers(),
      'tus-resumable': '1.0.0',
      'upload-length': String(bytes.length),
      'upload-metadata': Object.entries(meta)
        .map(([k, v]) => `${k} ${b64(v)}`)
        .join(','),
    },
  });
  if (created.status !== 201) throw new Error(`创建上传失败：${created.status} ${await created.text()}`);
  const location = new URL(created.headers.get('location')!, base).pathname;
  const sent = await fetch(base + location, {
    method: 'PATCH',
    headers: {
      ...s.headers(),
      'tus-resumable': '1.0.0',
      'upload-offset': '0',
      'content-type': 'application/offset+octet-stream',
    },
    body: new Uint8Array(bytes),
  });
  if (!sent.ok) throw new Error(`上传失败：${sent.status} ${await sent.text()}`);
  const detail = await s.call<{ materials: { material: string; fileId: string }[] }>(
    'setup',
    'GET',
    `/api/entries/${entry.id}`,
  );
  const fileId = detail.materials.find((m) => m.material === 'video')!.fileId;
  const deadline = Date.now() + 180_000;
  let media: { status: string; masterUrl: string | null } = { status: '', masterUrl: null };
  while (Date.now() < deadline) {
    media = await s.call('setup', 'GET', `/api/media/${fileId}`);
    if (media.status === 'ready' || media.status === 'failed') break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  if (media.status !== 'ready' || !media.masterUrl) throw new Error(`视频未能转成 HLS：${media.status}`);
  const master = await (await fetch(base + media.masterUrl, { headers: s.headers() })).text();
  const variant = master.split('\n').find((l) => l && !l.startsWith('#'))!;
  const variantUrl = new URL(variant, base + media.masterUrl);
  const playlist = await (await fetch(variantUrl, { headers: s.headers() })).text();
  const segments = playlist
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => new URL(l, variantUrl).pathname);
  if (segments.length === 0) throw new Error('HLS 播放列表没有分片');
  return { segments, bytes: bytes.length };
}
