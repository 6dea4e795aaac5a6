import { describe, expect, it } from 'vitest';
import type { MediaSpec } from '@jiangtai/contracts';
import { AppError } from '../../lib/errors.ts';
import { fullHdMp4 } from '../campaigns/preset-defaults.ts';
import type { MediaInfo, VideoInfo } from './probe-types.ts';
import { checkMediaSpec, isHlsRemuxable, unreadableFinding } from './spec-check.ts';

/** The 岳阳 spec: 1920×1080, 25fps, 8 Mbps, H.264 MP4, about 8 minutes, at most 10. */
const spec: MediaSpec = {
  ...fullHdMp4,
  duration: { targetSeconds: 480, softMinSeconds: 420, softMaxSeconds: 540, hardMaxSeconds: 600 },
};

const video: VideoInfo = {
  codec: 'h264',
  codecLabel: 'H.264',
  profile: 'High',
  bitDepth: 8,
  width: 1920,
  height: 1080,
  rotation: 0,
  displayWidth: 1920,
  displayHeight: 1080,
  frameRate: 25,
  variableFrameRate: false,
  interlaced: false,
  bitRate: 8_000_000,
};

function info(change: Partial<MediaInfo> = {}, videoChange: Partial<VideoInfo> = {}): MediaInfo {
  return {
    container: 'mp4',
    containerLabel: 'MP4',
    moovAtEnd: false,
    durationSeconds: 480,
    overallBitRate: 8_130_000,
    video: { ...video, ...videoChange },
    audio: { codec: 'aac', codecLabel: 'AAC', channels: 2, sampleRate: 48000 },
    bytesRead: 40_000,
    via: 'mp4box',
    ...change,
  };
}

const messages = (i: MediaInfo) => checkMediaSpec(i, spec).map((f) => `${f.severity}: ${f.message}`);

