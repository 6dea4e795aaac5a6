import { Alert, Descriptions, Flex, Typography } from 'antd';
import type { JudgeItem } from '../api.ts';

/** The saved score, read-only: after submitting, or once the round no longer takes scores. */
export function LockedScore({ item }: { item: JudgeItem }) {
  const submitted = item.status === 'submitted';
  const s = item.score;
  const maxTotal = item.round.criteria.reduce((sum, c) => sum + Math.round(c.max * 100), 0) / 100;
  return (
    <Flex vertical gap={12}>
      <Alert
        type={submitted ? 'success' : 'info'}
        showIcon
        title={
          submitted
            ? '评分已提交并锁定；如需修改，请联系组织者'
            : `本轮评审${item.round.stateLabel}，评分不能再修改`
        }
      />
      {s ? (
        <Descriptions
          bordered
          size="small"
          column={1}
          aria-label="我的评分"
          items={[
            ...item.round.criteria.map((c) => ({
              key: c.key,
              label: `${c.name}（满分 ${c.max}）`,
              children: s.scores[c.key] ?? '—',
            })),
            {
              key: '__total',
              label: '合计',
              children: (
                <Typography.Text strong>
                  {s.total ?? '—'} / {maxTotal}
                </Typography.Text>
              ),
            },
            {
              key: '__comment',
              label: '评语',
              children: s.comment ? (
                <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                  {s.comment}
                </Typography.Paragraph>
              ) : (
                '—'
              ),
            },
          ]}
        />
      ) : (
        <Typography.Text type="secondary">您没有给该作品评分。</Typography.Text>
      )}
    </Flex>
  );
}
