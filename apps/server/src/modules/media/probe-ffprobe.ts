import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { audioCodecOf, videoCodecLabel, videoCodecOf } from './probe-codecs.ts';
import type { AudioInfo, Rotation, VideoInfo } from './probe-types.ts';

const run = promisify(execFile);

/** The ffprobe binary; FFPROBE_PATH overrides the one on PATH. */
export const ffprobeBin = () => process.env.FFPROBE_PATH ?? 'ffprobe';

interface FfStream {
  codec_type?: string;
  codec_name?: string;
  profile?: string;
  pix_fmt?: string;
  /** 'progressive', 'tt', 'bb', 'tb', 'bt' or 'unknown'. */
  field_order?: string;
  bits_per_raw_sample?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  bit_rate?: string;
  channels?: number;
  sample_rate?: string;
  tags?: { rotate?: string };
  side_data_list?: { rotation?: number }[];
}
interface FfOutput {
  format?: { format_name?: string; duration?: string; bit_rate?: string };
  streams?: FfStream[];
}

export interface FfprobeInfo {
  /** What ffprobe calls the container, for files our magic-byte check does not know. */
  formatLabel: string;
  durationSeconds: number;
  overallBitRate: number | null;
  video: VideoInfo | null;
  audio: AudioInfo | null;
}

/** Run ffprobe on a local file; null when it cannot make sense of it. */
export async function ffprobeFile(path: string): Promise<FfprobeInfo | null> {
  let out: FfOutput;
  try {
    const { stdout } = await run(
      ffprobeBin(),
      ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path],
      { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
    );
    out = JSON.parse(stdout) as FfOutput;
  } catch {
    return null; // ffprobe exits non-zero on files it cannot parse (e.g. "moov atom not found")
  }
  const streams = out.streams ?? [];
  const video = streams.find((s) => s.codec_type === 'video');
  const audio = streams.find((s) => s.codec_type === 'audio');
  const durationSeconds = num(out.format?.duration) ?? 0;
  if (!video && !audio && durationSeconds === 0) return null;
  return {
    formatLabel: formatLabel(out.format?.format_name),
    durationSeconds,
    overallBitRate: num(out.format?.bit_rate),
    video: video ? videoFromStream(video) : null,
    audio: audio ? audioFromStream(audio) : null,
  };
}

const formatLabels: Record<string, string> = {
  mpegts: 'MPEG-TS',
  mpeg: 'MPEG-PS（VOB/MPG）',
  flv: 'FLV',
  asf: 'WMV/ASF',
  avi: 'AVI',
  rm: 'RealMedia',
  mp3: 'MP3 音频',
  wav: 'WAV 音频',
  ogg: 'Ogg',
};

/** ffprobe's format_name is a comma list ("mov,mp4,m4a,…"); the first name is the demuxer. */
function formatLabel(name: string | undefined): string {
  const first = (name ?? '').split(',')[0] ?? '';
  return formatLabels[first] ?? (first ? first.toUpperCase() : '未知格式');
}

function num(value: string | undefined): number | null {
  const n = Number(value);
  return value !== undefined && Number.isFinite(n) ? n : null;
}

function rate(value: string | undefined): number {
  const [a, b] = (value ?? '0/1').split('/').map(Number);
  return a && b ? a / b : 0;
}

/** ffprobe's display matrix says −90 for a video the player turns 90° clockwise. */
function rotationOf(stream: FfStream): Rotation {
  const fromMatrix = stream.side_data_list?.find((d) => typeof d.rotation === 'number')?.rotation;
  const degrees = fromMatrix !== undefined ? -fromMatrix : Number(stream.tags?.rotate ?? 0);
  const quarter = (((Math.round(degrees / 90) % 4) + 4) % 4) as 0 | 1 | 2 | 3;
  return ([0, 90, 180, 270] as const)[quarter];
}

function bitDepthOf(stream: FfStream): number {
  const raw = Number(stream.bits_per_raw_sample);
  if (Number.isFinite(raw) && raw > 0) return raw;
  const match = /p(\d{2})(le|be)$/.exec(stream.pix_fmt ?? '');
  return match ? Number(match[1]) : 8;
}

function videoFromStream(s: FfStream): VideoInfo {
  const name = s.codec_name ?? 'unknown';
  const rotation = rotationOf(s);
  const quarter = rotation === 90 || rotation === 270;
  const width = s.width ?? 0;
  const height = s.height ?? 0;
  const avg = rate(s.avg_frame_rate);
  const nominal = rate(s.r_frame_rate);
  return {
    codec: videoCodecOf(name),
    codecLabel: videoCodecLabel(name),
    profile: s.profile ?? null,
    bitDepth: bitDepthOf(s),
    width,
    height,
    rotation,
    displayWidth: quarter ? height : width,
    displayHeight: quarter ? width : height,
    frameRate: avg || nominal,
    // ffprobe's nominal rate (r_frame_rate) departs from the average only when frame timing varies.
    variableFrameRate: avg > 0 && nominal > 0 && Math.abs(avg - nominal) > nominal * 0.01,
    interlaced: isInterlacedFieldOrder(s.field_order),
    bitRate: num(s.bit_rate),
  };
}

function audioFromStream(s: FfStream): AudioInfo {
  return {
    ...audioCodecOf(s.codec_name ?? 'unknown'),
    channels: s.channels ?? 0,
    sampleRate: num(s.sample_rate) ?? 0,
  };
}

/** ffprobe's field order: tt/bb (and the rare tb/bt) are interlaced; progressive or unknown are not. */
export function isInterlacedFieldOrder(order: string | undefined): boolean {
  return order === 'tt' || order === 'bb' || order === 'tb' || order === 'bt';
}
