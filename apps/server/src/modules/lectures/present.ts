import {
  formatCampaignDate,
  lectureFileKindLabels,
  lectureOccasionLabels,
  type LectureFileView,
  type LectureRecordSummary,
} from '@jiangtai/contracts';
import type { FileRow } from './files-repository.ts';
import type { RecordRow } from './repository.ts';

type SummaryRow = Omit<RecordRow, 'photo_count'> & { photo_count: number | null };

const categoryName = (row: Pick<RecordRow, 'campaign_settings' | 'category_key'>) =>
  row.campaign_settings.categories.find((c) => c.key === row.category_key)?.name ?? row.category_key;

export const speakerNameOf = (row: Pick<RecordRow, 'speaker_name' | 'guest_speaker_name'>) =>
  row.speaker_name ?? row.guest_speaker_name ?? '';

export function presentSummary(row: SummaryRow): LectureRecordSummary {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    campaignTitle: row.campaign_title,
    orgId: row.org_id,
    orgName: row.org_name,
    heldOn: row.held_on,
    occasion: row.occasion,
    topic: row.topic,
    categoryKey: row.category_key,
    categoryName: categoryName(row),
    speakerName: speakerNameOf(row),
    isGuest: row.speaker_member_id === null,
    attendance: row.attendance,
    status: row.status,
    deleted: row.deleted_at !== null,
    photoCount: row.photo_count ?? 0,
    createdAt: row.created_at.toISOString(),
  };
}

export function presentFile(f: FileRow): LectureFileView {
  return {
    id: f.id,
    kind: f.kind,
    name: f.original_name,
    sizeBytes: Number(f.size_bytes),
    width: f.width,
    height: f.height,
    url: `/api/lectures/files/${f.id}`,
    thumbUrl: f.thumb_id ? `/api/lectures/files/${f.id}?variant=thumb` : null,
  };
}

/**
 * A record's fields as people read them, for a correction's before/after table and the audit rows:
 * only what a person would compare, in their words.
 */
export function fieldsAsText(
  row: Pick<
    RecordRow,
    | 'held_on'
    | 'occasion'
    | 'topic'
    | 'category_key'
    | 'campaign_settings'
    | 'speaker_name'
    | 'guest_speaker_name'
    | 'attendance'
    | 'summary'
    | 'plan_line_id'
  >,
  attendees: { name: string }[],
  files: { kind: keyof typeof lectureFileKindLabels }[],
): Record<string, string> {
  const counts = (['photo', 'video', 'manuscript'] as const)
    .map((k) => [k, files.filter((f) => f.kind === k).length] as const)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${lectureFileKindLabels[k]} ${n} 个`);
  return {
    heldOn: formatCampaignDate(row.held_on),
    occasion: lectureOccasionLabels[row.occasion],
    topic: row.topic,
    category: categoryName(row),
    speaker: row.speaker_name ?? `${row.guest_speaker_name ?? ''}（特邀）`,
    attendance: `${row.attendance} 人`,
    attendees: attendees.map((a) => a.name).join('、') || '未填写',
    summary: row.summary || '无',
    files: counts.join('、') || '无',
    planLineId: row.plan_line_id ?? '无',
  };
}

/** The keys whose text differs, with both sides. */
export function changedFields(before: Record<string, string>, after: Record<string, string>) {
  const keys = Object.keys(after).filter((k) => before[k] !== after[k]);
  return {
    before: Object.fromEntries(keys.map((k) => [k, before[k] ?? ''])),
    after: Object.fromEntries(keys.map((k) => [k, after[k] ?? ''])),
  };
}
