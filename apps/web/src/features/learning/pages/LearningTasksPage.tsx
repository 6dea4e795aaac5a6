import { useState } from 'react';
import { Button, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { LearningTaskSummary } from '@jiangtai/contracts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ResponsiveTable, type ResponsiveColumn } from '../../../components/ResponsiveTable.tsx';
import { BlockLoading, EmptyState, ErrorState } from '../../../components/states.tsx';
import { formatDate } from '../../../lib/format.ts';
import { hasRole, useCurrentMe } from '../../../lib/me.ts';
import { useLearningTasks } from '../api.ts';
import { AssignTaskModal } from '../components/AssignTaskModal.tsx';

const ASSIGNERS = ['platform_admin', 'organiser', 'unit_admin'] as const;

/** 学习任务: the tasks of the viewer's scope (and from above it); admins assign new ones here. */
export default function LearningTasksPage() {
  const me = useCurrentMe();
  const [assigning, setAssigning] = useState(false);
  const { data, error, isPending, refetch } = useLearningTasks();
  const mayAssign = hasRole(me, [...ASSIGNERS]);
  const grant = me.grants.find((g) => (ASSIGNERS as readonly string[]).includes(g.role));
  const columns: ResponsiveColumn<LearningTaskSummary>[] = [
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
      {isPending ? (
        <BlockLoading />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : data.length === 0 ? (
        <EmptyState text="还没有学习任务" />
      ) : (
        <ResponsiveTable rowKey="id" columns={columns} dataSource={data} />
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