describe('checkMediaSpec', () => {
  it('a compliant 1080p25 8 Mbps H.264 MP4 of 8 minutes has no findings', () => {
    expect(checkMediaSpec(info(), spec)).toEqual([]);
  });

  it('states resolution, frame rate, bit rate and codec with the value found and the value required', () => {
    expect(messages(info({}, { width: 1280, height: 720, displayWidth: 1280, displayHeight: 720 }))).toEqual([
      'warn: 分辨率 1280×720，要求 1920×1080',
    ]);
    expect(messages(info({}, { frameRate: 30 }))).toEqual(['warn: 帧率 30fps，要求 25fps']);
    expect(messages(info({}, { bitRate: 3_100_000 }))).toEqual(['warn: 码率约 3.1 Mbps，要求约 8 Mbps']);
    expect(messages(info({}, { codec: 'hevc', codecLabel: 'HEVC (H.265)' }))).toEqual([
      'warn: 视频编码为 HEVC (H.265)，要求 H.264；系统自动转码为 H.264 用于播放和评审，原文件保留',
    ]);
    expect(messages(info({}, { bitDepth: 10 }))).toEqual(['warn: 视频为 10 位色深，要求 8 位']);
  });

  it('frame rates within 0.5% pass (24.996 and 25.1 for 25), 29.97 does not', () => {
    expect(checkMediaSpec(info({}, { frameRate: 24.996 }), spec)).toEqual([]);
    expect(checkMediaSpec(info({}, { frameRate: 25.1 }), spec)).toEqual([]);
    expect(messages(info({}, { frameRate: 30000 / 1001 }))).toEqual(['warn: 帧率 29.97fps，要求 25fps']);
  });

  it('bit rate warns only below 70% or above 150% of the target', () => {
    expect(checkMediaSpec(info({}, { bitRate: 5_700_000 }), spec)).toEqual([]);
    expect(checkMediaSpec(info({}, { bitRate: 11_900_000 }), spec)).toEqual([]);
    expect(messages(info({}, { bitRate: 5_500_000 }))).toEqual(['warn: 码率约 5.5 Mbps，要求约 8 Mbps']);
    expect(messages(info({}, { bitRate: 12_500_000 }))).toEqual(['warn: 码率约 12.5 Mbps，要求约 8 Mbps']);
  });

  it('uses the overall bit rate when the video track has none', () => {
    expect(messages(info({ overallBitRate: 2_000_000 }, { bitRate: null }))).toEqual([
      'warn: 码率约 2 Mbps，要求约 8 Mbps',
    ]);
  });

  it('duration: over the soft range warns, over the hard limit rejects, under the soft range warns', () => {
    expect(messages(info({ durationSeconds: 582 }))).toEqual([
      'warn: 时长 9分42秒，要求约 8 分钟（不超过 10 分钟）',
    ]);
    expect(messages(info({ durationSeconds: 600.4 }))).toEqual([
      'warn: 时长 10分钟，要求约 8 分钟（不超过 10 分钟）',
    ]);
    expect(messages(info({ durationSeconds: 615 }))).toEqual([
      'reject: 时长 10分15秒，要求约 8 分钟（不超过 10 分钟），请剪辑到 10 分钟以内后重新上传',
    ]);
    expect(messages(info({ durationSeconds: 190 }))).toEqual([
      'warn: 时长 3分10秒，要求约 8 分钟（不少于 7 分钟）',
    ]);
    expect(checkMediaSpec(info({ durationSeconds: 420 }), spec)).toEqual([]);
  });

  it('a hard "6 分钟以内" (softMax = hardMax) rejects just past it', () => {
    const jiaozuo = {
      ...spec,
      duration: { targetSeconds: 300, softMinSeconds: 240, softMaxSeconds: 360, hardMaxSeconds: 360 },
    };
    const findings = checkMediaSpec(info({ durationSeconds: 372 }), jiaozuo);
    expect(findings).toMatchObject([
      {
        code: 'duration_over_limit',
        severity: 'reject',
        found: '6分12秒',
        required: '约 5 分钟（不超过 6 分钟）',
      },
    ]);
  });

  it('refuses a file that is not MP4, naming what it is', () => {
    const mkv = info({ container: 'mkv', containerLabel: 'Matroska/MKV', via: 'ffprobe' });
    expect(checkMediaSpec(mkv, spec)).toMatchObject([
      { code: 'container', severity: 'reject', found: 'Matroska/MKV', required: 'MP4' },
    ]);
    expect(checkMediaSpec(mkv, spec)[0]!.message).toContain('文件不是 MP4 格式（实际为 Matroska/MKV）');
    const mov = info({ container: 'mov', containerLabel: 'MOV/QuickTime' });
    // A MOV spec takes MOV and MP4.
    expect(checkMediaSpec(mov, { ...spec, container: 'mov' })).toEqual([]);
    expect(checkMediaSpec(info(), { ...spec, container: 'mov' })).toEqual([]);
  });

  it('when only the header was read, reports the container and nothing it cannot know', () => {
    const header = info({
      container: 'webm',
      containerLabel: 'WebM',
      via: 'header',
      video: null,
      audio: null,
      durationSeconds: 0,
    });
    expect(checkMediaSpec(header, spec).map((f) => f.code)).toEqual(['container']);
  });

  it('rejects a video without sound or without picture', () => {
    expect(messages(info({ audio: null }))).toEqual([
      'reject: 视频没有声音（缺少音轨），请确认录制和导出时保留了声音后重新上传',
    ]);
    expect(checkMediaSpec(info({ video: null }), spec).map((f) => [f.code, f.severity])).toEqual([
      ['no_video', 'reject'],
    ]);
  });

  it('judges a rotated phone video on its displayed size and says it is portrait', () => {
    const phone = info(
      {},
      { width: 1920, height: 1080, rotation: 90, displayWidth: 1080, displayHeight: 1920 },
    );
    const [finding, ...rest] = checkMediaSpec(phone, spec);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      code: 'rotated',
      severity: 'warn',
      found: '竖屏 1080×1920',
      required: '横屏 1920×1080',
    });
    expect(finding!.message).toMatch(/^手机竖拍视频（旋转 90°，画面为竖屏 1080×1920），要求横屏 1920×1080/);
    // Coded portrait and turned to landscape for display: as required.
    const turned = info(
      {},
      { width: 1080, height: 1920, rotation: 270, displayWidth: 1920, displayHeight: 1080 },
    );
    expect(checkMediaSpec(turned, spec)).toEqual([]);
  });

  it('reports a variable frame rate once, with the average, instead of a frame rate mismatch', () => {
    const findings = checkMediaSpec(info({}, { variableFrameRate: true, frameRate: 29.31 }), spec);
    expect(findings.map((f) => f.code)).toEqual(['variable_frame_rate']);
    expect(findings[0]!.message).toMatch(/^视频帧率不固定（可变帧率，平均约 29.31fps），要求固定 25fps/);
  });

  it('lists rejects before warnings', () => {
    const bad = info(
      { audio: null, durationSeconds: 700 },
      { codec: 'hevc', codecLabel: 'HEVC (H.265)', frameRate: 30 },
    );
    expect(checkMediaSpec(bad, spec).map((f) => `${f.severity}:${f.code}`)).toEqual([
      'reject:no_audio',
      'reject:duration_over_limit',
      'warn:frame_rate',
      'warn:codec',
    ]);
  });

  it('turns a probe error into a reject finding', () => {
    const error = new AppError('MEDIA_UNREADABLE', '文件不完整或已损坏（缺少 moov 信息），请重新导出后上传');
    expect(unreadableFinding(error)).toMatchObject({
      code: 'unreadable',
      severity: 'reject',
      message: error.message,
    });
  });
});

