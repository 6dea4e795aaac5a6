import type { VideoInfo } from './probe-types.ts';

/** Names as editors and phones show them, used in findings (「视频编码为 HEVC (H.265)…」). */
export const videoCodecLabels: Record<VideoInfo['codec'], string> = {
  h264: 'H.264',
  hevc: 'HEVC (H.265)',
  other: '其他编码',
};

/** ISO sample entry / ffprobe codec name → our codec. */
export function videoCodecOf(name: string): VideoInfo['codec'] {
  if (/^(avc[1-4]|h264)$/i.test(name)) return 'h264';
  if (/^(hvc1|hev1|hevc|h265)$/i.test(name)) return 'hevc';
  return 'other';
}

const otherVideoLabels: Record<string, string> = {
  av01: 'AV1',
  av1: 'AV1',
  vp09: 'VP9',
  vp9: 'VP9',
  vp08: 'VP8',
  vp8: 'VP8',
  mp4v: 'MPEG-4 Part 2',
  mpeg4: 'MPEG-4 Part 2',
  mpeg2video: 'MPEG-2',
  mjpeg: 'Motion JPEG',
  jpeg: 'Motion JPEG',
  prores: 'Apple ProRes',
  apcn: 'Apple ProRes',
  apch: 'Apple ProRes',
  apcs: 'Apple ProRes',
  apco: 'Apple ProRes',
  ap4h: 'Apple ProRes',
};

export function videoCodecLabel(name: string): string {
  const codec = videoCodecOf(name);
  if (codec !== 'other') return videoCodecLabels[codec];
  return otherVideoLabels[name.toLowerCase()] ?? name.toUpperCase();
}

const h264Profiles: Record<number, string> = {
  66: 'Baseline',
  77: 'Main',
  88: 'Extended',
  100: 'High',
  110: 'High 10',
  122: 'High 4:2:2',
  244: 'High 4:4:4 Predictive',
};

/** avcC AVCProfileIndication → name; bit 6 of the compatibility byte marks Constrained Baseline. */
export function h264ProfileName(idc: number, compatibility: number): string | null {
  if (idc === 66 && compatibility & 0x40) return 'Constrained Baseline';
  return h264Profiles[idc] ?? null;
}

const hevcProfiles: Record<number, string> = {
  1: 'Main',
  2: 'Main 10',
  3: 'Main Still Picture',
  4: 'Format Range Extensions',
};

export function hevcProfileName(idc: number): string | null {
  return hevcProfiles[idc] ?? null;
}

/**
 * H.264 bit depth. High-family avcC boxes carry chroma format and bit depths after the PPS list
 * (mp4box keeps those bytes as `ext`); without them only High 10 implies 10 bits.
 */
export function h264BitDepth(profileIdc: number, ext: Uint8Array | undefined): number {
  const high = [100, 110, 122, 144, 244].includes(profileIdc);
  if (high && ext && ext.length >= 2) return ((ext[1] ?? 0) & 0x07) + 8;
  return profileIdc === 110 ? 10 : 8;
}

const audioCodecs: [RegExp, string, string][] = [
  // A bare 'mp4a' is what QuickTime files give when the esds sits where mp4box does not look: AAC.
  [/^(mp4a\.40\.(1|2|3|4|5|6|29)|mp4a\.40|mp4a|aac)$/i, 'aac', 'AAC'],
  [/^(mp4a\.6b|mp4a\.69|mp4a\.40\.34|mp3|\.mp3)$/i, 'mp3', 'MP3'],
  [/^(ac-3|ac3)$/i, 'ac3', 'Dolby Digital (AC-3)'],
  [/^(ec-3|eac3)$/i, 'eac3', 'Dolby Digital Plus (E-AC-3)'],
  [/^opus$/i, 'opus', 'Opus'],
  [/^(flac|fla[cC])$/i, 'flac', 'FLAC'],
  [/^alac$/i, 'alac', 'ALAC'],
  [/^(lpcm|sowt|twos|in24|in32|fl32|fl64|pcm_.*)$/i, 'pcm', 'PCM'],
];

/** mp4box codec string ("mp4a.40.2") or ffprobe codec name ("aac") → short code and label. */
export function audioCodecOf(name: string): { codec: string; codecLabel: string } {
  for (const [pattern, codec, codecLabel] of audioCodecs) {
    if (pattern.test(name)) return { codec, codecLabel };
  }
  return { codec: name.toLowerCase(), codecLabel: name.toUpperCase() };
}
