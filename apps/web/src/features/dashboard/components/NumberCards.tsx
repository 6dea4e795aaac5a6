import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import {
  entryStateLabels,
  entryStates,
  formatCoverageRate,
  leaderGroupLabels,
  leaderGroups,
  type DashboardNumbers,
} from '@jiangtai/contracts';
import { hasRole, useCurrentMe } from '../../../lib/me.ts';
import { formatCount } from '../../../lib/format.ts';
import { formatRate, rateOf } from '../measures.ts';

/** Those who read the campaign's entry list and the order statistics (supervisors do not). */
const ENTRY_READERS = ['platform_admin', 'organiser', 'unit_admin'] as const;
const ORDER_STATS_READERS = ['platform_admin', 'organiser', 'unit_admin'] as const;

function NumberCard({
  label,
  value,
  sub,
  to,
  testId,
}: {
  label: string;
  value: ReactNode;
  sub?: ReactNode;
  /** The list behind the number (left out for viewers who may not open it). */
  to?: string;
  testId: string;
}) {
  const body = (
    <>
      <div className="jt-dash-number-label">{label}</div>
      <div className="jt-dash-number-value">{value}</div>
      {sub && <div className="jt-dash-number-sub">{sub}</div>}
    </>
  );
  return to ? (
    <Link className="jt-dash-number" to={to} data-testid={testId}>
      {body}
    </Link>
  ) : (
    <div className="jt-dash-number" data-testid={testId}>
      {body}
    </div>
  );
}

/** Every measure of DashboardNumbers as a card; each opens the list behind it. */
export function NumberCards({
  numbers: n,
  campaignId,
  orgId,
}: {
  numbers: DashboardNumbers;
  campaignId: string;
  orgId: string | undefined;
}) {
  const me = useCurrentMe();
  const entries = entryStates.reduce((sum, s) => sum + n.entries[s], 0);
  // Each list reads the org (and the campaign, where it has campaigns) from its address and shows the
  // filter; without an org (the overview of several tops) it shows all the viewer may see.
  const withOrg = (path: string, key: string, more: Record<string, string> = {}) => {
    const q = new URLSearchParams(more);
    if (orgId) q.set(key, orgId);
    const s = q.toString();
    return s ? `${path}?${s}` : path;
  };
  const coverageTo = withOrg(`/campaigns/${campaignId}/coverage`, 'orgId');
  return (
    <div className="jt-dash-numbers" data-testid="dashboard-numbers">
      <NumberCard
        testId="number-plans"
        label="宣讲计划报送"
        value={
          <>
            {formatCount(n.plans.filed)} <small>/ {formatCount(n.plans.branches)} 个支部</small>
          </>
        }
        sub={`报送率 ${formatRate(rateOf(n.plans.filed, n.plans.branches))}，已审核 ${formatCount(n.plans.accepted)}`}
        to={withOrg('/plan-overview', 'org', { campaign: campaignId })}
      />
      <NumberCard
        testId="number-lectures"
        label="宣讲开展"
        value={
          <>
            {formatCount(n.lectures.records)} <small>场</small>
          </>
        }
        sub={`已确认 ${formatCount(n.lectures.confirmed)} 场，听众 ${formatCount(n.lectures.attendance)} 人次，${formatCount(n.lectures.branchesWithLecture)} 个支部已开展`}
        to={withOrg('/lectures', 'org', { campaign: campaignId, status: 'counted' })}
      />
      <NumberCard
        testId="number-coverage"
        label="人人上讲台覆盖率"
        value={formatCoverageRate(n.coverage)}
        sub={`已宣讲 ${formatCount(n.coverage.lectured)} / ${formatCount(n.coverage.members)} 人`}
        to={coverageTo}
      />
      <NumberCard
        testId="number-leaders"
        label="领导干部带头讲"
        value={formatCoverageRate({
          members: leaderGroups.reduce((s, g) => s + n.coverage.leaders[g].members, 0),
          lectured: leaderGroups.reduce((s, g) => s + n.coverage.leaders[g].lectured, 0),
        })}
        sub={leaderGroups
          .map(
            (g) =>
              `${leaderGroupLabels[g]} ${n.coverage.leaders[g].lectured}/${n.coverage.leaders[g].members}`,
          )
          .join('，')}
        to={coverageTo}
      />
      <NumberCard
        testId="number-entries"
        label="报送作品"
        value={
          <>
            {formatCount(entries)} <small>件</small>
          </>
        }
        sub={
          entries === 0
            ? '还没有作品'
            : entryStates
                .filter((s) => n.entries[s] > 0)
                .map((s) => `${entryStateLabels[s]} ${n.entries[s]}`)
                .join('，')
        }
        to={
          hasRole(me, ENTRY_READERS)
            ? withOrg(`/campaigns/${campaignId}/entries`, 'orgId', { stage: '*' })
            : undefined
        }
      />
      <NumberCard
        testId="number-pool"
        label="师资库宣讲员"
        value={
          <>
            {formatCount(n.pool.speakers)}{' '}
            <small>{n.pool.target === null ? '人' : `/ 目标 ${formatCount(n.pool.target)} 人`}</small>
          </>
        }
        sub={
          n.pool.target === null
            ? '未设目标人数'
            : `完成 ${formatRate(rateOf(n.pool.speakers, n.pool.target))}`
        }
        to={withOrg('/pools/overview', 'orgId')}
      />
      <NumberCard
        testId="number-orders"
        label="点单宣讲"
        value={
          <>
            {formatCount(n.orders.delivered)} <small>/ {formatCount(n.orders.placed)} 单</small>
          </>
        }
        sub={`已点单 ${formatCount(n.orders.placed)}，已宣讲 ${formatCount(n.orders.delivered)}`}
        to={hasRole(me, ORDER_STATS_READERS) ? withOrg('/order-stats', 'orgId') : undefined}
      />
      <NumberCard
        testId="number-learning"
        label="学习任务完成"
        value={formatRate(rateOf(n.learning.completed, n.learning.assigned))}
        sub={
          n.learning.assigned === 0
            ? '还没有学习任务'
            : `已完成 ${formatCount(n.learning.completed)} / ${formatCount(n.learning.assigned)} 人次`
        }
        to={withOrg('/learning-tasks', 'orgId')}
      />
    </div>
  );
}
