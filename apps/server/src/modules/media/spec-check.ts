import { formatSeconds, type MediaSpec } from '@jiangtai/contracts';
import type { AppError } from '../../lib/errors.ts';
import { canCopyAudio, canCopyVideo, conversionFindings } from './conversion.ts';
import { containerLabels } from './detect-container.ts';
import { videoCodecLabels } from './probe-codecs.ts';
import type { MediaInfo, VideoInfo } from './probe-types.ts';
import { formatFps, formatLimit, formatMbps, formatSize } from './spec-check-format.ts';

/**
 * One way a video departs from the campaign's media spec. 'reject' refuses the upload (nothing is
 * kept against the entry); 'warn' accepts it with a note the speaker and the organiser both see.
 */
export interface SpecFinding {
  code: string;
  severity: 'reject' | 'warn';
  /** The whole sentence shown to users, e.g. 「分辨率 1280×720，要求 1920×1080」. */
  message: string;
  found: string;
  required: string;
}

/** Frame rates this close count as equal: 24.996 (NTSC-style drift) passes for 25. */
export const FRAME_RATE_TOLERANCE = 0.005;
/**
 * Bit rate is a target, not a limit: encoders land well off it on simple or busy pictures. Below
 * 70% the picture visibly suffers; above 150% the file is needlessly large. Both only warn.
 */
export const BIT_RATE_LOW = 0.7;
export const BIT_RATE_HIGH = 1.5;
/** Container durations are rounded by muxers; half a second over the hard limit is not "over". */
const DURATION_SLACK_SECONDS = 0.5;

const specCodecLabels: Record<MediaSpec['videoCodec'], string> = {
  h264: videoCodecLabels.h264,
  h265: videoCodecLabels.hevc,
};
const specCodec = { h264: 'h264', h265: 'hevc' } as const;

/** Compare a probed file with the spec; rejects first, then warnings. */
export function checkMediaSpec(info: MediaInfo, spec: MediaSpec): SpecFinding[] {
  const findings = [containerFinding(info, spec)];
  // Only the container is known (a non-MP4 file read by its header): say nothing about streams.
  if (info.via !== 'header') {
    findings.push(...streamFindings(info), ...durationFindings(info.durationSeconds, spec.duration));
    if (info.video) findings.push(...videoFindings(info.video, info.overallBitRate, spec));
    findings.push(...conversionFindings(info, spec));
  }
  const present = findings.filter((f): f is SpecFinding => f !== null);
  return [...present.filter((f) => f.severity === 'reject'), ...present.filter((f) => f.severity === 'warn')];
}

/** A probe that threw MEDIA_UNREADABLE, as a finding for lists that show findings only. */
export function unreadableFinding(error: AppError): SpecFinding {
  return {
    code: 'unreadable',
    severity: 'reject',
    message: error.message,
    found: '无法读取',
    required: '完整的视频文件',
  };
}

function containerFinding(info: MediaInfo, spec: MediaSpec): SpecFinding | null {
  // A QuickTime spec also takes MP4 (its descendant, which every player reads). An MP4 spec also
  // takes MOV, what phones record: conversionFindings says it is converted (the original is kept).
  const accepted = ['mov', 'mp4'];
  if (accepted.includes(info.container)) return null;
  const required = spec.container === 'mov' ? 'MOV' : 'MP4';
  return {
    code: 'container',
    severity: 'reject',
    message: `文件不是 ${required} 格式（实际为 ${info.containerLabel}），请导出为 ${required} 格式后重新上传`,
    found: info.containerLabel,
    required: containerLabels[spec.container],
  };
}

function streamFindings(info: MediaInfo): (SpecFinding | null)[] {
  return [
    info.video
      ? null
      : reject(
          'no_video',
          '文件中没有视频画面（缺少视频轨），请检查导出设置后重新上传',
          '无视频轨',
          '有画面的视频',
        ),
    info.audio
      ? null
      : reject(
          'no_audio',
          '视频没有声音（缺少音轨），请确认录制和导出时保留了声音后重新上传',
          '无音轨',
          '有声音',
        ),
  ];
}

