import { createFile, Log, MP4BoxBuffer, type ISOFile } from 'mp4box';
import {
  audioCodecOf,
  h264BitDepth,
  h264ProfileName,
  hevcProfileName,
  videoCodecLabel,
  videoCodecOf,
} from './probe-codecs.ts';
import { h264SpsInterlaced } from './probe-h264-sps.ts';
import { frameTiming, matrixRotation } from './probe-timing.ts';
import type { AudioInfo, VideoInfo } from './probe-types.ts';

type Moov = ISOFile['moov'];
type Trak = Moov['traks'][number];

export interface MoovInfo {
  durationSeconds: number;
  video: VideoInfo | null;
  audio: AudioInfo | null;
  /** Fragmented MP4: the moov holds no samples, the fragments do. */
  fragmented: boolean;
  /** Largest byte offset a sample of any track reaches; beyond the file size means truncated. */
  dataEnd: number;
}

/**
 * Parse a moov box (and only it) with mp4box. mp4box wants its first buffer at file position 0;
 * the moov's own position does not matter for what we read (chunk offsets are absolute values).
 */
export function parseMoov(bytes: Buffer): MoovInfo | null {
  const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length); // a copy
  skipMetadataBoxes(Buffer.from(ab));
  const file = createFile(false);
  // checkBuffer + parse build the box tree only; appendBuffer would also expand every sample into
  // an object (tens of thousands for a 10-minute lecture), which costs far more than we need.
  quietly(() => {
    if (file.checkBuffer(MP4BoxBuffer.fromArrayBuffer(ab, 0))) file.parse();
  });
  const moov = file.moov as Moov | undefined;
  if (!moov?.mvhd) return null;
  const traks = moov.traks ?? [];
  const video = traks.find((t) => handler(t) === 'vide');
  const audio = traks.find((t) => handler(t) === 'soun');
  return {
    durationSeconds: movieDuration(moov, traks),
    video: video ? videoInfo(video) : null,
    audio: audio ? audioInfo(audio) : null,
    fragmented: moov.mvex !== undefined,
    dataEnd: Math.max(0, ...traks.map(sampleDataEnd)),
  };
}

/**
 * mp4box prints box-level complaints with console.error (e.g. QuickTime's zero terminator atom
 * inside 'wave'). What matters to us is whether a usable moov came out, so they are muted for the
 * parse; it is synchronous, so nothing else can log through mp4box meanwhile.
 */
function quietly(parse: () => void): void {
  const error = Log.error;
  Log.error = () => {};
  try {
    parse();
  } finally {
    Log.error = error;
  }
}

/**
 * Turn the moov's user-data boxes (udta/meta: titles, encoder names, GPS…) into 'free' boxes so
 * mp4box skips them. We need none of it, and QuickTime's '©xyz' atoms make mp4box print errors.
 */
function skipMetadataBoxes(moov: Buffer): void {
  let offset = 8;
  while (offset + 8 <= moov.length) {
    const size = moov.readUInt32BE(offset);
    if (size < 8) return; // 64-bit or "to the end" sizes do not occur inside a moov we can read
    const type = moov.toString('latin1', offset + 4, offset + 8);
    if (type === 'udta' || type === 'meta') moov.write('free', offset + 4, 'latin1');
    offset += size;
  }
}

const handler = (trak: Trak) => trak.mdia?.hdlr?.handler;

function movieDuration(moov: Moov, traks: Trak[]): number {
  const { duration, timescale } = moov.mvhd;
  if (duration > 0 && timescale > 0) return duration / timescale;
  // Some muxers leave mvhd empty; the longest track then gives the length.
  return Math.max(0, ...traks.map((t) => mediaTicks(t) / (t.mdia.mdhd.timescale || 1)));
}

/** Sum of sample durations (stts), in the track's timescale. */
function mediaTicks(trak: Trak): number {
  const stts = trak.mdia.minf.stbl.stts;
  if (!stts) return 0;
  let ticks = 0;
  for (let i = 0; i < stts.sample_counts.length; i++)
    ticks += (stts.sample_counts[i] ?? 0) * (stts.sample_deltas[i] ?? 0);
  return ticks;
}

/** Sample sizes (stsz/stz2): one size for all samples, or one per sample. */
function sampleSizes(trak: Trak): { count: number; sizeOf(index: number): number } {
  const stsz = trak.mdia.minf.stbl.stsz ?? trak.mdia.minf.stbl.stz2;
  const sizes = stsz?.sample_sizes ?? [];
  const fixed = (stsz as { sample_size?: number } | undefined)?.sample_size ?? 0;
  if (fixed > 0) return { count: (stsz as { sample_count?: number }).sample_count ?? 0, sizeOf: () => fixed };
  return { count: sizes.length, sizeOf: (i) => sizes[i] ?? 0 };
}

