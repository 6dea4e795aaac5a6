import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { walkTopLevelBoxes } from './probe-boxes.ts';
import { bufferSource } from './source.ts';

/**
 * Test videos made with ffmpeg's lavfi sources (testsrc2 picture + sine tone), cached in the OS
 * temp directory by their options so each is encoded once per machine. Never committed.
 * Shared by the media, jobs, uploads and entries tests.
 */
export interface TestVideoOptions {
  width?: number;
  height?: number;
  /** A number or an ffmpeg rate such as '30000/1001'. */
  fps?: number | string;
  seconds?: number;
  codec?: 'h264' | 'hevc';
  pixFmt?: 'yuv420p' | 'yuv420p10le';
  container?: 'mp4' | 'mkv' | 'mov' | 'ts';
  /** File name extension, e.g. 'mp4' for an MKV "renamed to .mp4". Defaults to the container's. */
  extension?: string;
  /** moov at the front (true, default) or at the end as ffmpeg writes it without +faststart. */
  faststart?: boolean;
  audio?: boolean;
  /** Video bit rate in kbit/s (constant for H.264, average for HEVC). */
  bitrateKbps?: number;
  /** Display rotation stored in the track header, as phones do for portrait video. */
  rotation?: 0 | 90 | 180 | 270;
  /** First half at the given fps, second half at a third of it: a variable frame rate file. */
  vfr?: boolean;
  /** Fragmented MP4 (empty moov, a moof per keyframe), as some streaming tools write. */
  fragmented?: boolean;
  /** Keep only the first half of the bytes (an interrupted copy or upload). */
  truncate?: boolean;
  /** Global metadata written with `-metadata key=value` (title, artist, comment…). */
  metadata?: Record<string, string>;
  /**
   * Text for an H.264 "user data unregistered" SEI message in every keyframe (what cameras and
   * editors use for their own notes), written with ffmpeg's h264_metadata filter.
   */
  seiUserData?: string;
  /** Seconds between keyframes (x264's default is 10 s at 25 fps); H.264 only. */
  gopSeconds?: number;
  /** Interlaced H.264, top field first, as camcorders record (woven fields, x264's interlaced coding). */
  interlaced?: boolean;
  /** Sound as MP3 instead of AAC (some phone apps and screen recorders). */
  audioCodec?: 'aac' | 'mp3';
}

/** Options without a default: absent from the cache key unless given, so older keys stay valid. */
type Optional = 'extension' | 'metadata' | 'seiUserData' | 'gopSeconds' | 'interlaced' | 'audioCodec';

const run = promisify(execFile);
const CACHE_VERSION = 2;
const ffmpegBin = () => process.env.FFMPEG_PATH ?? 'ffmpeg';

// Optional options have no default, so the cache keys of videos made without them stay as they were.
const defaults: Required<Omit<TestVideoOptions, Optional>> = {
  width: 320,
  height: 240,
  fps: 25,
  seconds: 2,
  codec: 'h264',
  pixFmt: 'yuv420p',
  container: 'mp4',
  faststart: true,
  audio: true,
  bitrateKbps: 500,
  rotation: 0,
  vfr: false,
  fragmented: false,
  truncate: false,
};

export const testMediaDir = () => path.join(os.tmpdir(), 'jiangtai-test-media');

