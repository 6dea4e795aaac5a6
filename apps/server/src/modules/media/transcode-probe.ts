import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { AppError } from '../../lib/errors.ts';
import { isInterlacedFieldOrder } from './probe-ffprobe.ts';
import type { MediaInfo, Rotation } from './probe-types.ts';

const run = promisify(execFile);

interface FfprobeStream {
  codec_type: string;
  codec_name?: string;
  profile?: string;
  width?: number;
  height?: number;
  pix_fmt?: string;
  /** 'progressive', 'tt', 'bb', 'tb', 'bt' or 'unknown'. */
  field_order?: string;
  bits_per_raw_sample?: string;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  bit_rate?: string;
  channels?: number;
  sample_rate?: string;
  tags?: Record<string, string>;
  side_data_list?: { rotation?: number }[];
}

const ratio = (r?: string) => {
  const [a, b] = (r ?? '0/1').split('/').map(Number);
  return a && b ? a / b : 0;
};

/**
 * What the transcoder needs to know, from ffprobe on the whole local file (the job has the file at
 * hand; the upload-time check uses the moov-only probe instead).
 */
export async function probeForTranscode(file: string): Promise<MediaInfo> {
  let out: string;
  try {
    ({ stdout: out } = await run(
      'ffprobe',
      ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file],
      { maxBuffer: 8 * 1024 * 1024 },
    ));
  } catch {
    throw new AppError('UNSUPPORTED_FILE', '无法读取该视频文件（文件不完整或已损坏），请重新导出后上传');
  }
  const data = JSON.parse(out) as {
    streams: FfprobeStream[];
    format: { format_name?: string; duration?: string; bit_rate?: string };
  };
  const v = data.streams.find((s) => s.codec_type === 'video' && s.width);
  const a = data.streams.find((s) => s.codec_type === 'audio');
  const formatName = data.format.format_name ?? '';
  // ffprobe names MP4 and MOV alike ("mov,mp4,m4a,…"); both remux the same way.
  const container = /mov|mp4/.test(formatName)
    ? 'mp4'
    : /matroska|webm/.test(formatName)
      ? 'mkv'
      : /avi/.test(formatName)
        ? 'avi'
        : 'unknown';
  let video: MediaInfo['video'] = null;
  if (v) {
    // Side data holds the counter-clockwise angle (phones: -90); the old rotate tag the clockwise one.
    const sideData = v.side_data_list?.find((d) => d.rotation !== undefined)?.rotation;
    const clockwise = sideData !== undefined ? -sideData : Number(v.tags?.rotate ?? 0);
    const rotation = ((((Math.round(clockwise / 90) * 90) % 360) + 360) % 360) as Rotation;
    const turned = rotation === 90 || rotation === 270;
    const r = ratio(v.r_frame_rate);
    const avg = ratio(v.avg_frame_rate);
    const bitDepth = Number(v.bits_per_raw_sample) || (/(10|12)(le|be)/.exec(v.pix_fmt ?? '') ? 10 : 8);
    video = {
      codec: v.codec_name === 'h264' ? 'h264' : v.codec_name === 'hevc' ? 'hevc' : 'other',
      codecLabel: v.codec_name ?? 'unknown',
      profile: v.profile ?? null,
      bitDepth,
      width: v.width!,
      height: v.height!,
      rotation,
      displayWidth: turned ? v.height! : v.width!,
      displayHeight: turned ? v.width! : v.height!,
      frameRate: avg || r,
      variableFrameRate: r > 0 && avg > 0 && Math.abs(r - avg) / r > 0.01,
      interlaced: isInterlacedFieldOrder(v.field_order),
      bitRate: v.bit_rate ? Number(v.bit_rate) : null,
    };
  }
  return {
    container,
    containerLabel: formatName,
    moovAtEnd: null,
    durationSeconds: Number(data.format.duration ?? 0),
    overallBitRate: data.format.bit_rate ? Number(data.format.bit_rate) : null,
    video,
    audio: a
      ? {
          codec: a.codec_name ?? 'unknown',
          codecLabel: a.codec_name ?? 'unknown',
          channels: a.channels ?? 0,
          sampleRate: Number(a.sample_rate ?? 0),
        }
      : null,
    bytesRead: 0,
    via: 'ffprobe',
  };
}
