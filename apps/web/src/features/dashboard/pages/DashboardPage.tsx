import { lazy, Suspense, useState, type ReactNode } from 'react';
import { Breadcrumb, Card, Col, Flex, Row, Segmented, Tag, Typography } from 'antd';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { orgTypeLabels, type DashboardView } from '@jiangtai/contracts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BlockLoading, EmptyState, ErrorState } from '../../../components/states.tsx';
import { formatDateRange, formatDateTime } from '../../../lib/format.ts';
import { useDashboard } from '../api.ts';
import { CoverageTiles } from '../components/CoverageTiles.tsx';
import { Laggards } from '../components/Laggards.tsx';
import { NumberCards } from '../components/NumberCards.tsx';
import { PendingMembers } from '../components/PendingMembers.tsx';
import { ConfirmedResults, RoundsProgress } from '../components/ReviewProgress.tsx';
import { barMeasureLabels, barMeasures, type BarMeasure } from '../measures.ts';
import '../dashboard.css';

// ECharts loads with the charts, after the numbers are on screen.
const TimelineChart = lazy(() => import('../charts/TimelineChart.tsx'));
const ChildrenChart = lazy(() => import('../charts/ChildrenChart.tsx'));

const dashboardPath = (campaignId: string, orgId?: string) =>
  `/campaigns/${campaignId}/dashboard${orgId ? `?org=${orgId}` : ''}`;

/**
 * 督查看板: one campaign seen from one org of the viewer's scope — every measure as a number that opens
 * its list, the laggards with reminders, the season's progress, the child orgs as bars and coloured
 * tiles to drill down (city → county → branch → its members who have not lectured), review progress
 * and confirmed results.
 */
export default function DashboardPage() {
  const { id: campaignId = '' } = useParams();
  const [search] = useSearchParams();
  const orgId = search.get('org') ?? undefined;
  const { data, error, isPending, refetch } = useDashboard(campaignId, orgId);
  return (
    <>
      <PageHeader title="督查看板" sub={data?.campaign.title} />
      {isPending ? (
        <BlockLoading rows={12} />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <DashboardBody view={data} campaignId={campaignId} orgId={orgId} />
      )}
    </>
  );
}

function Section({ title, children, testId }: { title: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Card size="small" title={title} style={{ marginBottom: 16 }} data-testid={testId}>
      {children}
    </Card>
  );
}

function DashboardBody({
  view,
  campaignId,
  orgId,
}: {
  view: DashboardView;
  campaignId: string;
  orgId: string | undefined;
}) {
  const navigate = useNavigate();
  const [measure, setMeasure] = useState<BarMeasure>('coverage');
  const to = (id?: string) => dashboardPath(campaignId, id);
  const name = view.org?.name ?? '全部参与组织';
  const shownOrgId = view.org?.id ?? orgId;
  const crumbs = [
    ...(view.overview ? [{ key: 'top', title: <Link to={to()}>全部参与组织</Link> }] : []),
    ...view.breadcrumb.map((o) => ({ key: o.id, title: <Link to={to(o.id)}>{o.name}</Link> })),
    ...(view.org ? [{ key: view.org.id, title: view.org.name }] : []),
  ];
  const hasLaggards = view.laggards.some((l) => l.units.length > 0 || l.branches.length > 0);

  return (
    <>
      {crumbs.length > 1 && <Breadcrumb items={crumbs} style={{ marginBottom: 12 }} />}
      <Flex align="center" gap={8} wrap="wrap" style={{ marginBottom: 4 }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="dashboard-org">
          {name}
        </Typography.Title>
        {view.org && <Tag>{orgTypeLabels[view.org.type]}</Tag>}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        活动期间 {formatDateRange(view.campaign.startsOn, view.campaign.endsOn)}；统计时间{' '}
        {formatDateTime(view.generatedAt)}；各项均为本组织及全部下级的合计，点数字查看明细
      </Typography.Paragraph>

      <NumberCards numbers={view.totals} campaignId={campaignId} orgId={shownOrgId} />

      {view.org?.isBranch && shownOrgId && (
        <Section title="支部党员宣讲情况" testId="dashboard-branch">
          <PendingMembers campaignId={campaignId} orgId={shownOrgId} />
        </Section>
      )}

      {/* Side by side on a wide screen, laggards first on a phone. */}
      <Row gutter={16}>
        {(hasLaggards || view.children.length > 0) && (
          <Col xs={24} xl={12}>
            <Section title="落后单位">
              <Laggards lists={view.laggards} campaignId={campaignId} canRemind={view.canRemind} to={to} />
            </Section>
          </Col>
        )}
        <Col xs={24} xl={hasLaggards || view.children.length > 0 ? 12 : 24}>
          <Section title="活动进度">
            {view.weeks.length === 0 ? (
              <EmptyState text="活动还没有开始，暂无进度数据" />
            ) : (
              <Suspense fallback={<BlockLoading rows={5} />}>
                <TimelineChart weeks={view.weeks} milestones={view.milestones} />
              </Suspense>
            )}
          </Section>
        </Col>
      </Row>

      {view.children.length > 0 && (
        <Section title={`下级组织（${view.children.length}）`} testId="dashboard-children">
          <Segmented
            block
            aria-label="条形图指标"
            value={measure}
            onChange={(v) => setMeasure(v)}
            options={barMeasures.map((m) => ({ value: m, label: barMeasureLabels[m] }))}
            style={{ marginBottom: 8 }}
          />
          <Suspense fallback={<BlockLoading rows={5} />}>
            <ChildrenChart items={view.children} measure={measure} onOpen={(id) => void navigate(to(id))} />
          </Suspense>
          <Typography.Text strong style={{ display: 'block', margin: '16px 0 8px' }}>
            覆盖率分布（点方块查看下级）
          </Typography.Text>
          <CoverageTiles items={view.children} to={to} />
        </Section>
      )}

      {view.rounds.length > 0 && (
        <Section title="评审进度">
          <RoundsProgress rounds={view.rounds} />
        </Section>
      )}
      {view.results.length > 0 && (
        <Section title="已确认的评审结果">
          <ConfirmedResults results={view.results} />
        </Section>
      )}
    </>
  );
}
