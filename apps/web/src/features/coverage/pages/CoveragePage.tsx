import { useState } from 'react';
import { App, Breadcrumb, Button, Card, Flex, List, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, RightOutlined } from '@ant-design/icons';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import {
  formatCoverageRate,
  leaderGroupLabels,
  leaderGroups,
  orgTypeLabels,
  type CoverageChild,
  type CoverageView,
} from '@jiangtai/contracts';
import { downloadFile, errorText } from '../../../lib/api.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ResponsiveTable, type ResponsiveColumn } from '../../../components/ResponsiveTable.tsx';
import { BlockLoading, ErrorState } from '../../../components/states.tsx';
import { coverageExportUrl, useCoverage } from '../api.ts';
import { CoverageBar } from '../components/CoverageBar.tsx';
import { SecretaryTag } from '../components/SecretaryTag.tsx';

/**
 * 人人上讲台: how many members of an org (and of each child) have lectured in the campaign, leaders
 * first; tap a child to go down, the breadcrumb to go up; at a branch, who has not lectured yet.
 */
export default function CoveragePage() {
  const { id: campaignId = '' } = useParams();
  const [search] = useSearchParams();
  const orgId = search.get('orgId') ?? undefined;
  const { data, error, isPending, refetch } = useCoverage(campaignId, orgId);
  if (isPending) return <BlockLoading rows={8} />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  return <CoverageBody view={data} campaignId={campaignId} orgId={orgId} />;
}

const here = (campaignId: string, orgId?: string) =>
  `/campaigns/${campaignId}/coverage${orgId ? `?orgId=${orgId}` : ''}`;

function CoverageBody({
  view,
  campaignId,
  orgId,
}: {
  view: CoverageView;
  campaignId: string;
  orgId?: string;
}) {
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);
  const name = view.org?.name ?? '全部参与组织';
  const exportXlsx = async () => {
    setExporting(true);
    try {
      await downloadFile(coverageExportUrl(campaignId, orgId), `${name}-人人上讲台覆盖情况.xlsx`);
      message.success('已导出覆盖情况表');
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setExporting(false);
    }
  };
  const crumbs = [
    ...(view.overview ? [{ key: 'top', title: <Link to={here(campaignId)}>全部参与组织</Link> }] : []),
    ...view.breadcrumb.map((o) => ({ key: o.id, title: <Link to={here(campaignId, o.id)}>{o.name}</Link> })),
    ...(view.org ? [{ key: view.org.id, title: view.org.name }] : []),
  ];

  return (
    <>
      <PageHeader
        title="人人上讲台"
        sub={view.campaign.title}
        extra={
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()}>
            导出 Excel
          </Button>
        }
      />
      {crumbs.length > 1 && <Breadcrumb items={crumbs} style={{ marginBottom: 12 }} />}

      <Card style={{ marginBottom: 16 }} data-testid="coverage-totals">
        <Flex justify="space-between" align="center" wrap="wrap" gap={8} style={{ marginBottom: 8 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {name}
          </Typography.Title>
          {view.org?.isBranch && <SecretaryTag lectured={view.secretaryLectured} />}
        </Flex>
        <CoverageBar value={view.totals} label="已宣讲" />
        <Typography.Text type="secondary" style={{ display: 'block', margin: '12px 0 4px' }}>
          领导干部带头讲
        </Typography.Text>
        <Space direction="vertical" style={{ width: '100%' }} size={4} data-testid="coverage-leaders">
          {leaderGroups.map((g) => (
            <CoverageBar key={g} value={view.totals.leaders[g]} label={leaderGroupLabels[g]} size="small" />
          ))}
        </Space>
        {view.direct && (
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
            本级直属党员：已宣讲 {view.direct.lectured} / {view.direct.members} 人（
            {formatCoverageRate(view.direct)}）
          </Typography.Text>
        )}
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
          统计时间 {formatDateTime(view.generatedAt)}；按党员现所在组织统计，退回或删除的记录、外请宣讲人不计
        </Typography.Text>
      </Card>

      {view.children.length > 0 && <ChildTable view={view} campaignId={campaignId} />}
      {view.pending && <PendingList pending={view.pending} hasMembers={view.totals.members > 0} />}
    </>
  );
}

function ChildTable({ view, campaignId }: { view: CoverageView; campaignId: string }) {
  const columns: ResponsiveColumn<CoverageChild>[] = [
    {
      title: '组织',
      key: 'org',
      card: 'title',
      render: (_, c) => (
        <Link to={here(campaignId, c.org.id)}>
          {c.org.name} <RightOutlined style={{ fontSize: 11 }} />
        </Link>
      ),
    },
    {
      title: '类型',
      key: 'type',
      card: 'extra',
      render: (_, c) => <Tag>{orgTypeLabels[c.org.type]}</Tag>,
    },
    {
      title: '覆盖率',
      key: 'rate',
      card: 'full',
      render: (_, c) => <CoverageBar value={c.numbers} label="已宣讲" size="small" />,
    },
    {
      title: '书记',
      key: 'secretaries',
      render: (_, c) =>
        c.isBranch ? (
          <SecretaryTag lectured={c.secretaryLectured} />
        ) : (
          `${c.numbers.leaders.secretaries.lectured} / ${c.numbers.leaders.secretaries.members} 已讲`
        ),
    },
    {
      title: '副书记 · 委员',
      key: 'others',
      render: (_, c) =>
        `${c.numbers.leaders.deputies.lectured}/${c.numbers.leaders.deputies.members} · ${c.numbers.leaders.committee.lectured}/${c.numbers.leaders.committee.members} 已讲`,
    },
  ];
  return (
    <>
      <Typography.Title level={5}>下级组织（{view.children.length}）</Typography.Title>
      <ResponsiveTable<CoverageChild>
        rowKey={(c) => c.org.id}
        columns={columns}
        dataSource={view.children}
        pagination={view.children.length > 50 ? { pageSize: 50 } : false}
        aria-label="下级组织覆盖情况"
        data-testid="coverage-children"
        style={{ marginBottom: 16 }}
      />
    </>
  );
}

function PendingList({
  pending,
  hasMembers,
}: {
  pending: NonNullable<CoverageView['pending']>;
  hasMembers: boolean;
}) {
  return (
    <Card
      title={`尚未宣讲的党员（${pending.length} 人）`}
      size="small"
      data-testid="coverage-pending"
      style={{ marginBottom: 16 }}
    >
      {pending.length === 0 ? (
        <Typography.Text type={hasMembers ? 'success' : 'secondary'}>
          {hasMembers ? '本支部党员都已宣讲' : '本支部暂无党员'}
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
    </Card>
  );
}
