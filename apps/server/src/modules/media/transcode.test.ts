import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestVideo } from './test-media.ts';
import { probeForTranscode } from './transcode-probe.ts';
import { transcodeToHls } from './transcode.ts';

const run = promisify(execFile);

/** Outputs go to a folder of this test's own (the test videos are a shared cache). */
let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'jt-transcode-'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
let outSeq = 0;
const freshOut = () => path.join(work, `out-${++outSeq}`);

/** What ffprobe (a real HLS client) sees through a playlist. */
async function ffprobe(file: string) {
  const { stdout } = await run('ffprobe', [
    '-v',
    'error',
    '-print_format',
    'json',
    '-show_format',
    '-show_streams',
    file,
  ]);
  return JSON.parse(stdout) as {
    streams: { codec_type: string; codec_name: string; width?: number; height?: number }[];
    format: { duration: string; format_name: string };
  };
}

function siblings(outDir: string) {
  return fs.readdirSync(path.dirname(outDir)).filter((n) => n.startsWith(`${path.basename(outDir)}.`));
}

async function transcode(input: string, extra: { segmentType?: 'mpegts' | 'fmp4' } = {}) {
  const info = await probeForTranscode(input);
  const outDir = freshOut();
  const progress: number[] = [];
  const result = await transcodeToHls({ input, outDir, info, onProgress: (p) => progress.push(p), ...extra });
  return { info, outDir, progress, result };
}