/** End of the last chunk: its offset (stco/co64) plus the sizes of the samples stsc puts in it. */
function sampleDataEnd(trak: Trak): number {
  const stbl = trak.mdia.minf.stbl;
  const offsets = (stbl.stco ?? stbl.co64)?.chunk_offsets ?? [];
  const lastOffset = offsets.at(-1);
  if (lastOffset === undefined) return 0;
  const perChunk = stbl.stsc?.samples_per_chunk.at(-1) ?? 1;
  const sizes = sampleSizes(trak);
  let end = lastOffset;
  for (let i = Math.max(0, sizes.count - perChunk); i < sizes.count; i++) end += sizes.sizeOf(i);
  return end;
}

/** Only asked for the video track: summing a 10-minute audio track's sizes would be wasted time. */
function trackBitRate(trak: Trak): number | null {
  const seconds = mediaTicks(trak) / (trak.mdia.mdhd.timescale || 1);
  if (seconds <= 0) return null;
  const { count, sizeOf } = sampleSizes(trak);
  let bytes = 0;
  for (let i = 0; i < count; i++) bytes += sizeOf(i);
  return Math.round((bytes * 8) / seconds);
}

function videoInfo(trak: Trak): VideoInfo | null {
  const entry = trak.mdia.minf.stbl.stsd.entries[0];
  if (!entry) return null;
  const visual = entry as typeof entry & {
    width: number;
    height: number;
    avcC?: {
      AVCProfileIndication: number;
      profile_compatibility: number;
      ext?: Uint8Array;
      SPS?: { data: Uint8Array }[];
    };
    hvcC?: { general_profile_idc: number; bit_depth_luma_minus8: number };
  };
  const codec = videoCodecOf(entry.type);
  let profile: string | null = null;
  let bitDepth = 8;
  let interlaced = false;
  if (visual.avcC) {
    profile = h264ProfileName(visual.avcC.AVCProfileIndication, visual.avcC.profile_compatibility);
    bitDepth = h264BitDepth(visual.avcC.AVCProfileIndication, visual.avcC.ext);
    const sps = visual.avcC.SPS?.[0]?.data;
    interlaced = sps ? (h264SpsInterlaced(sps) ?? false) : false;
  } else if (visual.hvcC) {
    profile = hevcProfileName(visual.hvcC.general_profile_idc);
    bitDepth = visual.hvcC.bit_depth_luma_minus8 + 8;
  }
  const stts = trak.mdia.minf.stbl.stts;
  const timing = frameTiming(stts?.sample_counts ?? [], stts?.sample_deltas ?? [], trak.mdia.mdhd.timescale);
  const rotation = matrixRotation(trak.tkhd.matrix);
  const quarter = rotation === 90 || rotation === 270;
  return {
    codec,
    codecLabel: videoCodecLabel(entry.type),
    profile,
    bitDepth,
    width: visual.width,
    height: visual.height,
    rotation,
    displayWidth: quarter ? visual.height : visual.width,
    displayHeight: quarter ? visual.width : visual.height,
    frameRate: timing.frameRate,
    variableFrameRate: timing.variableFrameRate,
    interlaced,
    bitRate: trackBitRate(trak),
  };
}

function audioInfo(trak: Trak): AudioInfo | null {
  const entry = trak.mdia.minf.stbl.stsd.entries[0];
  if (!entry) return null;
  const sound = entry as typeof entry & { channel_count: number; samplerate: number };
  const channels = aacChannels(entry) ?? sound.channel_count;
  return { ...audioCodecOf(entry.getCodec()), channels, sampleRate: sound.samplerate };
}

interface EsDescriptor {
  findDescriptor(tag: number): { findDescriptor(tag: number): { data?: Uint8Array } | undefined } | undefined;
}

/**
 * MP4 muxers write 2 channels in the sample entry whatever the audio has; AAC's real channel
 * configuration is in the AudioSpecificConfig (5 bits object type, 4 bits rate index, 4 bits channels).
 */
function aacChannels(entry: object): number | null {
  const { esds, wave } = entry as { esds?: { esd?: EsDescriptor }; wave?: { esds?: { esd?: EsDescriptor } } };
  const esd = esds?.esd ?? wave?.esds?.esd;
  // Tag 4: DecoderConfigDescriptor; tag 5 inside it: DecoderSpecificInfo (the AudioSpecificConfig).
  const config = esd?.findDescriptor(4)?.findDescriptor(5)?.data;
  if (!config || config.length < 2) return null;
  const channels = (((config[1] ?? 0) >> 3) & 0x0f) as number;
  return channels > 0 && channels <= 7 ? channels : null; // 0 = defined elsewhere; >7 = special layouts
}
