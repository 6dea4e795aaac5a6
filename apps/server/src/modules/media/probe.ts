import { AppError } from '../../lib/errors.ts';
import {
  CONTAINER_HEAD_BYTES,
  containerLabels,
  detectContainer,
  type ContainerKind,
} from './detect-container.ts';
import { walkTopLevelBoxes, type BoxLayout } from './probe-boxes.ts';
import { ffprobeFile, type FfprobeInfo } from './probe-ffprobe.ts';
import { parseMoov, type MoovInfo } from './probe-mp4.ts';
import type { MediaInfo } from './probe-types.ts';
import type { RandomAccessSource } from './source.ts';

export type { AudioInfo, MediaInfo, Rotation, VideoInfo } from './probe-types.ts';

/** A moov this large means hours of samples; parsing it in memory is not worth the risk. */
const MAX_MOOV_BYTES = 128 * 1024 * 1024;

const missingMoov = () =>
  new AppError('MEDIA_UNREADABLE', '文件不完整或已损坏（缺少 moov 信息），请重新导出后上传');
const truncated = () =>
  new AppError('MEDIA_UNREADABLE', '文件不完整或已损坏（视频数据只有一部分），请重新导出后上传');
const fragmented = () =>
  new AppError('MEDIA_UNREADABLE', '这是分段（fragmented）MP4，无法直接检查，请重新导出为普通 MP4 后上传');
const unrecognised = () =>
  new AppError('MEDIA_UNREADABLE', '无法识别这个文件的格式，请上传 MP4 格式（H.264 编码）的视频');

/**
 * Describe a video file for the spec check. MP4/MOV: read the box headers and then the moov box
 * only (wherever it is) with positional reads, and parse it with mp4box. ffprobe is the fallback
 * for what that cannot read, and for other containers, and only runs when a local path is given.
 * Throws AppError('MEDIA_UNREADABLE') when the file is truncated or cannot be read at all.
 */
export async function probeMedia(source: RandomAccessSource, localPath?: string): Promise<MediaInfo> {
  const counted = countReads(source);
  const head = await counted.read(0, CONTAINER_HEAD_BYTES);
  const container = detectContainer(head);
  if (container === 'mp4' || container === 'mov') return probeIsoFile(counted, container, localPath);
  return probeOtherContainer(counted, container, localPath);
}

type Counted = RandomAccessSource & { readonly bytesRead: number };

function countReads(source: RandomAccessSource): Counted {
  let bytesRead = 0;
  return {
    size: source.size,
    get bytesRead() {
      return bytesRead;
    },
    async read(offset, length) {
      const bytes = await source.read(offset, length);
      bytesRead += bytes.length;
      return bytes;
    },
  };
}

async function probeIsoFile(
  source: Counted,
  container: ContainerKind,
  localPath?: string,
): Promise<MediaInfo> {
  const layout = await walkTopLevelBoxes(source);
  const moov = await readMoov(source, layout);
  if (moov && !moov.fragmented) {
    // The moov may be whole while the media data after it was cut off (an interrupted copy).
    if (moov.dataEnd > source.size) throw truncated();
    return {
      ...base(container, source, moov),
      moovAtEnd: layout.moovAtEnd,
      video: moov.video,
      audio: moov.audio,
      via: 'mp4box',
    };
  }
  const ff = localPath ? await ffprobeFile(localPath) : null;
  if (!ff) throw moov?.fragmented ? fragmented() : missingMoov();
  return fromFfprobe(container, source, ff, layout.moov ? layout.moovAtEnd : null);
}

async function readMoov(source: Counted, layout: BoxLayout): Promise<MoovInfo | null> {
  const box = layout.moov;
  if (!box || box.offset + box.size > source.size || box.size > MAX_MOOV_BYTES) return null;
  const bytes = await source.read(box.offset, box.size);
  try {
    return parseMoov(bytes);
  } catch {
    return null; // mp4box throws on some malformed boxes; treated like a missing moov
  }
}

async function probeOtherContainer(
  source: Counted,
  container: ContainerKind,
  localPath?: string,
): Promise<MediaInfo> {
  const ff = localPath ? await ffprobeFile(localPath) : null;
  if (ff) return fromFfprobe(container, source, ff, null);
  if (container === 'unknown') throw unrecognised();
  // Matroska/WebM/AVI are refused by the spec check anyway; the container is what the user must hear.
  return {
    ...base(container, source, { durationSeconds: 0 }),
    moovAtEnd: null,
    video: null,
    audio: null,
    via: 'header',
  };
}

function base(container: ContainerKind, source: Counted, timing: { durationSeconds: number }) {
  const { durationSeconds } = timing;
  return {
    container,
    containerLabel: containerLabels[container],
    durationSeconds,
    overallBitRate: durationSeconds > 0 ? Math.round((source.size * 8) / durationSeconds) : null,
    bytesRead: source.bytesRead, // build the result last: every read has been made by then
  };
}

function fromFfprobe(
  container: ContainerKind,
  source: Counted,
  ff: FfprobeInfo,
  moovAtEnd: boolean | null,
): MediaInfo {
  const info = base(container, source, ff);
  return {
    ...info,
    // Our first-bytes check names what it knows; for anything else ffprobe's name is the better label.
    containerLabel: container === 'unknown' ? ff.formatLabel : info.containerLabel,
    overallBitRate: ff.overallBitRate ?? info.overallBitRate,
    moovAtEnd,
    video: ff.video,
    audio: ff.audio,
    via: 'ffprobe',
  };
}
