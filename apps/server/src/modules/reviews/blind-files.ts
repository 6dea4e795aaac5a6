import { contentDisposition, safeSegment } from '../entries/file-names.ts';

/**
 * Names of what a judge downloads. The files themselves are never the speaker's in a blind round:
 * judges get the platform's own PDF of each document (previews/render.ts) and HLS the transcoder
 * wrote (media/transcode-plan.ts). Blanking an original's metadata in place was tried before and
 * was dropped: every new place a name could hide (embedded images, embedded workbooks, custom XML,
 * alt text, attachments, legacy binary formats) was another leak.
 */

/** A7K3Q9-讲稿.docx: the anonymous entry code and what the file is, never the speaker. */
export function blindDownloadName(code: string, materialLabel: string, ext: string): string {
  return `${safeSegment(code, '作品')}-${safeSegment(materialLabel, '材料')}.${cleanExt(ext)}`;
}

/**
 * Content-Disposition for a judge download: the Chinese name per RFC 5987 (from the shared
 * helper) and, for clients that only read `filename`, the bare code (A7K3Q9.docx) rather than the
 * helper's underscored fallback, which would show as "A7K3Q9-__.docx".
 */
export function blindContentDisposition(
  code: string,
  materialLabel: string,
  ext: string,
  kind: 'attachment' | 'inline' = 'attachment',
): string {
  const ascii = `${code.replace(/[^A-Za-z0-9_-]/g, '_') || 'file'}.${cleanExt(ext)}`;
  return contentDisposition(kind, blindDownloadName(code, materialLabel, ext)).replace(
    /filename="[^"]*"/,
    `filename="${ascii}"`,
  );
}

const cleanExt = (ext: string) => ext.toLowerCase().replace(/[^a-z0-9]/g, '') || 'bin';
