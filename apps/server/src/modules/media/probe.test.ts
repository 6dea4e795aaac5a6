import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { MediaSpec } from '@jiangtai/contracts';
import { AppError } from '../../lib/errors.ts';
import { fullHdMp4 } from '../campaigns/preset-defaults.ts';
import { probeMedia, type MediaInfo } from './probe.ts';
import { ffprobeFile } from './probe-ffprobe.ts';
import { fileSource } from './source.ts';
import { checkMediaSpec, isHlsRemuxable } from './spec-check.ts';
import { makeTestVideo, type TestVideoOptions } from './test-media.ts';

/** Generated clips are seconds long; the durations in the specs are scaled down to match. */
const shortClip = { targetSeconds: 3, softMinSeconds: 2, softMaxSeconds: 4, hardMaxSeconds: 5 };
const fullHd: MediaSpec = { ...fullHdMp4, duration: shortClip };
/** Small clips (320×240, 0.5 Mbps) keep encoding cheap where the size is not what is tested. */
const small: MediaSpec = { ...fullHd, width: 320, height: 240, bitRateMbps: 0.5 };

async function probe(options: TestVideoOptions, withPath = true): Promise<{ info: MediaInfo; size: number }> {
  const file = await makeTestVideo({ seconds: 3, ...options });
  const source = await fileSource(file);
  try {
    return { info: await probeMedia(source, withPath ? file : undefined), size: source.size };
  } finally {
    await source.close?.();
  }
}

const codes = (info: MediaInfo, spec: MediaSpec) => checkMediaSpec(info, spec).map((f) => f.code);
const messages = (info: MediaInfo, spec: MediaSpec) => checkMediaSpec(info, spec).map((f) => f.message);

