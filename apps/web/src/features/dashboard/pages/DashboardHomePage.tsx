import { List, Tag, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { Link, Navigate } from 'react-router-dom';
import { campaignStatusLabels } from '@jiangtai/contracts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BlockLoading, EmptyState, ErrorState } from '../../../components/states.tsx';
import { useCampaigns } from '../../campaigns/api.ts';

/** 督查看板: choose the campaign (straight to it when there is only one). */
export default function DashboardHomePage() {
  const { data, error, isPending, refetch } = useCampaigns();
  if (isPending) return <BlockLoading />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  const items = data.items.filter((c) => c.status !== 'draft');
  if (items.length === 1) return <Navigate to={`/campaigns/${items[0]!.id}/dashboard`} replace />;
  return (
    <>
      <PageHeader title="督查看板" sub="选择活动，查看各级组织的工作进度和落后单位" />
      {items.length === 0 ? (
        <EmptyState text="暂无已发布的活动" />
      ) : (
        <List
          bordered
          dataSource={items}
          renderItem={(c) => (
            <List.Item key={c.id}>
              <Link to={`/campaigns/${c.id}/dashboard`} style={{ display: 'block', width: '100%' }}>
                <Typography.Text strong>{c.title}</Typography.Text>{' '}
                <Tag>{campaignStatusLabels[c.status]}</Tag>
                <RightOutlined style={{ float: 'right', marginTop: 4 }} />
                <br />
                <Typography.Text type="secondary">{c.organiserOrgName}</Typography.Text>
              </Link>
            </List.Item>
          )}
        />
      )}
    </>
  );
}
