import { List, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BlockLoading, EmptyState, ErrorState } from '../../../components/states.tsx';
import { formatDate } from '../../../lib/format.ts';
import { useUnfinished } from '../api.ts';

/** 未学完名单: the secretary's own branch only (the server shows names to nobody else). */
export default function UnfinishedPage() {
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const { data, error, isPending, refetch } = useUnfinished(id, search.get('orgId') ?? undefined);
  if (isPending) return <BlockLoading />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  return (
    <>
      <PageHeader
        title="未学完名单"
        sub={`${data.branch.name} · ${data.task.title} · 截止 ${formatDate(data.task.dueOn)}`}
        extra={<Link to={`/learning-tasks/${id}?orgId=${data.branch.id}`}>返回完成情况</Link>}
      />
      <Typography.Paragraph type="secondary">
        名单仅本支部书记、副书记可见，请提醒同志们按时学完；任务共 {data.countingLectures} 节在架微课。
      </Typography.Paragraph>
      {data.members.length === 0 ? (
        <EmptyState text="本支部党员都已学完" />
      ) : (
        <List
          bordered
          dataSource={data.members}
          renderItem={(m) => (
            <List.Item>
              <span>{m.name}</span>
              <Typography.Text type="secondary">
                已学完 {m.completedLectures} / {data.countingLectures} 节
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
    </>
  );
}