describe('probeMedia on generated files', () => {
  const compliant: TestVideoOptions = { width: 1920, height: 1080, fps: 25, bitrateKbps: 8000 };

  it('a compliant 1080p25 8 Mbps H.264/AAC MP4 (moov in front) has no findings', async () => {
    const { info } = await probe(compliant);
    expect(info).toMatchObject({
      container: 'mp4',
      moovAtEnd: false,
      via: 'mp4box',
      video: {
        codec: 'h264',
        bitDepth: 8,
        width: 1920,
        height: 1080,
        rotation: 0,
        frameRate: 25,
        variableFrameRate: false,
      },
      audio: { codec: 'aac', channels: 1, sampleRate: 48000 },
    });
    expect(info.durationSeconds).toBeCloseTo(3, 1);
    expect(checkMediaSpec(info, fullHd)).toEqual([]);
    expect(isHlsRemuxable(info)).toBe(true);
  });

  it('agrees with ffprobe on the same file', async () => {
    const file = await makeTestVideo({ seconds: 3, ...compliant });
    const source = await fileSource(file);
    const ours = await probeMedia(source);
    await source.close?.();
    const theirs = await ffprobeFile(file);
    expect(theirs).not.toBeNull();
    expect(ours.video).toMatchObject({
      codec: theirs!.video!.codec,
      width: theirs!.video!.width,
      height: theirs!.video!.height,
      frameRate: theirs!.video!.frameRate,
      bitDepth: theirs!.video!.bitDepth,
    });
    expect(ours.video!.bitRate! / theirs!.video!.bitRate!).toBeCloseTo(1, 1);
    expect(ours.audio).toEqual(theirs!.audio);
    expect(ours.durationSeconds).toBeCloseTo(theirs!.durationSeconds, 1);
  });

  it('moov at the end: the same facts, found by reading under 1 MB', async () => {
    const front = await probe(compliant);
    const end = await probe({ ...compliant, faststart: false });
    expect(end.info.moovAtEnd).toBe(true);
    expect(end.info.via).toBe('mp4box');
    // Two x264 runs differ by a few bytes, so the bit rate is compared loosely.
    expect({ ...end.info.video, bitRate: 0 }).toEqual({ ...front.info.video, bitRate: 0 });
    expect(end.info.video!.bitRate! / front.info.video!.bitRate!).toBeCloseTo(1, 2);
    expect(end.info.audio).toEqual(front.info.audio);
    expect(end.info.durationSeconds).toBe(front.info.durationSeconds);
    expect(end.size).toBeGreaterThan(2_000_000);
    expect(end.info.bytesRead).toBeLessThanOrEqual(1024 * 1024);
    expect(front.info.bytesRead).toBeLessThanOrEqual(1024 * 1024);
    expect(checkMediaSpec(end.info, fullHd)).toEqual([]);
  });

  it('wrong resolution', async () => {
    const { info } = await probe({ width: 1280, height: 720, bitrateKbps: 8000 });
    expect(messages(info, fullHd)).toEqual(['分辨率 1280×720，要求 1920×1080']);
  });

  it('wrong frame rate', async () => {
    const { info } = await probe({ fps: 30 });
    expect(messages(info, small)).toEqual(['帧率 30fps，要求 25fps']);
  });

  it('24.996 fps passes for 25', async () => {
    const { info } = await probe({ fps: '24.996' });
    expect(info.video!.frameRate).toBeCloseTo(24.996, 3);
    expect(info.video!.variableFrameRate).toBe(false);
    expect(checkMediaSpec(info, small)).toEqual([]);
  });

  it('too long is refused, too short is accepted with a warning', async () => {
    const { info } = await probe({});
    const tooLong = {
      ...small,
      duration: { targetSeconds: 1, softMinSeconds: 1, softMaxSeconds: 1, hardMaxSeconds: 2 },
    };
    expect(checkMediaSpec(info, tooLong)).toMatchObject([
      { code: 'duration_over_limit', severity: 'reject', found: '3秒', required: '约 1秒（不超过 2秒）' },
    ]);
    const tooShort = {
      ...small,
      duration: { targetSeconds: 10, softMinSeconds: 8, softMaxSeconds: 12, hardMaxSeconds: 15 },
    };
    expect(checkMediaSpec(info, tooShort)).toMatchObject([
      { code: 'duration_short', severity: 'warn', message: '时长 3秒，要求约 10秒（不少于 8秒）' },
    ]);
  });

  it('HEVC', async () => {
    const { info } = await probe({ codec: 'hevc' });
    expect(info.video).toMatchObject({ codec: 'hevc', profile: 'Main', bitDepth: 8 });
    expect(messages(info, small)).toEqual([
      '视频编码为 HEVC (H.265)，要求 H.264；系统自动转码为 H.264 用于播放和评审，原文件保留',
    ]);
    expect(isHlsRemuxable(info)).toBe(false);
  });

  it('10-bit H.264 and 10-bit HEVC', async () => {
    const h264 = await probe({ pixFmt: 'yuv420p10le' });
    expect(h264.info.video).toMatchObject({ codec: 'h264', profile: 'High 10', bitDepth: 10 });
    expect(messages(h264.info, small)).toEqual(['视频为 10 位色深，要求 8 位']);
    const hevc = await probe({ codec: 'hevc', pixFmt: 'yuv420p10le' });
    expect(hevc.info.video).toMatchObject({ codec: 'hevc', profile: 'Main 10', bitDepth: 10 });
    expect(codes(hevc.info, small)).toEqual(['codec', 'bit_depth']);
  });

  it('an MKV renamed to .mp4 is refused as Matroska, with or without a local path for ffprobe', async () => {
    const withPath = await probe({ container: 'mkv', extension: 'mp4' });
    expect(withPath.info).toMatchObject({
      container: 'mkv',
      via: 'ffprobe',
      video: { codec: 'h264', width: 320 },
    });
    expect(checkMediaSpec(withPath.info, small)).toMatchObject([{ code: 'container', severity: 'reject' }]);
    expect(messages(withPath.info, small)[0]).toContain('文件不是 MP4 格式（实际为 Matroska/MKV）');
    const headerOnly = await probe({ container: 'mkv', extension: 'mp4' }, false);
    expect(headerOnly.info).toMatchObject({ container: 'mkv', via: 'header', video: null, audio: null });
    expect(codes(headerOnly.info, small)).toEqual(['container']);
  });

  it('a container the first bytes do not name is labelled by ffprobe (MPEG-TS renamed to .mp4)', async () => {
    const { info } = await probe({ container: 'ts', extension: 'mp4' });
    expect(info).toMatchObject({ container: 'unknown', containerLabel: 'MPEG-TS', via: 'ffprobe' });
    expect(messages(info, small)[0]).toContain('文件不是 MP4 格式（实际为 MPEG-TS）');
    await expect(probe({ container: 'ts', extension: 'mp4' }, false)).rejects.toMatchObject({
      code: 'MEDIA_UNREADABLE',
    });
  });

  it('a MOV renamed to .mp4 is read (mp4box) and taken as the MOV it is', async () => {
    const { info } = await probe({ container: 'mov', extension: 'mp4' });
    expect(info).toMatchObject({
      container: 'mov',
      via: 'mp4box',
      video: { codec: 'h264' },
      audio: { codec: 'aac' },
    });
    expect(codes(info, small)).toEqual(['mov_converted']);
    expect(checkMediaSpec(info, { ...small, container: 'mov' })).toEqual([]);
  });

  it('a truncated file is unreadable, whether its moov was at the end (gone) or in front (data gone)', async () => {
    for (const withPath of [true, false]) {
      const noMoov = probe({ truncate: true, faststart: false }, withPath);
      await expect(noMoov).rejects.toBeInstanceOf(AppError);
      await expect(noMoov).rejects.toMatchObject({
        code: 'MEDIA_UNREADABLE',
        status: 422,
        message: '文件不完整或已损坏（缺少 moov 信息），请重新导出后上传',
      });
      const noData = probe({ truncate: true, faststart: true }, withPath);
      await expect(noData).rejects.toMatchObject({
        code: 'MEDIA_UNREADABLE',
        message: expect.stringContaining('文件不完整'),
      });
    }
  });

  it('a file that is not a video at all', async () => {
    const file = await makeTestVideo({ seconds: 3 });
    const junk = `${file}.junk`;
    await fs.writeFile(junk, Buffer.from('%PDF-1.7 not a video at all'.repeat(10)));
    const source = await fileSource(junk);
    await expect(probeMedia(source, junk)).rejects.toMatchObject({ code: 'MEDIA_UNREADABLE' });
    await source.close?.();
    await fs.rm(junk);
  });

  it('audio missing', async () => {
    const { info } = await probe({ audio: false });
    expect(info.audio).toBeNull();
    expect(checkMediaSpec(info, small)).toMatchObject([{ code: 'no_audio', severity: 'reject' }]);
    expect(isHlsRemuxable(info)).toBe(true); // no audio track is still remuxable; the spec refuses it
  });

  it('a rotated phone video is judged on its displayed (portrait) size', async () => {
    const { info } = await probe({ width: 320, height: 240, rotation: 90 });
    expect(info.video).toMatchObject({
      width: 320,
      height: 240,
      rotation: 90,
      displayWidth: 240,
      displayHeight: 320,
    });
    const findings = checkMediaSpec(info, small);
    expect(findings.map((f) => f.code)).toEqual(['rotated']);
    expect(findings[0]!.message).toMatch(/^手机竖拍视频（旋转 90°，画面为竖屏 240×320），要求横屏 320×240/);
    // ffprobe reads the same matrix the same way.
    const theirs = await ffprobeFile(
      await makeTestVideo({ seconds: 3, width: 320, height: 240, rotation: 90 }),
    );
    expect(theirs!.video!.rotation).toBe(90);
  });

  it('variable frame rate', async () => {
    const { info } = await probe({ vfr: true, fps: 30, seconds: 4 });
    expect(info.video!.variableFrameRate).toBe(true);
    expect(codes(info, small)).toEqual(['variable_frame_rate']);
    expect(isHlsRemuxable(info)).toBe(false);
  });
});

describe('probeMedia on unusual layouts', () => {
  it('a fragmented MP4 goes to ffprobe when there is a local path, and is refused clearly otherwise', async () => {
    const { info } = await probe({ fragmented: true });
    expect(info).toMatchObject({
      container: 'mp4',
      via: 'ffprobe',
      moovAtEnd: false,
      video: { codec: 'h264' },
    });
    expect(info.durationSeconds).toBeCloseTo(3, 0);
    await expect(probe({ fragmented: true }, false)).rejects.toMatchObject({
      code: 'MEDIA_UNREADABLE',
      message: expect.stringContaining('分段（fragmented）MP4'),
    });
  });
});
