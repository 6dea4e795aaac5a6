import { Button, Flex, Select, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  audienceTypeLabels,
  audienceTypes,
  orderStateLabels,
  orderStates,
  type OrderStatsRow,
} from '@jiangtai/contracts';
import { FilterTag } from '../../../components/FilterTag.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ResponsiveTable, type ResponsiveColumn } from '../../../components/ResponsiveTable.tsx';
import { BlockLoading, ErrorState } from '../../../components/states.tsx';
import { useOrderStats, usePools } from '../api.ts';

const breakdown = (
  m: Partial<Record<string, number>>,
  labels: Record<string, string>,
  keys: readonly string[],
) =>
  keys
    .filter((k) => m[k])
    .map((k) => `${labels[k]} ${m[k]}`)
    .join('，') || '—';

/**
 * 点单统计 for a pool's managers: one row per pool they manage; choose a pool to see its orders by the
 * ordering orgs under it, and a row's 下一级 to drill down the tree. The address may narrow the pools'
 * rows to the orders an org's subtree placed (`orgId`): the dashboard's 点单宣讲 opens it that way.
 */
export default function OrderStatsPage() {
  const pools = usePools();
  const [params, setParams] = useSearchParams();
  const underOrgId = params.get('orgId') ?? undefined;
  const [poolId, setPoolId] = useState<string>();
  const [path, setPath] = useState<{ id: string; name: string }[]>([]);
  const orgId = poolId ? path.at(-1)?.id : underOrgId;
  const stats = useOrderStats(poolId, orgId);
  const clearOrg = () => {
    const next = new URLSearchParams(params);
    next.delete('orgId');
    setParams(next);
  };
  const columns: ResponsiveColumn<OrderStatsRow>[] = [
    { title: poolId ? '单位' : '师资库', dataIndex: 'orgName', card: 'title' },
    { title: '点单', dataIndex: 'orders', card: 'extra' },
    { title: '按状态', key: 'state', render: (_, r) => breakdown(r.byState, orderStateLabels, orderStates) },
    {
      title: '按听众',
      key: 'aud',
      render: (_, r) => breakdown(r.byAudience, audienceTypeLabels, audienceTypes),
    },
    { title: '已宣讲', dataIndex: 'delivered' },
    { title: '听众人次', dataIndex: 'audienceReached' },
    {
      title: '平均评价',
      dataIndex: 'ratingAverage',
      render: (v: number | null) => (v === null ? '—' : `${v} 星`),
    },
    ...(poolId
      ? [
          {
            key: 'actions',
            title: '',
            render: (_: unknown, r: OrderStatsRow) =>
              r === stats.data?.total ? null : (
                <Button size="small" onClick={() => setPath([...path, { id: r.orgId, name: r.orgName }])}>
                  下一级
                </Button>
              ),
          } as ResponsiveColumn<OrderStatsRow>,
        ]
      : []),
  ];
  const managed = pools.data?.filter((p) => p.manage) ?? [];
  return (
    <>
      <PageHeader title="点单统计" />
      <Flex vertical gap={12}>
        <Flex gap={8} wrap align="center">
          <Select
            allowClear
            aria-label="师资库"
            placeholder="全部师资库"
            value={poolId}
            onChange={(v) => {
              // A pool is read down its own tree (下一级): the org the address narrowed to gives way.
              if (v && underOrgId) clearOrg();
              setPoolId(v);
              setPath([]);
            }}
            options={managed.map((p) => ({ value: p.id, label: p.name }))}
            style={{ minWidth: 180 }}
          />
          {!poolId && underOrgId && (
            <FilterTag
              label="范围"
              value={stats.data?.org?.name ?? (stats.error ? '所选单位' : undefined)}
              onClear={clearOrg}
              testId="filter-org"
            />
          )}
          {path.length > 0 && (
            <>
              <Typography.Text>{path.map((p) => p.name).join(' / ')}</Typography.Text>
              <Button size="small" onClick={() => setPath(path.slice(0, -1))}>
                返回上一级
              </Button>
            </>
          )}
        </Flex>
        {stats.isPending ? (
          <BlockLoading />
        ) : stats.error ? (
          <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />
        ) : (
          <ResponsiveTable
            aria-label="点单统计"
            rowKey="orgId"
            columns={columns}
            dataSource={[...stats.data.rows, stats.data.total]}
            pagination={false}
          />
        )}
      </Flex>
    </>
  );
}
