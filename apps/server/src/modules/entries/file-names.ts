import { entryMaterialLabels, type EntryMaterialKind } from '@jiangtai/contracts';

/**
 * File names we send: readable Chinese inside zips and downloads, but never a path separator,
 * control character or a name Windows refuses.
 */

const EXT: Record<string, string> = {
  mp4: 'mp4',
  mov: 'mov',
  mkv: 'mkv',
  webm: 'webm',
  avi: 'avi',
  pdf: 'pdf',
  docx: 'docx',
  pptx: 'pptx',
  doc: 'doc',
  ppt: 'ppt',
  jpeg: 'jpg',
  png: 'png',
};

/** One path segment: no / \ : * ? " < > | or control characters, no leading dots, at most 80 chars. */
export function safeSegment(name: string, fallback = '未命名'): string {
  const cleaned = name
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, '_')
    .replace(/^[.\s]+/, '');
  // Cut by characters, not UTF-16 units: half an emoji would make encodeURIComponent throw on the
  // download's name. Trailing dots and spaces (which Windows refuses) are trimmed after the cut.
  const cut = Array.from(cleaned)
    .slice(0, 80)
    .join('')
    .replace(/[.\s]+$/, '');
  return cut || fallback;
}

const materialShort: Record<EntryMaterialKind, string> = {
  video: '视频',
  manuscript: '讲稿',
  courseware: '课件',
  recommendation_scan: '推荐表',
};

/** 张三-讲稿.docx — the extension from the detected type, not the uploaded name. */
export function materialFileName(speaker: string, material: EntryMaterialKind, detectedType: string): string {
  return `${safeSegment(speaker)}-${materialShort[material]}.${EXT[detectedType] ?? 'bin'}`;
}

export const materialLabel = (m: EntryMaterialKind) => entryMaterialLabels[m];

/**
 * Content-Disposition with an ASCII fallback and the UTF-8 name per RFC 5987 / RFC 6266, so every
 * browser saves 推荐表-张三.docx under its Chinese name.
 */
export function contentDisposition(kind: 'attachment' | 'inline', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
