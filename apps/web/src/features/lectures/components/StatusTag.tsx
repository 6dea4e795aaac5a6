import { Tag } from 'antd';
import { lectureRecordStatusLabels, type LectureRecordSummary } from '@jiangtai/contracts';

const colors = { recorded: 'processing', confirmed: 'success', returned: 'warning' } as const;

export function LectureStatusTag({ record }: { record: Pick<LectureRecordSummary, 'status' | 'deleted'> }) {
  if (record.deleted)
    return (
      <Tag color="default" data-testid="lecture-status" style={{ marginInlineEnd: 0 }}>
        已删除
      </Tag>
    );
  return (
    <Tag color={colors[record.status]} data-testid="lecture-status" style={{ marginInlineEnd: 0 }}>
      {lectureRecordStatusLabels[record.status]}
    </Tag>
  );
}