describe('checkMediaSpec on what phones and cameras record', () => {
  const mov = (videoChange: Partial<VideoInfo> = {}) =>
    info({ container: 'mov', containerLabel: 'MOV/QuickTime' }, videoChange);

  it("accepts an iPhone's H.264 MOV under an MP4 spec with one finding: remuxed, original kept", () => {
    expect(checkMediaSpec(mov(), spec)).toEqual([
      {
        code: 'mov_converted',
        severity: 'warn',
        message:
          'iPhone 等设备拍摄的 MOV 文件（要求 MP4）：已接受，系统自动转换为 H.264 标准格式用于播放和评审（转封装，画面不重新编码），原文件保留',
        found: 'MOV/QuickTime',
        required: 'MP4',
      },
    ]);
  });

  it("accepts an iPhone's HEVC MOV: converted by re-encoding, and the codec finding says so", () => {
    expect(messages(mov({ codec: 'hevc', codecLabel: 'HEVC (H.265)', profile: 'Main' }))).toEqual([
      'warn: 视频编码为 HEVC (H.265)，要求 H.264；系统自动转码为 H.264 用于播放和评审，原文件保留',
      'warn: iPhone 等设备拍摄的 MOV 文件（要求 MP4）：已接受，系统自动转换为 H.264 标准格式用于播放和评审（重新编码为 H.264），原文件保留',
    ]);
  });

  it('says that interlaced video is de-interlaced for playback', () => {
    expect(checkMediaSpec(info({}, { interlaced: true }), spec)).toMatchObject([
      {
        code: 'interlaced',
        severity: 'warn',
        message:
          '视频为隔行扫描（画面运动时会出现横纹），要求逐行扫描：系统转码时已去隔行，播放版本为逐行画面，原文件保留',
        found: '隔行扫描',
        required: '逐行扫描',
      },
    ]);
  });

  it('says MP3 sound is converted to AAC while the picture is copied', () => {
    const mp3 = info({ audio: { codec: 'mp3', codecLabel: 'MP3', channels: 2, sampleRate: 44100 } });
    expect(messages(mp3)).toEqual([
      'warn: 音频编码为 MP3，要求 AAC：系统自动将声音转换为 AAC，画面直接复制、不重新编码，原文件保留',
    ]);
  });
});

describe('isHlsRemuxable', () => {
  it('takes 8-bit H.264 with AAC or no audio in MP4/MOV at a constant frame rate, upright', () => {
    expect(isHlsRemuxable(info())).toBe(true);
    expect(isHlsRemuxable(info({ audio: null }))).toBe(true);
    expect(isHlsRemuxable(info({ container: 'mov', containerLabel: 'MOV/QuickTime' }))).toBe(true);
  });

  it('sends everything else to the encoder', () => {
    expect(isHlsRemuxable(info({}, { codec: 'hevc' }))).toBe(false);
    expect(isHlsRemuxable(info({}, { bitDepth: 10, profile: 'High 10' }))).toBe(false);
    expect(isHlsRemuxable(info({}, { profile: 'High 4:2:2' }))).toBe(false);
    expect(isHlsRemuxable(info({}, { variableFrameRate: true }))).toBe(false);
    expect(isHlsRemuxable(info({}, { rotation: 90 }))).toBe(false);
    expect(isHlsRemuxable(info({}, { interlaced: true }))).toBe(false);
    expect(
      isHlsRemuxable(info({ audio: { codec: 'pcm', codecLabel: 'PCM', channels: 2, sampleRate: 48000 } })),
    ).toBe(false);
    expect(isHlsRemuxable(info({ container: 'mkv', containerLabel: 'Matroska/MKV', via: 'ffprobe' }))).toBe(
      false,
    );
    expect(isHlsRemuxable(info({ video: null }))).toBe(false);
  });
});
