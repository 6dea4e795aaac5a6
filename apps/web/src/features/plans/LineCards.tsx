import { Button, Card, Flex, Typography } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { lectureOccasionLabels, type PlanDetail } from '@jiangtai/contracts';
import { monthLabel } from './labels.tsx';

export interface ShownLine {
  key: string;
  month: string;
  topic: string;
  categoryKey: string;
  occasion: keyof typeof lectureOccasionLabels;
  speakerMemberId: string | null;
  guestSpeakerName: string | null;
  speakerName?: string;
}

/** The plan's lines as cards (a phone reads them without scrolling sideways); edit buttons when editing. */
export function LineCards({
  plan,
  lines,
  onEdit,
  onRemove,
}: {
  plan: PlanDetail;
  lines: ShownLine[];
  onEdit?: (index: number) => void;
  onRemove?: (index: number) => void;
}) {
  const category = new Map(plan.categories.map((c) => [c.key, c.name]));
  const member = new Map(plan.members.map((m) => [m.id, m.name]));
  const speaker = (l: ShownLine) =>
    l.guestSpeakerName
      ? `${l.guestSpeakerName}（特邀）`
      : (l.speakerName ?? (l.speakerMemberId ? member.get(l.speakerMemberId) : '') ?? '');
  return (
    <Flex vertical gap={8} data-testid="plan-lines">
      {lines.map((l, i) => (
        <Card
          key={l.key}
          size="small"
          data-testid="plan-line"
          title={`${monthLabel(l.month)} · ${lectureOccasionLabels[l.occasion]}`}
          extra={
            onEdit &&
            onRemove && (
              <Flex gap={4}>
                <Button
                  size="small"
                  type="text"
                  icon={<EditOutlined />}
                  aria-label={`修改第 ${i + 1} 条`}
                  onClick={() => onEdit(i)}
                />
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={`删除第 ${i + 1} 条`}
                  onClick={() => onRemove(i)}
                />
              </Flex>
            )
          }
        >
          <Flex vertical gap={2}>
            <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
              {l.topic}
            </Typography.Text>
            <Typography.Text type="secondary">
              {category.get(l.categoryKey) ?? l.categoryKey} · 宣讲人：{speaker(l)}
            </Typography.Text>
          </Flex>
        </Card>
      ))}
    </Flex>
  );
}
