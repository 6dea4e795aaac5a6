import { archiveCategoryLabels, lectureOccasionLabels, type LectureOccasion } from '@jiangtai/contracts';
import type { ItemRow } from './repository.ts';

/** The 说明.txt of an item's folder: what the timeline shows, plus a lecture's own summary. */
export function itemText(
  r: ItemRow,
  lecture?: { occasion: string; summary: string; attendance: number },
): string {
  const lines = [
    `类别：${archiveCategoryLabels[r.category]}`,
    `日期：${r.day}`,
    `组织：${r.org_name}`,
    `标题：${r.title}`,
  ];
  if (r.detail) lines.push(`情况：${r.detail}`);
  if (lecture) {
    lines.push(`场合：${lectureOccasionLabels[lecture.occasion as LectureOccasion] ?? lecture.occasion}`);
    if (lecture.summary) lines.push('', '宣讲概要：', lecture.summary);
  }
  return `${lines.join('\r\n')}\r\n`;
}

const cell = (s: string) => (/[",\r\n]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** A plan's lines as CSV (with a BOM, so Excel reads it as UTF-8): month, topic, speaker, occasion. */
export function planSheet(
  lines: readonly {
    month: string;
    topic: string;
    occasion: string;
    speaker: string | null;
    guest_speaker_name: string | null;
  }[],
): string {
  const rows = [
    ['月份', '宣讲主题', '宣讲人', '场合'],
    ...lines.map((l) => [
      l.month,
      l.topic,
      l.speaker ?? l.guest_speaker_name ?? '',
      lectureOccasionLabels[l.occasion as LectureOccasion] ?? l.occasion,
    ]),
  ];
  return `\ufeff${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

export const csvCell = cell;
