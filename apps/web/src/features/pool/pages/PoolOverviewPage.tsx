import { useState } from 'react';
import { App, Button, Card, Typography } from 'antd';
import { DownloadOutlined, RightOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import type { PoolOverview, PoolOverviewRow } from '@jiangtai/contracts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ResponsiveTable, type ResponsiveColumn } from '../../../components/ResponsiveTable.tsx';
import { BlockLoading, ErrorState } from '../../../components/states.tsx';
import { downloadFile, errorText } from '../../../lib/api.ts';
import { overviewExportUrl, usePoolOverview } from '../api.ts';
import { PoolBar } from '../components/PoolBar.tsx';

const here = (orgId?: string) => `/pools/overview${orgId ? `?orgId=${orgId}` : ''}`;

/** 各级建库进度: every child org's pool size vs target at a glance, laggards first; tap to go down. */
export default function PoolOverviewPage() {
  const [search] = useSearchParams();
  const orgId = search.get('orgId') ?? undefined;
  const { data, error, isPending, refetch } = usePoolOverview(orgId);
  if (isPending) return <BlockLoading rows={8} />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  return <OverviewBody view={data} orgId={orgId} />;
}

function OverviewBody({ view, orgId }: { view: PoolOverview; orgId?: string }) {
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);
  const exportXlsx = async () => {
    setExporting(true);
    try {
      await downloadFile(overviewExportUrl(orgId), `${view.org.name}各级师资库统计表.xlsx`);
      message.success('已导出各级师资库统计表');
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setExporting(false);
    }
  };
  const columns: ResponsiveColumn<PoolOverviewRow>[] = [
    {
      title: '组织',
      key: 'org',
      card: 'title',
      render: (_, r) => (
        <Link to={here(r.org.id)}>
          {r.org.name} <RightOutlined style={{ fontSize: 11 }} />
        </Link>
      ),
    },
    {
      title: '在库人数 / 目标',
      key: 'bar',
      card: 'full',
      render: (_, r) => <PoolBar active={r.active} target={r.target} size="small" />,
    },
    {
      title: '师资库',
      key: 'pool',
      render: (_, r) =>
        r.pool ? (
          <Link to={`/pools/${r.pool.id}`}>{r.pool.name}</Link>
        ) : (
          <Typography.Text type="warning">未建库</Typography.Text>
        ),
    },
  ];
  return (
    <>
      <PageHeader
        title="各级建库进度"
        sub={view.org.name}
        extra={
          view.manages && (
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()}>
              导出统计表
            </Button>
          )
        }
      />
      <Card size="small" style={{ marginBottom: 16 }} title={`${view.org.name}本级`}>
        {view.pool ? (
          <>
            <Link to={`/pools/${view.pool.id}`}>{view.pool.name}</Link>
            <PoolBar active={view.pool.active} target={view.pool.target} />
          </>
        ) : (
          <Typography.Text type="secondary">本级还没有师资库</Typography.Text>
        )}
      </Card>
      <Typography.Title level={5}>下级组织（{view.children.length}，进度慢的在前）</Typography.Title>
      <ResponsiveTable<PoolOverviewRow>
        aria-label="下级组织建库进度"
        rowKey={(r) => r.org.id}
        size="small"
        columns={columns}
        dataSource={view.children}
        pagination={view.children.length > 50 ? { pageSize: 50 } : false}
        locale={{ emptyText: '没有下级组织' }}
        data-testid="pool-overview"
      />
    </>
  );
}