/** Path of a cached test video with these options, encoding it first if needed. */
export async function makeTestVideo(options: TestVideoOptions = {}): Promise<string> {
  const o = { ...defaults, ...options };
  const extension = options.extension ?? o.container;
  const key = createHash('sha1')
    .update(JSON.stringify({ v: CACHE_VERSION, ...o, extension }))
    .digest('hex')
    .slice(0, 16);
  const dir = testMediaDir();
  const target = path.join(dir, `${key}.${extension}`);
  if (await exists(target)) return target;
  await fs.mkdir(dir, { recursive: true });
  // Parallel test workers may build the same file: each writes its own temp file, rename is atomic.
  const temp = path.join(dir, `${key}.${randomBytes(4).toString('hex')}.tmp.${o.container}`);
  try {
    await run(ffmpegBin(), ffmpegArgs(o, temp), { timeout: 300_000, maxBuffer: 8 * 1024 * 1024 });
    if (o.rotation) await setVideoRotation(temp, o.rotation);
    if (o.truncate) await keepFirstHalf(temp);
    await fs.rename(temp, target);
  } finally {
    await fs.rm(temp, { force: true });
  }
  return target;
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

async function keepFirstHalf(file: string): Promise<void> {
  const { size } = await fs.stat(file);
  await fs.truncate(file, Math.floor(size / 2));
}

/**
 * Write the display matrix of the first track (ffmpeg maps the video first) as a phone does:
 * 90 = turn clockwise to show. Done by hand because ffmpeg's options for it changed between
 * versions (5.x `-metadata rotate` writes the opposite turn; 6+ has `-display_rotation`).
 */
async function setVideoRotation(file: string, degrees: number): Promise<void> {
  const bytes = await fs.readFile(file);
  const layout = await walkTopLevelBoxes(bufferSource(bytes));
  if (!layout.moov) throw new Error('test video has no moov to rotate');
  const tkhd = bytes.indexOf('tkhd', layout.moov.offset, 'latin1');
  if (tkhd < 0) throw new Error('test video has no tkhd');
  // After 'tkhd': version/flags (4), times + track id + reserved + duration (20 or 32 for v1),
  // reserved (8), layer, alternate group, volume, reserved (2 each), then the 3×3 matrix.
  const fixed = bytes[tkhd + 4] === 1 ? 32 : 20;
  const matrix = tkhd + 4 + 4 + fixed + 8 + 8;
  const cos = Math.round(Math.cos((degrees * Math.PI) / 180)) * 0x10000;
  const sin = Math.round(Math.sin((degrees * Math.PI) / 180)) * 0x10000;
  [cos, sin, 0, -sin, cos, 0].forEach((value, i) => bytes.writeInt32BE(value, matrix + i * 4));
  await fs.writeFile(file, bytes);
}

type Resolved = Required<Omit<TestVideoOptions, Optional>> & Omit<TestVideoOptions, 'extension'>;

function ffmpegArgs(o: Resolved, output: string): string[] {
  const size = `${o.width}x${o.height}`;
  const args = ['-hide_banner', '-v', 'error', '-y'];
  if (o.vfr) {
    const half = o.seconds / 2;
    const slow = `${o.fps}/3`;
    args.push(
      '-f',
      'lavfi',
      '-i',
      `testsrc2=size=${size}:rate=${o.fps}:duration=${half}`,
      '-f',
      'lavfi',
      '-i',
      `testsrc2=size=${size}:rate=${slow}:duration=${half}`,
    );
  } else if (o.interlaced) {
    // Real interlaced content: fields from moments 1/50 s apart woven into 25 frames, so moving
    // edges comb (what ffmpeg's idet filter detects) unless the transcoder de-interlaces.
    const fields = `${fpsValue(o.fps) * 2}`;
    args.push('-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=${fields}:duration=${o.seconds}`);
  } else {
    args.push('-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=${o.fps}:duration=${o.seconds}`);
  }
  if (o.audio) args.push('-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${o.seconds}`);
  if (o.interlaced) args.push('-vf', 'tinterlace=mode=interleave_top');
  if (o.vfr) {
    args.push('-filter_complex', '[0:v][1:v]concat=n=2:v=1:a=0[v]', '-map', '[v]', '-fps_mode', 'vfr');
    if (o.audio) args.push('-map', '2:a');
  }
  args.push(...videoCodecArgs(o));
  if (o.seiUserData)
    args.push('-bsf:v', `h264_metadata=sei_user_data=a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d+${o.seiUserData}`);
  if (o.audio) args.push('-c:a', o.audioCodec === 'mp3' ? 'libmp3lame' : 'aac', '-b:a', '96k');
  if (o.fragmented) args.push('-movflags', '+frag_keyframe+empty_moov');
  else if (o.faststart && (o.container === 'mp4' || o.container === 'mov'))
    args.push('-movflags', '+faststart');
  for (const [key, value] of Object.entries(o.metadata ?? {})) args.push('-metadata', `${key}=${value}`);
  args.push('-f', { mp4: 'mp4', mov: 'mov', mkv: 'matroska', ts: 'mpegts' }[o.container], output);
  return args;
}

function videoCodecArgs(o: Resolved): string[] {
  const rate = `${o.bitrateKbps}k`;
  if (o.codec === 'hevc') {
    // hvc1 tag: what Apple devices write and QuickTime requires; log-level keeps x265 quiet.
    return [
      '-c:v',
      'libx265',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      o.pixFmt,
      '-b:v',
      rate,
      '-tag:v',
      'hvc1',
    ].concat(['-x265-params', 'log-level=error']);
  }
  const gop = o.gopSeconds
    ? ['-g', String(Math.round(fpsValue(o.fps) * o.gopSeconds)), '-sc_threshold', '0']
    : [];
  const interlaced = o.interlaced ? ['-flags', '+ilme+ildct', '-top', '1', '-field_order', 'tt'] : [];
  // Constant bit rate (with filler) so the measured rate is what the test asked for.
  return [
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    o.pixFmt,
    '-b:v',
    rate,
    ...gop,
    ...interlaced,
  ].concat(['-minrate', rate, '-maxrate', rate, '-bufsize', rate, '-x264-params', 'nal-hrd=cbr']);
}

/** 25 → 25; '30000/1001' → 29.97. */
function fpsValue(fps: number | string): number {
  if (typeof fps === 'number') return fps;
  const [a, b] = fps.split('/').map(Number);
  return b ? a! / b : a!;
}
