import { useState } from 'react';
import { Button, Card, Flex, List, Radio, Tag, Typography } from 'antd';
import { EmptyState, ErrorState, BlockLoading } from '../../../components/states.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { ReasonModal } from '../../reviews/components/ReasonModal.tsx';
import { useAwardMutations, useAwardObjections, type AwardObjection } from '../api.ts';

const COLOR = { upheld: 'orange', dismissed: 'default' } as const;

/** Objections to the 表彰名单: the organiser answers each (upheld / dismissed, with the reason). */
export function ObjectionsCard({
  roundId,
  canManage,
  open,
}: {
  roundId: string;
  canManage: boolean;
  open: boolean;
}) {
  const { data, error, isPending, refetch } = useAwardObjections(roundId, true);
  const m = useAwardMutations(roundId);
  const [answering, setAnswering] = useState<AwardObjection | null>(null);
  const [outcome, setOutcome] = useState<'upheld' | 'dismissed'>('dismissed');
  return (
    <Card size="small" title="异议">
      {isPending ? (
        <BlockLoading rows={2} />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !data.items.length ? (
        <EmptyState text="暂无异议" />
      ) : (
        <List
          dataSource={data.items}
          renderItem={(o) => (
            <List.Item key={o.id}>
              <Flex vertical gap={4} style={{ width: '100%', minWidth: 0 }}>
                <Flex gap={8} wrap="wrap" align="center">
                  <Tag color={o.outcome ? COLOR[o.outcome] : 'processing'} style={{ marginInlineEnd: 0 }}>
                    {o.outcomeLabel}
                  </Tag>
                  <Typography.Text type="secondary">
                    {formatDateTime(o.lodgedAt)} · {o.lodgedByName} · 联系人 {o.contactName} {o.contactPhone}
                  </Typography.Text>
                </Flex>
                <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {o.content}
                </Typography.Paragraph>
                {o.answer && (
                  <Typography.Paragraph type="secondary" style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                    答复：{o.answer}（{formatDateTime(o.answeredAt)}）
                  </Typography.Paragraph>
                )}
                {canManage && open && !o.outcome && (
                  <div>
                    <Button size="small" type="primary" onClick={() => setAnswering(o)}>
                      答复
                    </Button>
                  </div>
                )}
              </Flex>
            </List.Item>
          )}
        />
      )}
      {answering && (
        <ReasonModal
          open
          title="答复异议"
          okText="提交答复"
          label="答复理由"
          successText="已答复"
          onClose={() => setAnswering(null)}
          onSubmit={(reason) => m.answer.mutateAsync({ objectionId: answering.id, outcome, reason })}
          description={
            <Flex vertical gap={8}>
              <Typography.Text type="secondary">{answering.content}</Typography.Text>
              <Radio.Group
                value={outcome}
                onChange={(e) => setOutcome(e.target.value as 'upheld' | 'dismissed')}
                options={[
                  { value: 'upheld', label: '异议成立' },
                  { value: 'dismissed', label: '异议不成立' },
                ]}
              />
              {outcome === 'upheld' && (
                <Typography.Text type="warning">
                  异议成立需要修改名单时，请在答复后「撤回公示」，修改后重新发布。
                </Typography.Text>
              )}
            </Flex>
          }
        />
      )}
    </Card>
  );
}
