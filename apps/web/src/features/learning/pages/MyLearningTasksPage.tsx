import { Card, Flex, List, Progress, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { LEARNING_RULE } from '@jiangtai/contracts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BlockLoading, EmptyState, ErrorState } from '../../../components/states.tsx';
import { formatDate } from '../../../lib/format.ts';
import { useMyLearningTasks } from '../api.ts';

/** 我的学习任务: the member's tasks with each lecture's status; a lecture opens in the classroom player. */
export default function MyLearningTasksPage() {
  const { data, error, isPending, refetch } = useMyLearningTasks();
  if (isPending) return <BlockLoading />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  return (
    <>
      <PageHeader title="我的学习任务" sub={LEARNING_RULE} />
      {data.length === 0 && <EmptyState text="暂时没有学习任务" />}
      <Space direction="vertical" style={{ width: '100%' }} size={12}>
        {data.map((t) => (
          <Card
            key={t.id}
            size="small"
            title={t.title}
            extra={t.completed ? <Tag color="success">已完成</Tag> : <Tag color="processing">未完成</Tag>}
          >
            <Typography.Text type="secondary">
              {t.org.name}下达 · 截止 {formatDate(t.dueOn)}
            </Typography.Text>
            {t.note && <Typography.Paragraph style={{ margin: '4px 0 0' }}>{t.note}</Typography.Paragraph>}
            <List
              dataSource={t.lectures}
              renderItem={(l) => (
                <List.Item>
                  <Flex vertical style={{ width: '100%' }}>
                    <Flex justify="space-between" gap={8}>
                      {l.counting ? (
                        <Link to={`/classroom/lectures/${l.id}`}>{l.title}</Link>
                      ) : (
                        <span>{l.title}</span>
                      )}
                      {!l.counting ? (
                        <Tag>已下架</Tag>
                      ) : l.completed ? (
                        <Tag color="success">已学完</Tag>
                      ) : (
                        <Tag>未学完</Tag>
                      )}
                    </Flex>
                    {l.counting ? (
                      <Progress percent={l.percent} size="small" />
                    ) : (
                      <Typography.Text type="secondary">
                        已下架：{l.unpublishReason}（不计入任务）
                      </Typography.Text>
                    )}
                  </Flex>
                </List.Item>
              )}
            />
          </Card>
        ))}
      </Space>
    </>
  );
}
