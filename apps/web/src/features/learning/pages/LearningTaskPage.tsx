import { useState } from 'react';
import { App, Breadcrumb, Button, Card, Input, List, Modal, Progress, Tag, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { orgTypeLabels, type LearningCompletion, type LearningTaskDetail } from '@jiangtai/contracts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ResponsiveTable, type ResponsiveColumn } from '../../../components/ResponsiveTable.tsx';
import { BlockLoading, ErrorState } from '../../../components/states.tsx';
import { errorText } from '../../../lib/api.ts';
import { formatDate, formatDuration } from '../../../lib/format.ts';
import { useCancelTask, useLearningTask } from '../api.ts';

type Child = LearningTaskDetail['children'][number];

function Rate({ value }: { value: LearningCompletion }) {
  return (
    <div>
      <Progress
        percent={value.percent ?? 0}
        size="small"
        format={() => (value.percent === null ? '—' : `${value.percent}%`)}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        已学完 {value.completed} / {value.members} 人
      </Typography.Text>
    </div>
  );
}

/** A study task's completion at an org: percentages only, drilling down the tree; cancel for its admins. */
export default function LearningTaskPage() {
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const orgId = search.get('orgId') ?? undefined;
  const { data, error, isPending, refetch } = useLearningTask(id, orgId);
  if (isPending) return <BlockLoading rows={8} />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  return <TaskBody d={data} />;
}

function TaskBody({ d }: { d: LearningTaskDetail }) {
  const here = (orgId: string) => `/learning-tasks/${d.task.id}?orgId=${orgId}`;
  const crumbs = [
    ...d.breadcrumb.map((o) => ({ key: o.id, title: <Link to={here(o.id)}>{o.name}</Link> })),
    { key: d.org.id, title: d.org.name },
  ];
  const columns: ResponsiveColumn<Child>[] = [
    {
      title: '组织',
      key: 'org',
      card: 'title',
      render: (_, c) => (
        <Link to={here(c.org.id)}>
          {c.org.name} <RightOutlined style={{ fontSize: 11 }} />
        </Link>
      ),
    },
    { title: '类型', key: 'type', card: 'extra', render: (_, c) => <Tag>{orgTypeLabels[c.org.type]}</Tag> },
    { title: '完成率', key: 'rate', card: 'full', render: (_, c) => <Rate value={c} /> },
  ];
  const led = d.ledBranchIds.includes(d.org.id) ? d.org.id : (d.ledBranchIds[0] ?? null);
  return (
    <>
      <PageHeader
        title={d.task.title}
        sub={`${d.task.org.name}下达 · 截止 ${formatDate(d.task.dueOn)}`}
        extra={
          <>
            {led && (
              <Link to={`/learning-tasks/${d.task.id}/unfinished?orgId=${led}`}>
                <Button>本支部未学完名单</Button>
              </Link>
            )}
            {d.mayCancel && <CancelButton taskId={d.task.id} />}
          </>
        }
      />
      {d.task.cancelled && (
        <Typography.Paragraph type="warning">已撤销：{d.task.cancelReason}</Typography.Paragraph>
      )}
      {d.task.note && <Typography.Paragraph>{d.task.note}</Typography.Paragraph>}
      {crumbs.length > 1 && <Breadcrumb items={crumbs} style={{ marginBottom: 12 }} />}
      <Card style={{ marginBottom: 16 }} data-testid="learning-totals">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {d.org.name}
        </Typography.Title>
        <Rate value={d.totals} />
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
          按党员现所在组织统计；学完任务中全部在架微课才算完成，已下架的微课不计
        </Typography.Text>
      </Card>
      <Card title="任务微课" size="small" style={{ marginBottom: 16 }}>
        <List
          dataSource={d.lectures}
          renderItem={(l) => (
            <List.Item>
              <span>
                {l.title}（{formatDuration(l.durationSeconds)}）
              </span>
              {!l.counting && <Tag color="default">已下架：{l.unpublishReason}</Tag>}
            </List.Item>
          )}
        />
      </Card>
      {d.children.length > 0 && (
        <ResponsiveTable rowKey={(c) => c.org.id} columns={columns} dataSource={d.children} />
      )}
    </>
  );
}

function CancelButton({ taskId }: { taskId: string }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const cancel = useCancelTask(taskId);
  const submit = async () => {
    try {
      await cancel.mutateAsync(reason);
      message.success('学习任务已撤销');
      setOpen(false);
    } catch (err) {
      message.error(errorText(err));
    }
  };
  return (
    <>
      <Button danger onClick={() => setOpen(true)}>
        撤销任务
      </Button>
      <Modal
        open={open}
        title="撤销学习任务"
        okText="撤销"
        okButtonProps={{ danger: true, disabled: !reason.trim() }}
        confirmLoading={cancel.isPending}
        onOk={() => void submit()}
        onCancel={() => setOpen(false)}
      >
        <Typography.Paragraph>撤销后党员不再看到此任务。请填写原因：</Typography.Paragraph>
        <Input.TextArea rows={3} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </>
  );
}
