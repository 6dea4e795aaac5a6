import type { MediaSpec } from '@jiangtai/contracts';
import type { MediaInfo } from './probe-types.ts';
import type { SpecFinding } from './spec-check.ts';

/**
 * What the playback copy (HLS) needs and what the transcoder does to get there. The upload-time
 * findings and the transcode plan both ask these functions, so what the speaker is told
 * (「已自动转换」) is what the job then does.
 */

/**
 * The video stream can go into HLS as it is: 8-bit 4:2:0 H.264 from an MP4/MOV, upright (segments
 * drop the display matrix), at a constant frame rate (even segments) and progressive (browsers do
 * not de-interlace; interlaced frames show combing on every moving edge).
 */
export function canCopyVideo(info: MediaInfo): boolean {
  const { video } = info;
  if (info.via === 'header' || (info.container !== 'mp4' && info.container !== 'mov') || !video) return false;
  const chroma420 = !/4:2:2|4:4:4/.test(video.profile ?? '');
  return (
    video.codec === 'h264' &&
    video.bitDepth === 8 &&
    chroma420 &&
    video.rotation === 0 &&
    !video.variableFrameRate &&
    !video.interlaced
  );
}

/** AAC (or no sound) is copied; anything else (MP3, PCM, AC-3…) is encoded to AAC on its own. */
export function canCopyAudio(info: MediaInfo): boolean {
  return info.audio === null || info.audio.codec === 'aac';
}

const KEEP = '原文件保留';

/**
 * Findings that say what the platform converts for playback: a phone's MOV (refused as 「不是 MP4」
 * before, though every phone records it), interlaced video, non-AAC sound. They warn, never
 * refuse: the file is kept as uploaded and the playback copy meets the spec.
 */
export function conversionFindings(info: MediaInfo, spec: MediaSpec): SpecFinding[] {
  const video = info.video;
  if (info.via === 'header' || !video) return [];
  const copyVideo = canCopyVideo(info);
  const how = copyVideo ? '转封装，画面不重新编码' : '重新编码为 H.264';
  const findings: SpecFinding[] = [];
  if (info.container === 'mov' && spec.container === 'mp4') {
    findings.push({
      code: 'mov_converted',
      severity: 'warn',
      message: `iPhone 等设备拍摄的 MOV 文件（要求 MP4）：已接受，系统自动转换为 H.264 标准格式用于播放和评审（${how}），${KEEP}`,
      found: 'MOV/QuickTime',
      required: 'MP4',
    });
  }
  if (video.interlaced) {
    findings.push({
      code: 'interlaced',
      severity: 'warn',
      message: `视频为隔行扫描（画面运动时会出现横纹），要求逐行扫描：系统转码时已去隔行，播放版本为逐行画面，${KEEP}`,
      found: '隔行扫描',
      required: '逐行扫描',
    });
  }
  if (info.audio && !canCopyAudio(info)) {
    const picture = copyVideo ? '，画面直接复制、不重新编码' : '';
    findings.push({
      code: 'audio_converted',
      severity: 'warn',
      message: `音频编码为 ${info.audio.codecLabel}，要求 AAC：系统自动将声音转换为 AAC${picture}，${KEEP}`,
      found: info.audio.codecLabel,
      required: 'AAC',
    });
  }
  return findings;
}
