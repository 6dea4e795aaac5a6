import type { DetectedFileType } from '../../db/types.ts';

/** What a detected type is called in messages to users. */
export const FILE_TYPE_LABELS: Record<DetectedFileType, string> = {
  mp4: 'MP4 视频',
  mov: 'MOV（QuickTime）视频',
  mkv: 'Matroska/MKV 视频',
  webm: 'WebM 视频',
  avi: 'AVI 视频',
  pdf: 'PDF 文档',
  docx: 'Word 文档（DOCX）',
  pptx: 'PowerPoint 演示文稿（PPTX）',
  doc: 'Word 97-2003 文档（DOC）',
  ppt: 'PowerPoint 97-2003 演示文稿（PPT）',
  jpeg: 'JPEG 图片',
  png: 'PNG 图片',
  xlsx: 'Excel 表格（XLSX）',
};

export const FILE_TYPE_MIME: Record<DetectedFileType, string> = {
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  mkv: 'video/x-matroska',
  webm: 'video/webm',
  avi: 'video/x-msvideo',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  doc: 'application/msword',
  ppt: 'application/vnd.ms-powerpoint',
  jpeg: 'image/jpeg',
  png: 'image/png',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** 「Word 文档（DOCX）或 PDF 文档」 */
export function acceptedLabel(types: readonly DetectedFileType[]): string {
  const labels = types.map((t) => FILE_TYPE_LABELS[t]);
  if (labels.length <= 1) return labels[0] ?? '';
  return `${labels.slice(0, -1).join('、')}或${labels.at(-1)}`;
}
