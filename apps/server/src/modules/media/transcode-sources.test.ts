import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestVideo, type TestVideoOptions } from './test-media.ts';
import { probeForTranscode } from './transcode-probe.ts';
import { transcodeToHls } from './transcode.ts';

/**
 * Real ffmpeg on what users actually upload: x264's default 10 s GOP, an iPhone's MOV (H.264 and
 * HEVC), interlaced camcorder video and MP3 sound.
 */
const run = promisify(execFile);
let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'jt-sources-'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
let seq = 0;

interface Probed {
  streams: { codec_type: string; codec_name: string; field_order?: string; width?: number }[];
}
async function ffprobe(file: string): Promise<Probed> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_streams', file]);
  return JSON.parse(stdout) as Probed;
}

/** ffmpeg's interlace detector over the whole file: frames it found combed vs progressive. */
async function idet(file: string) {
  const { stderr } = await run('ffmpeg', [
    '-hide_banner',
    '-nostats',
    '-i',
    file,
    '-vf',
    'idet',
    '-f',
    'null',
    '-',
  ]);
  const m = /Multi frame detection: TFF:\s*(\d+) BFF:\s*(\d+) Progressive:\s*(\d+)/.exec(stderr);
  if (!m) throw new Error(`idet printed no summary: ${stderr.slice(-300)}`);
  return { interlaced: Number(m[1]) + Number(m[2]), progressive: Number(m[3]) };
}

async function transcode(options: TestVideoOptions) {
  const input = await makeTestVideo(options);
  const info = await probeForTranscode(input);
  const outDir = path.join(work, `out-${++seq}`);
  const result = await transcodeToHls({ input, outDir, info });
  const codecs = async (playlist: string) =>
    (await ffprobe(path.join(outDir, playlist))).streams.map((s) => s.codec_name).sort();
  return { info, outDir, result, codecs };
}

async function expectJpeg(file: string) {
  const bytes = fs.readFileSync(file);
  expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xd8]);
  expect((await ffprobe(file)).streams[0]?.codec_name).toBe('mjpeg');
}

describe('transcodeToHls on real-world sources', () => {
  it('makes a poster when the last keyframe before the 10% point is 2 s earlier (20 s, 10 s GOP)', async () => {
    const { outDir, result } = await transcode({ seconds: 20, gopSeconds: 10 });
    expect(result.poster).toBe('poster.jpg');
    await expectJpeg(path.join(outDir, 'poster.jpg'));
  }, 60_000);

  it("remuxes an iPhone's H.264 MOV (brand 'qt  ') without re-encoding", async () => {
    const input = await makeTestVideo({ container: 'mov', extension: 'MOV' });
    expect(fs.readFileSync(input).toString('latin1', 4, 12)).toBe('ftypqt  ');
    const { result, codecs, outDir } = await transcode({ container: 'mov', extension: 'MOV' });
    expect(result.mode).toBe('remux');
    expect(await codecs('src.m3u8')).toEqual(['aac', 'h264']);
    await expectJpeg(path.join(outDir, 'poster.jpg'));
  }, 60_000);

  it("transcodes an iPhone's HEVC MOV to H.264", async () => {
    const { info, result, codecs } = await transcode({ container: 'mov', codec: 'hevc', extension: 'MOV' });
    expect(info.video?.codec).toBe('hevc');
    expect(result.mode).toBe('ladder');
    expect(await codecs('master.m3u8')).toEqual(['aac', 'h264']);
  }, 60_000);

  it('de-interlaces interlaced video: the playback copy is progressive', async () => {
    const input = await makeTestVideo({ interlaced: true });
    expect((await ffprobe(input)).streams.find((s) => s.codec_type === 'video')?.field_order).toBe('tt');
    const { info, result, outDir } = await transcode({ interlaced: true });
    expect(info.video?.interlaced).toBe(true);
    expect(result.mode).toBe('ladder');
    // idet looks at the pictures: combed (interlaced) frames vs whole ones.
    const source = await idet(input);
    expect(source.interlaced).toBeGreaterThan(2 * source.progressive);
    const out = await idet(path.join(outDir, `${result.renditions[0]!.name}.m3u8`));
    expect(out.progressive).toBeGreaterThan(4 * out.interlaced);
    expect(result.poster).toBe('poster.jpg'); // de-interlaced too
    await expectJpeg(path.join(outDir, 'poster.jpg'));
  }, 60_000);

  it('copies the picture of an MP4 with MP3 sound and converts only the sound to AAC', async () => {
    const { info, result, codecs } = await transcode({ audioCodec: 'mp3' });
    expect(info.audio?.codec).toBe('mp3');
    expect(result.mode).toBe('remux');
    expect(result.renditions.map((r) => r.name)).toEqual(['src']);
    expect(await codecs('src.m3u8')).toEqual(['aac', 'h264']);
  }, 60_000);
});
