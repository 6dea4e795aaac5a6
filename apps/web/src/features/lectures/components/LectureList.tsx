import { Flex, List, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { lectureOccasionLabels, type LectureRecordSummary } from '@jiangtai/contracts';
import { formatDate } from '../../../lib/format.ts';
import { LectureStatusTag } from './StatusTag.tsx';

/** Records as a phone-sized list: topic and state, then date, occasion, speaker, branch. */
export function LectureList({
  items,
  showBranch,
  actions,
}: {
  items: LectureRecordSummary[];
  showBranch?: boolean;
  actions?: (r: LectureRecordSummary) => React.ReactNode;
}) {
  return (
    <List
      dataSource={items}
      data-testid="lecture-list"
      renderItem={(r) => (
        <List.Item key={r.id} data-testid="lecture-item">
          <Flex vertical gap={4} style={{ width: '100%' }}>
            <Flex gap={8} align="center" wrap="wrap">
              <Link to={`/lectures/${r.id}`}>
                <Typography.Text strong>{r.topic}</Typography.Text>
              </Link>
              <LectureStatusTag record={r} />
            </Flex>
            <Typography.Text type="secondary">
              {formatDate(r.heldOn)} · {lectureOccasionLabels[r.occasion]} · {r.speakerName}
              {r.isGuest ? '（特邀）' : ''} · {r.attendance} 人参加 · 照片 {r.photoCount} 张
            </Typography.Text>
            {showBranch && (
              <Typography.Text type="secondary">
                {r.orgName} · {r.campaignTitle}
              </Typography.Text>
            )}
            {actions?.(r)}
          </Flex>
        </List.Item>
      )}
    />
  );
}
