import { useState } from 'react';
import { App, Button, Card, List, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { PoolSpeakerRow } from '@jiangtai/contracts';
import { errorText } from '../../../lib/api.ts';
import { ReasonModal } from '../../reviews/components/ReasonModal.tsx';
import { usePool, usePoolMutations } from '../api.ts';

/** 待审核的推荐: the pool's managers approve, or decline with a reason. Hidden when none wait. */
export function NominationsCard({ poolId }: { poolId: string }) {
  const { data } = usePool(poolId, { status: 'nominated' });
  const m = usePoolMutations();
  const { message } = App.useApp();
  const [declining, setDeclining] = useState<PoolSpeakerRow | null>(null);
  const pending = data?.speakers ?? [];
  if (pending.length === 0) return null;
  const approve = async (s: PoolSpeakerRow) => {
    try {
      await m.decide.mutateAsync({ id: s.id, approve: true });
      message.success(`${s.name} 已入库`);
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Card
      size="small"
      title={`待审核的推荐（${pending.length}）`}
      style={{ marginBottom: 16 }}
      data-testid="pool-nominations"
    >
      <List
        dataSource={pending}
        renderItem={(s) => (
          <List.Item
            key={s.id}
            actions={[
              <Button key="ok" type="primary" size="small" onClick={() => void approve(s)}>
                通过
              </Button>,
              <Button key="no" size="small" danger onClick={() => setDeclining(s)}>
                不通过
              </Button>,
            ]}
          >
            <Space direction="vertical" size={0} style={{ minWidth: 0 }}>
              <Link to={`/pool-speakers/${s.id}`}>{s.name}</Link>
              <Typography.Text type="secondary">
                {s.nominatedBy ? `${s.nominatedBy}推荐：` : ''}
                {s.sourceNote}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      <ReasonModal
        open={!!declining}
        title={`不通过 ${declining?.name ?? ''} 的入库推荐`}
        okText="不通过"
        danger
        successText="已记录为不通过"
        onClose={() => setDeclining(null)}
        onSubmit={(reason) => m.decide.mutateAsync({ id: declining!.id, approve: false, reason })}
      />
    </Card>
  );
}