function durationFindings(seconds: number, d: MediaSpec['duration']): (SpecFinding | null)[] {
  const found = formatSeconds(seconds);
  const about = `约 ${formatLimit(d.targetSeconds)}`;
  const limit = `${about}（不超过 ${formatLimit(d.hardMaxSeconds)}）`;
  if (seconds > d.hardMaxSeconds + DURATION_SLACK_SECONDS) {
    const message = `时长 ${found}，要求${limit}，请剪辑到 ${formatLimit(d.hardMaxSeconds)}以内后重新上传`;
    return [reject('duration_over_limit', message, found, limit)];
  }
  if (seconds > d.softMaxSeconds + DURATION_SLACK_SECONDS) {
    return [warn('duration_long', `时长 ${found}，要求${limit}`, found, limit)];
  }
  if (seconds < d.softMinSeconds) {
    const short = `${about}（不少于 ${formatLimit(d.softMinSeconds)}）`;
    return [warn('duration_short', `时长 ${found}，要求${short}`, found, short)];
  }
  return [];
}

function videoFindings(
  video: VideoInfo,
  overallBitRate: number | null,
  spec: MediaSpec,
): (SpecFinding | null)[] {
  return [
    sizeFinding(video, spec),
    frameRateFinding(video, spec),
    bitRateFinding(video.bitRate ?? overallBitRate, spec),
    codecFinding(video, spec),
    video.bitDepth > 8
      ? warn('bit_depth', `视频为 ${video.bitDepth} 位色深，要求 8 位`, `${video.bitDepth} 位`, '8 位')
      : null,
  ];
}

/** Judged on the picture as shown (after the rotation a phone stores), not as coded. */
function sizeFinding(video: VideoInfo, spec: MediaSpec): SpecFinding | null {
  const found = formatSize(video.displayWidth, video.displayHeight);
  const required = formatSize(spec.width, spec.height);
  if (video.displayWidth === spec.width && video.displayHeight === spec.height) return null;
  const portrait = video.displayHeight > video.displayWidth;
  const landscapeWanted = spec.width >= spec.height;
  if ((video.rotation === 90 || video.rotation === 270) && portrait && landscapeWanted) {
    const message = `手机竖拍视频（旋转 ${video.rotation}°，画面为竖屏 ${found}），要求横屏 ${required}；请横握手机拍摄或在剪辑软件中导出为横屏`;
    return warn('rotated', message, `竖屏 ${found}`, `横屏 ${required}`);
  }
  return warn('resolution', `分辨率 ${found}，要求 ${required}`, found, required);
}

function frameRateFinding(video: VideoInfo, spec: MediaSpec): SpecFinding | null {
  const required = formatFps(spec.frameRate);
  if (video.variableFrameRate) {
    const message = `视频帧率不固定（可变帧率，平均约 ${formatFps(video.frameRate)}），要求固定 ${required}；请在剪辑软件中导出为固定帧率`;
    return warn(
      'variable_frame_rate',
      message,
      `可变帧率（平均约 ${formatFps(video.frameRate)}）`,
      `固定 ${required}`,
    );
  }
  if (Math.abs(video.frameRate - spec.frameRate) <= spec.frameRate * FRAME_RATE_TOLERANCE) return null;
  const found = formatFps(video.frameRate);
  return warn('frame_rate', `帧率 ${found}，要求 ${required}`, found, required);
}

function bitRateFinding(bitRate: number | null, spec: MediaSpec): SpecFinding | null {
  const target = spec.bitRateMbps * 1e6;
  if (bitRate === null || (bitRate >= target * BIT_RATE_LOW && bitRate <= target * BIT_RATE_HIGH))
    return null;
  const found = `约 ${formatMbps(bitRate)}`;
  const required = `约 ${formatMbps(target)}`;
  return warn('bit_rate', `码率${found}，要求${required}`, found, required);
}

function codecFinding(video: VideoInfo, spec: MediaSpec): SpecFinding | null {
  if (video.codec === specCodec[spec.videoCodec]) return null;
  const required = specCodecLabels[spec.videoCodec];
  // Playback is always H.264: say that the picture is re-encoded for it, and that nothing is lost.
  const converted = video.codec === 'h264' ? '' : '；系统自动转码为 H.264 用于播放和评审，原文件保留';
  return warn(
    'codec',
    `视频编码为 ${video.codecLabel}，要求 ${required}${converted}`,
    video.codecLabel,
    required,
  );
}

const reject = (code: string, message: string, found: string, required: string): SpecFinding => ({
  code,
  severity: 'reject',
  message,
  found,
  required,
});
const warn = (code: string, message: string, found: string, required: string): SpecFinding => ({
  code,
  severity: 'warn',
  message,
  found,
  required,
});

/**
 * Whether the file can go to HLS by remuxing alone (no re-encode at all): the video can be copied
 * (see canCopyVideo) and the sound is AAC or absent.
 */
export function isHlsRemuxable(info: MediaInfo): boolean {
  return canCopyVideo(info) && canCopyAudio(info);
}
