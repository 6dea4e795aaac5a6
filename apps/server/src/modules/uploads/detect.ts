import { fileTypeFromBuffer } from 'file-type';
import type { DetectedFileType } from '../../db/types.ts';
import type { RandomAccessSource } from '../media/source.ts';
import { FILE_TYPE_LABELS, FILE_TYPE_MIME } from './labels.ts';
import { compoundOfficeKind, isCompoundFile, zipOfficeKind } from './office.ts';

export interface Detection {
  /** One of the types features may accept, or null for anything else. */
  type: DetectedFileType | null;
  mime: string;
  /** Chinese name of what the file really is, for messages. */
  label: string;
}

/** file-type's ext → our type, where they are the same thing. */
const FROM_FILE_TYPE: Partial<Record<string, DetectedFileType>> = {
  mp4: 'mp4',
  m4v: 'mp4',
  mov: 'mov',
  mkv: 'mkv',
  webm: 'webm',
  avi: 'avi',
  pdf: 'pdf',
  docx: 'docx',
  pptx: 'pptx',
  jpg: 'jpeg',
  png: 'png',
};

/** Names for common things people upload by mistake, so the refusal says what the file is. */
const OTHER_LABELS: Record<string, string> = {
  zip: 'ZIP 压缩包',
  rar: 'RAR 压缩包',
  '7z': '7z 压缩包',
  xlsx: 'Excel 表格（XLSX）',
  cfb: 'Office 97-2003 文件（非 Word/PowerPoint）',
  gif: 'GIF 图片',
  webp: 'WebP 图片',
  heic: 'HEIC 图片',
  mp3: 'MP3 音频',
  m4a: 'M4A 音频',
  wav: 'WAV 音频',
  flv: 'FLV 视频',
  wmv: 'WMV 视频',
  asf: 'WMV/ASF 视频',
  mpg: 'MPEG 视频',
  mts: 'MPEG-TS 视频',
  '3gp': '3GP 视频',
};

/**
 * What a file is, from its bytes: the first 64 KB through file-type, then the zip central directory
 * (DOCX vs PPTX vs plain zip) or the compound-file directory (DOC vs PPT). The name is never used.
 */
export async function detectFileType(source: RandomAccessSource): Promise<Detection> {
  const head = await source.read(0, Math.min(source.size, 64 * 1024));
  if (isCompoundFile(head)) {
    const kind = await compoundOfficeKind(source);
    if (kind) return known(kind);
    return { type: null, mime: 'application/x-cfb', label: OTHER_LABELS.cfb! };
  }
  const found = await fileTypeFromBuffer(head);
  if (
    found &&
    (found.ext === 'zip' || found.ext === 'docx' || found.ext === 'pptx' || found.ext === 'xlsx')
  ) {
    const kind = await zipOfficeKind(source);
    if (kind === 'xlsx') return { type: null, mime: found.mime, label: OTHER_LABELS.xlsx! };
    if (kind) return known(kind);
    if (found.ext === 'docx' || found.ext === 'pptx') return known(found.ext);
    return { type: null, mime: 'application/zip', label: OTHER_LABELS.zip! };
  }
  const type = found ? FROM_FILE_TYPE[found.ext] : undefined;
  if (type) return known(type);
  if (!found) return { type: null, mime: 'application/octet-stream', label: '无法识别的格式' };
  return {
    type: null,
    mime: found.mime,
    label: OTHER_LABELS[found.ext] ?? `${found.ext.toUpperCase()} 格式`,
  };
}

function known(type: DetectedFileType): Detection {
  return { type, mime: FILE_TYPE_MIME[type], label: FILE_TYPE_LABELS[type] };
}
