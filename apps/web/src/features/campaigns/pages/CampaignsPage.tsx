import { useState } from 'react';
import { Button, Card, Segmented, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import {
  campaignStatusLabels,
  campaignStatuses,
  type CampaignListItem,
  type CampaignStatus,
} from '@jiangtai/contracts';
import { formatDateRange } from '../../../lib/format.ts';
import { ACCESS, hasRole, useCurrentMe } from '../../../lib/me.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ResponsiveTable, type ResponsiveColumn } from '../../../components/ResponsiveTable.tsx';
import { EmptyState, ErrorState } from '../../../components/states.tsx';
import { useCampaigns } from '../api.ts';
import { CampaignStatusTag } from '../components/CampaignStatusTag.tsx';

type Filter = CampaignStatus | 'all';

export default function CampaignsPage() {
  const me = useCurrentMe();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<Filter>('all');
  const { data, error, isFetching, refetch } = useCampaigns(filter === 'all' ? undefined : filter);
  const canCreate = hasRole(me, ACCESS.campaignCreate);
  const emptyText =
    filter !== 'all'
      ? `没有「${campaignStatusLabels[filter]}」的活动。`
      : canCreate
        ? '还没有活动。点击「新建活动」，选用岳阳或焦作的方案几步就能建好。'
        : '目前没有您可以参加或查看的活动；活动发布后会出现在这里。';

  const columns: ResponsiveColumn<CampaignListItem>[] = [
    {
      title: '活动名称',
      dataIndex: 'title',
      card: 'title',
      render: (v: string, r) => (
        <div style={{ minWidth: 200, maxWidth: 420 }}>
          <Link to={`/campaigns/${r.id}`}>{v}</Link>
          {r.theme && <div style={{ color: '#595959', fontSize: 12 }}>主题：{r.theme}</div>}
        </div>
      ),
    },
    { title: '组织单位', dataIndex: 'organiserOrgName', width: 180 },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      card: 'extra',
      render: (v: CampaignStatus) => <CampaignStatusTag status={v} />,
    },
    {
      title: '当前阶段',
      dataIndex: 'currentStage',
      width: 140,
      render: (v: CampaignListItem['currentStage']) =>
        v ? <Tag color="processing">{v.name}</Tag> : <span style={{ color: '#595959' }}>—</span>,
    },
    {
      title: '活动时间',
      key: 'window',
      width: 230,
      render: (_: unknown, r) => formatDateRange(r.startsOn, r.endsOn),
    },
  ];

  return (
    <>
      <PageHeader
        title="活动"
        sub="微宣讲 / 微型党课活动：规则、阶段、评分标准和奖项。"
        extra={
          canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/campaigns/new')}>
              新建活动
            </Button>
          )
        }
      />
      <Segmented<Filter>
        style={{ marginBottom: 12 }}
        value={filter}
        onChange={setFilter}
        options={[
          { value: 'all', label: '全部' },
          ...campaignStatuses.map((s) => ({ value: s, label: campaignStatusLabels[s] })),
        ]}
      />
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <Card size="small">
          <ResponsiveTable<CampaignListItem>
            data-testid="campaign-list"
            rowKey="id"
            loading={isFetching}
            dataSource={data?.items}
            columns={columns}
            scroll={{ x: 'max-content' }}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 个活动` }}
            locale={{ emptyText: <EmptyState text={emptyText} /> }}
          />
        </Card>
      )}
    </>
  );
}
