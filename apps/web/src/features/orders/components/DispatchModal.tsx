import { useState } from 'react';
import { Alert, Modal, Radio, Space, Tag, Typography } from 'antd';
import { orderStateLabels } from '@jiangtai/contracts';
import { BlockLoading, ErrorState } from '../../../components/states.tsx';
import { errorText } from '../../../lib/api.ts';
import { formatDate } from '../../../lib/format.ts';
import { useCandidates, useOrderStep } from '../api.ts';

/** 派单: choose a speaker of the pool, seeing their other bookings and their rating. */
export function DispatchModal(props: {
  orderId: string;
  currentSpeakerId: string | null;
  open: boolean;
  onClose: () => void;
}) {
  const cands = useCandidates(props.orderId, props.open);
  const step = useOrderStep(props.orderId);
  const [speakerId, setSpeakerId] = useState<string>();
  const [error, setError] = useState<string>();
  return (
    <Modal
      title="派单"
      open={props.open}
      okText="派给所选宣讲人"
      cancelText="取消"
      okButtonProps={{ disabled: !speakerId, loading: step.isPending }}
      onCancel={props.onClose}
      onOk={() =>
        speakerId &&
        step.mutate(
          { action: 'dispatch', body: { speakerId } },
          { onSuccess: props.onClose, onError: (e) => setError(errorText(e)) },
        )
      }
      destroyOnHidden
    >
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 12 }} />}
      {cands.isPending ? (
        <BlockLoading />
      ) : cands.error ? (
        <ErrorState error={cands.error} />
      ) : cands.data.items.length === 0 ? (
        <Typography.Text type="secondary">本师资库还没有在库的宣讲人</Typography.Text>
      ) : (
        <Radio.Group
          value={speakerId}
          onChange={(e) => setSpeakerId(e.target.value as string)}
          style={{ width: '100%' }}
        >
          <Space direction="vertical" style={{ width: '100%' }}>
            {cands.data.items.map((c) => (
              <Radio key={c.id} value={c.id} disabled={c.id === props.currentSpeakerId}>
                <Space direction="vertical" size={0}>
                  <span>
                    {c.name}
                    {c.unitTitle && <Typography.Text type="secondary">（{c.unitTitle}）</Typography.Text>}
                    {!c.hasAccount && <Tag style={{ marginLeft: 6 }}>无账号，由您代为登记答复</Tag>}
                  </span>
                  <Typography.Text type="secondary">
                    {c.phone ?? '未登记电话'} ·{' '}
                    {c.ratingCount ? `评价 ${c.ratingAverage} 星（${c.ratingCount} 次）` : '暂无评价'}
                  </Typography.Text>
                  {c.bookings.length === 0 ? (
                    <Typography.Text type="secondary">没有其他安排</Typography.Text>
                  ) : (
                    c.bookings.map((b) => (
                      <Typography.Text key={b.orderId} type="warning">
                        {orderStateLabels[b.state]}：{b.orgName}「{b.topic}」
                        {b.dates.map(formatDate).join('、')}
                      </Typography.Text>
                    ))
                  )}
                </Space>
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      )}
    </Modal>
  );
}
