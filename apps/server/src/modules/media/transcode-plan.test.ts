import { describe, expect, it } from 'vitest';
import type { MediaInfo } from './probe-types.ts';
import { isRemuxable, ladderArgs, ladderRungs, posterArgs, remuxArgs } from './transcode-plan.ts';

function info(
  video: Partial<NonNullable<MediaInfo['video']>> = {},
  extra: Partial<MediaInfo> = {},
): MediaInfo {
  const width = video.width ?? 1920;
  const height = video.height ?? 1080;
  return {
    container: 'mp4',
    containerLabel: 'MP4',
    moovAtEnd: false,
    durationSeconds: 480,
    overallBitRate: 8_000_000,
    video: {
      codec: 'h264',
      codecLabel: 'H.264',
      profile: 'High',
      bitDepth: 8,
      width,
      height,
      rotation: 0,
      displayWidth: width,
      displayHeight: height,
      frameRate: 25,
      variableFrameRate: false,
      interlaced: false,
      bitRate: 7_800_000,
      ...video,
    },
    audio: { codec: 'aac', codecLabel: 'AAC', channels: 2, sampleRate: 48000 },
    bytesRead: 0,
    via: 'mp4box',
    ...extra,
  };
}

const hls = { segmentType: 'mpegts', segmentSeconds: 6 } as const;
const sizes = (i: MediaInfo) => ladderRungs(i).map((r) => `${r.name} ${r.width}x${r.height}`);

describe('isRemuxable', () => {
  it('accepts H.264 8-bit with AAC or no audio at a constant frame rate in MP4/MOV', () => {
    expect(isRemuxable(info())).toBe(true);
    expect(isRemuxable(info({}, { audio: null }))).toBe(true);
    expect(isRemuxable(info({}, { container: 'mov' }))).toBe(true);
  });

  it('copies the picture and encodes only the sound when the audio is MP3', () => {
    const mp3 = info({}, { audio: { codec: 'mp3', codecLabel: 'MP3', channels: 2, sampleRate: 44100 } });
    expect(isRemuxable(mp3)).toBe(true);
    const args = remuxArgs('in.mp4', 'out', mp3, hls);
    expect(args.join(' ')).toContain('-c:v copy -c:a aac -b:a 128000 -ac 2');
    expect(remuxArgs('in.mp4', 'out', info(), hls).join(' ')).toContain('-c:v copy -c:a copy');
  });

  it('re-encodes everything else', () => {
    expect(isRemuxable(info({ codec: 'hevc' }))).toBe(false);
    expect(isRemuxable(info({ bitDepth: 10, profile: 'High 10' }))).toBe(false);
    expect(isRemuxable(info({ profile: 'High 4:2:2' }))).toBe(false);
    expect(isRemuxable(info({ variableFrameRate: true }))).toBe(false);
    expect(isRemuxable(info({ rotation: 90, displayWidth: 1080, displayHeight: 1920 }))).toBe(false);
    expect(isRemuxable(info({}, { container: 'mkv' }))).toBe(false);
    expect(isRemuxable(info({ interlaced: true }))).toBe(false);
    expect(isRemuxable(info({}, { video: null }))).toBe(false);
  });
});

describe('ladderRungs', () => {
  it('caps the source at 1080p and adds 720p and 480p', () => {
    expect(sizes(info({ width: 3840, height: 2160 }))).toEqual([
      '1080p 1920x1080',
      '720p 1280x720',
      '480p 854x480',
    ]);
    expect(sizes(info())).toEqual(['1080p 1920x1080', '720p 1280x720', '480p 854x480']);
  });

  it('never scales up', () => {
    expect(sizes(info({ width: 1280, height: 720 }))).toEqual(['720p 1280x720', '480p 854x480']);
    expect(sizes(info({ width: 960, height: 540 }))).toEqual(['540p 960x540', '480p 854x480']);
    expect(sizes(info({ width: 640, height: 360 }))).toEqual(['360p 640x360']);
  });

  it('keeps portrait video portrait, sized by its short side', () => {
    const phone = info({ width: 1920, height: 1080, rotation: 90, displayWidth: 1080, displayHeight: 1920 });
    expect(sizes(phone)).toEqual(['1080p 1080x1920', '720p 720x1280', '480p 480x854']);
  });

  it('encodes all rungs from one decode in a single ffmpeg command', () => {
    const i = info();
    const args = ladderArgs('in.mp4', 'out', i, ladderRungs(i), { segmentType: 'mpegts', segmentSeconds: 6 });
    expect(args.filter((a) => a === '-i')).toHaveLength(1);
    expect(args[args.indexOf('-filter_complex') + 1]).toContain('split=3[s0][s1][s2]');
    expect(args[args.indexOf('-var_stream_map') + 1]).toBe(
      'v:0,a:0,name:1080p v:1,a:1,name:720p v:2,a:2,name:480p',
    );
  });
});

describe('de-interlacing and the poster', () => {
  it('de-interlaces an interlaced source before the frame rate and the scalers, and for its poster', () => {
    const i = info({ interlaced: true });
    const graph = ladderArgs('in.mp4', 'out', i, ladderRungs(i), hls);
    expect(graph[graph.indexOf('-filter_complex') + 1]).toMatch(
      /^\[0:v:0\]bwdif=mode=send_frame:parity=auto:deint=all,fps=25,split=3/,
    );
    const poster = posterArgs('in.mp4', 'p.jpg', i);
    expect(poster[poster.indexOf('-vf') + 1]).toMatch(/^bwdif=/);
    const progressive = ladderArgs('in.mp4', 'out', info(), ladderRungs(info()), hls);
    expect(progressive.join(' ')).not.toContain('bwdif');
  });

  it('seeks the poster accurately to 10% (no keyframe-only seek, no read limit)', () => {
    const args = posterArgs('in.mp4', 'p.jpg', info());
    expect(args.slice(0, 4)).toEqual(['-ss', '48.000', '-i', 'in.mp4']);
    expect(args).not.toContain('-noaccurate_seek');
    expect(args).not.toContain('-t');
  });
});
