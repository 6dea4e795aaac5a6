import { describe, expect, it } from 'vitest';
import type { MediaSpec } from '@jiangtai/contracts';
import { fullHdMp4 } from '../campaigns/preset-defaults.ts';
import { probeMedia, type MediaInfo } from './probe.ts';
import { ffprobeFile } from './probe-ffprobe.ts';
import { fileSource } from './source.ts';
import { checkMediaSpec } from './spec-check.ts';
import { makeTestVideo, type TestVideoOptions } from './test-media.ts';

/**
 * The upload-time check (moov only, no ffprobe) on what phones and cameras record: an iPhone's MOV
 * is accepted with a finding instead of 「不是 MP4」, interlacing is read from the H.264 SPS, MP3
 * sound is named. Small 320×240 clips of 3 s against a spec scaled to match.
 */
const spec: MediaSpec = {
  ...fullHdMp4,
  width: 320,
  height: 240,
  bitRateMbps: 0.5,
  duration: { targetSeconds: 3, softMinSeconds: 2, softMaxSeconds: 4, hardMaxSeconds: 5 },
};

/** Probed as the upload does when the file is not on local disk (S3): mp4box only. */
async function probe(options: TestVideoOptions): Promise<MediaInfo> {
  const file = await makeTestVideo({ seconds: 3, ...options });
  const source = await fileSource(file);
  try {
    return await probeMedia(source);
  } finally {
    await source.close?.();
  }
}

const findings = async (options: TestVideoOptions) => {
  const info = await probe(options);
  return { info, found: checkMediaSpec(info, spec).map((f) => `${f.severity} ${f.code}: ${f.message}`) };
};

describe('the upload-time check on phone and camera files', () => {
  it("accepts an iPhone's H.264 .MOV with a finding that it is converted by remuxing", async () => {
    const { info, found } = await findings({ container: 'mov', extension: 'MOV' });
    expect(info).toMatchObject({ container: 'mov', via: 'mp4box', video: { codec: 'h264' } });
    expect(found).toEqual([
      'warn mov_converted: iPhone 等设备拍摄的 MOV 文件（要求 MP4）：已接受，系统自动转换为 H.264 标准格式用于播放和评审（转封装，画面不重新编码），原文件保留',
    ]);
  });

  it("accepts an iPhone's HEVC .MOV: converted by re-encoding", async () => {
    const { info, found } = await findings({ container: 'mov', codec: 'hevc', extension: 'MOV' });
    expect(info.video).toMatchObject({ codec: 'hevc' });
    expect(found.every((f) => f.startsWith('warn'))).toBe(true);
    expect(found.map((f) => f.split(':')[0])).toEqual(['warn codec', 'warn mov_converted']);
    expect(found[1]).toContain('重新编码为 H.264');
  });

  it('reads interlacing from the SPS in the moov (no ffprobe), and ffprobe agrees', async () => {
    const { info, found } = await findings({ interlaced: true });
    expect(info.via).toBe('mp4box');
    expect(info.video?.interlaced).toBe(true);
    expect(found).toEqual([expect.stringMatching(/^warn interlaced: 视频为隔行扫描.*已去隔行/)]);
    const ff = await ffprobeFile(await makeTestVideo({ seconds: 3, interlaced: true }));
    expect(ff?.video?.interlaced).toBe(true);
    expect((await probe({})).video?.interlaced).toBe(false);
    expect((await probe({ pixFmt: 'yuv420p10le' })).video?.interlaced).toBe(false); // High 10 SPS layout
  });

  it('names MP3 sound, converted to AAC while the picture is copied', async () => {
    const { info, found } = await findings({ audioCodec: 'mp3' });
    expect(info.audio?.codec).toBe('mp3');
    expect(found).toEqual([
      'warn audio_converted: 音频编码为 MP3，要求 AAC：系统自动将声音转换为 AAC，画面直接复制、不重新编码，原文件保留',
    ]);
  });
});
