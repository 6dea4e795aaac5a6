import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestVideo, type TestVideoOptions } from '../media/test-media.ts';
import { probeForTranscode } from '../media/transcode-probe.ts';
import { transcodeToHls } from '../media/transcode.ts';

/**
 * Blind review for video: whatever the speaker's camera or editing tool wrote into the file's
 * metadata — container tags, and H.264 SEI user data inside the video stream itself — must not
 * reach the HLS a judge plays (playlists, segments, init segments, poster).
 */

const SPEAKER_METADATA = {
  title: '张三的党课',
  artist: '张三',
  comment: '市教育局 13800001234',
};
const IDENTITY = ['张三', '市教育局', '13800001234'].map((s) => Buffer.from(s, 'utf8'));
/** x264 announces itself and its settings in an SEI message of the first keyframe. */
const X264_SEI = Buffer.from('x264 - core', 'latin1');

let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'jt-blind-video-'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
let seq = 0;

async function transcodeWithMetadata(options: TestVideoOptions, segmentType: 'mpegts' | 'fmp4') {
  const input = await makeTestVideo({
    seconds: 2,
    ...options,
    metadata: SPEAKER_METADATA,
    seiUserData: '张三 市教育局 13800001234',
  });
  // The premise: the source really carries the speaker's identity, in its tags and in SEI.
  const source = fs.readFileSync(input);
  expect(source.includes(IDENTITY[0]!)).toBe(true);
  expect(source.includes(Buffer.from('张三 市教育局 13800001234'))).toBe(true);
  const outDir = path.join(work, `out-${++seq}`);
  const result = await transcodeToHls({ input, outDir, info: await probeForTranscode(input), segmentType });
  return { outDir, result };
}

function expectNoIdentity(outDir: string) {
  const files = fs.readdirSync(outDir);
  expect(files).toContain('poster.jpg');
  expect(files.some((f) => f.endsWith('.m3u8'))).toBe(true);
  for (const file of files) {
    const bytes = fs.readFileSync(path.join(outDir, file));
    for (const needle of [...IDENTITY, X264_SEI])
      expect(bytes.includes(needle), `${file} contains ${needle.toString()}`).toBe(false);
  }
}

describe('transcoded video carries no speaker metadata', () => {
  it('remux into MPEG-TS segments (where the title would become the service name)', async () => {
    const { outDir, result } = await transcodeWithMetadata({}, 'mpegts');
    expect(result.mode).toBe('remux');
    expectNoIdentity(outDir);
  });

  it('remux into fragmented MP4 with an init segment', async () => {
    const { outDir, result } = await transcodeWithMetadata({}, 'fmp4');
    expect(result.mode).toBe('remux');
    expect(fs.readdirSync(outDir).some((f) => /^init.*\.mp4$/.test(f))).toBe(true);
    expectNoIdentity(outDir);
  });

  it('ladder encode from a Matroska source', async () => {
    const { outDir, result } = await transcodeWithMetadata({ container: 'mkv', vfr: true }, 'mpegts');
    expect(result.mode).toBe('ladder');
    expectNoIdentity(outDir);
  });
});
