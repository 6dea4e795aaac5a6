import { Flex, List, Tag, Typography } from 'antd';
import { BlockLoading, ErrorState } from '../../../components/states.tsx';
import { useCoverage } from '../../coverage/api.ts';

/** At a branch: its members who have not lectured yet, leaders first (the coverage page's list). */
export function PendingMembers({ campaignId, orgId }: { campaignId: string; orgId: string }) {
  const { data, error, isPending, refetch } = useCoverage(campaignId, orgId);
  if (isPending) return <BlockLoading rows={3} />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  const pending = data.pending ?? [];
  return (
    <div data-testid="dashboard-pending">
      <Typography.Text strong style={{ display: 'block', marginBottom: 4 }}>
        尚未宣讲的党员（{pending.length} 人）
      </Typography.Text>
      {pending.length === 0 ? (
        <Typography.Text type={data.totals.members > 0 ? 'success' : 'secondary'}>
          {data.totals.members > 0 ? '本支部党员都已宣讲' : '本支部暂无党员'}
        </Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={pending}
          renderItem={(m) => (
            <List.Item key={m.id}>
              <Flex gap={8} wrap="wrap" align="center">
                <span>{m.name}</span>
                {m.positions
                  .filter((p) => p !== '党员')
                  .map((p) => (
                    <Tag key={p} color="red">
                      {p}
                    </Tag>
                  ))}
              </Flex>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