describe('transcodeToHls', () => {
  it('remuxes a compliant H.264/AAC MP4 without re-encoding into playable HLS with a poster', async () => {
    const input = await makeTestVideo({ seconds: 3, width: 320, height: 240 });
    const { outDir, progress, result } = await transcode(input);
    expect(result).toMatchObject({ mode: 'remux', master: 'master.m3u8', poster: 'poster.jpg' });
    expect(result.renditions).toMatchObject([{ name: 'src', width: 320, height: 240, playlist: 'src.m3u8' }]);

    const hls = await ffprobe(path.join(outDir, 'master.m3u8'));
    expect(hls.format.format_name).toBe('hls');
    expect(Number(hls.format.duration)).toBeCloseTo(3, 0);
    expect(hls.streams.map((s) => s.codec_name).sort()).toEqual(['aac', 'h264']);
    expect(fs.readdirSync(outDir).filter((n) => n.endsWith('.ts')).length).toBeGreaterThan(0);

    const poster = await ffprobe(path.join(outDir, 'poster.jpg'));
    expect(poster.streams[0]).toMatchObject({ codec_name: 'mjpeg', width: 320, height: 240 });
    expect(progress.at(-1)).toBe(100);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(siblings(outDir)).toEqual([]);
  });

  it('remuxes into fragmented MP4 segments when asked', async () => {
    const input = await makeTestVideo({ seconds: 2 });
    const { outDir, result } = await transcode(input, { segmentType: 'fmp4' });
    expect(result.mode).toBe('remux');
    const names = fs.readdirSync(outDir);
    expect(names.some((n) => n.endsWith('.m4s'))).toBe(true);
    expect(names.some((n) => /^init(_\d+)?\.mp4$/.test(n))).toBe(true); // init.mp4, or init_<n>.mp4 per variant
    const hls = await ffprobe(path.join(outDir, 'master.m3u8'));
    expect(hls.streams.map((s) => s.codec_name).sort()).toEqual(['aac', 'h264']);
  });

  it('encodes a 10-bit H.264 file to a 720p + 480p ladder in one pass', async () => {
    const input = await makeTestVideo({
      seconds: 2,
      width: 1280,
      height: 720,
      pixFmt: 'yuv420p10le',
    });
    const { outDir, progress, result } = await transcode(input);
    expect(result.mode).toBe('ladder');
    expect(result.renditions.map((r) => [r.name, r.width, r.height])).toEqual([
      ['720p', 1280, 720],
      ['480p', 854, 480],
    ]);
    const master = fs.readFileSync(path.join(outDir, 'master.m3u8'), 'utf8');
    expect(master).toContain('RESOLUTION=1280x720');
    expect(master).toContain('RESOLUTION=854x480');
    for (const r of result.renditions) {
      const variant = await ffprobe(path.join(outDir, r.playlist));
      const video = variant.streams.find((s) => s.codec_type === 'video');
      expect(video).toMatchObject({ codec_name: 'h264', width: r.width, height: r.height });
      expect(variant.streams.find((s) => s.codec_type === 'audio')?.codec_name).toBe('aac');
    }
    expect(progress.at(-1)).toBe(100);
  }, 60_000);

  it('encodes HEVC (H.265) to H.264', async () => {
    const input = await makeTestVideo({ seconds: 2, codec: 'hevc' });
    const { outDir, result } = await transcode(input);
    expect(result.mode).toBe('ladder');
    expect(result.renditions.map((r) => [r.name, r.width, r.height])).toEqual([['240p', 320, 240]]);
    const hls = await ffprobe(path.join(outDir, 'master.m3u8'));
    expect(hls.streams.map((s) => s.codec_name).sort()).toEqual(['aac', 'h264']);
  }, 60_000);

  it('encodes an MKV without audio to a single rung no bigger than the source', async () => {
    const input = await makeTestVideo({ container: 'mkv', audio: false, width: 320, height: 240 });
    const { outDir, result } = await transcode(input);
    expect(result.mode).toBe('ladder');
    expect(result.renditions.map((r) => [r.name, r.width, r.height])).toEqual([['240p', 320, 240]]);
    const hls = await ffprobe(path.join(outDir, 'master.m3u8'));
    expect(hls.streams.map((s) => s.codec_type)).toEqual(['video']);
  });

  it('keeps a rotated phone video portrait', async () => {
    const input = await makeTestVideo({ width: 640, height: 360, rotation: 90, seconds: 2 });
    const { info, outDir, result } = await transcode(input);
    expect([info.video?.displayWidth, info.video?.displayHeight]).toEqual([360, 640]);
    expect(result.mode).toBe('ladder');
    expect(result.renditions.map((r) => [r.name, r.width, r.height])).toEqual([['360p', 360, 640]]);
    const variant = await ffprobe(path.join(outDir, '360p.m3u8'));
    expect(variant.streams.find((s) => s.codec_type === 'video')).toMatchObject({ width: 360, height: 640 });
    const poster = await ffprobe(path.join(outDir, 'poster.jpg'));
    expect(poster.streams[0]).toMatchObject({ width: 360, height: 640 });
  });

  it('publishes nothing when ffmpeg fails, and keeps an earlier output intact', async () => {
    const good = await makeTestVideo({ seconds: 2 });
    const info = await probeForTranscode(good);
    const broken = path.join(work, 'broken.mp4');
    fs.writeFileSync(broken, fs.readFileSync(good).subarray(0, 2000)); // truncated: no usable frames
    const outDir = freshOut();

    await expect(transcodeToHls({ input: broken, outDir, info })).rejects.toThrow(/视频转码失败/);
    expect(fs.existsSync(outDir)).toBe(false);
    expect(siblings(outDir)).toEqual([]);

    await transcodeToHls({ input: good, outDir, info });
    const before = fs.readFileSync(path.join(outDir, 'master.m3u8'), 'utf8');
    await expect(transcodeToHls({ input: broken, outDir, info })).rejects.toThrow();
    expect(fs.readFileSync(path.join(outDir, 'master.m3u8'), 'utf8')).toBe(before);
    expect(siblings(outDir)).toEqual([]);
  });

  it('stops ffmpeg and removes its temp folder when aborted', async () => {
    const input = await makeTestVideo({ seconds: 2, width: 640, height: 360, codec: 'hevc' });
    const info = await probeForTranscode(input);
    const outDir = freshOut();
    const controller = new AbortController();
    const done = transcodeToHls({
      input,
      outDir,
      info,
      signal: controller.signal,
      onProgress: () => controller.abort(new Error('stop')),
    });
    controller.abort(new Error('stop'));
    await expect(done).rejects.toThrow('stop');
    expect(fs.existsSync(outDir)).toBe(false);
    expect(siblings(outDir)).toEqual([]);
  });
});
