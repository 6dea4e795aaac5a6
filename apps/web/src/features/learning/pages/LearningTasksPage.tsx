import { useState } from 'react';
import { Button, Flex, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { completionPercent, type LearningTaskList } from '@jiangtai/contracts';
import { FilterTag } from '../../../components/FilterTag.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ResponsiveTable, type ResponsiveColumn } from '../../../components/ResponsiveTable.tsx';
import { BlockLoading, EmptyState, ErrorState } from '../../../components/states.tsx';
import { formatCount, formatDate } from '../../../lib/format.ts';
import { hasRole, useCurrentMe } from '../../../lib/me.ts';
import { useLearningTasks } from '../api.ts';
import { AssignTaskModal } from '../components/AssignTaskModal.tsx';

const ASSIGNERS = ['platform_admin', 'organiser', 'unit_admin'] as const;

type Item = LearningTaskList['items'][number];

/** 已完成 of 应学 person-times, with the rate when anyone is to learn. */
const countsText = (n: { assigned: number; completed: number }) => {
  const rate = n.assigned ? completionPercent(n.completed, n.assigned) : null;
  return `${formatCount(n.completed)} / ${formatCount(n.assigned)} 人次${rate === null ? '' : `（${rate.toFixed(1)}%）`}`;
};

/**
 * 学习任务: the tasks of the viewer's scope (and from above it); admins assign new ones here. The
 * address may narrow them to an org's subtree (`orgId`), each with that org's completion: the
 * dashboard's 学习任务完成 opens it that way.
 */
export default function LearningTasksPage() {
  const me = useCurrentMe();
  const [assigning, setAssigning] = useState(false);
  const [params, setParams] = useSearchParams();
  const orgId = params.get('orgId') ?? undefined;
  const { data, error, isPending, refetch } = useLearningTasks(orgId);
  const mayAssign = hasRole(me, [...ASSIGNERS]);
  const grant = me.grants.find((g) => (ASSIGNERS as readonly string[]).includes(g.role));
  const clearOrg = () => {
    const next = new URLSearchParams(params);
    next.delete('orgId');
    setParams(next);
  };
  const columns: ResponsiveColumn<Item>[] = [
    {
      title: '任务',
      key: 'title',
      card: 'title',
      render: (_, t) => <Link to={`/learning-tasks/${t.id}`}>{t.title}</Link>,
    },
    {
      title: '状态',
      key: 'state',
      card: 'extra',
      render: (_, t) => (t.cancelled ? <Tag>已撤销</Tag> : <Tag color="processing">进行中</Tag>),
    },
    { title: '下达组织', key: 'org', render: (_, t) => t.org.name },
    { title: '微课', key: 'lectures', render: (_, t) => `${t.lectureCount} 节` },
    { title: '截止日期', key: 'due', render: (_, t) => formatDate(t.dueOn) },
    ...(data?.org
      ? [
          {
            title: `${data.org.name}完成`,
            key: 'inOrg',
            render: (_: unknown, t: Item) => (t.inOrg ? countsText(t.inOrg) : '—'),
          },
        ]
      : []),
  ];
  return (
    <>
      <PageHeader
        title="学习任务"
        sub="各组织只看到本组织党员的完成率；未学完名单只向支部书记显示"
        extra={
          mayAssign && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAssigning(true)}>
              下达学习任务
            </Button>
          )
        }
      />
      {orgId && (
        <Flex wrap="wrap" gap={8} align="center" style={{ marginBottom: 12 }}>
          <FilterTag
            label="范围"
            value={data?.org?.name ?? (error ? '所选单位' : undefined)}
            onClear={clearOrg}
            testId="filter-org"
          />
          {data?.org && (
            <Typography.Text type="secondary" data-testid="learning-org-total">
              进行中任务合计完成 {countsText(data.org)}
            </Typography.Text>
          )}
        </Flex>
      )}
      {isPending ? (
        <BlockLoading />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : data.items.length === 0 ? (
        <EmptyState text={orgId ? '没有涉及该单位的学习任务' : '还没有学习任务'} />
      ) : (
        <ResponsiveTable rowKey="id" columns={columns} dataSource={data.items} />
      )}
      {mayAssign && (
        <AssignTaskModal
          open={assigning}
          onClose={() => setAssigning(false)}
          defaultOrg={grant ? { id: grant.orgId, name: grant.orgName } : undefined}
        />
      )}
    </>
  );
}
