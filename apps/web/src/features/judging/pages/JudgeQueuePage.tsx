import { Alert, Button, Card, Flex, Progress, Typography } from 'antd';
import { ArrowLeftOutlined, RightOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BlockLoading, EmptyState, ErrorState } from '../../../components/states.tsx';
import { formatDate } from '../../../lib/format.ts';
import { useJudgeQueue, type QueueItem } from '../api.ts';
import { AssignmentStatusTag, BlindTag } from '../components/JudgingTags.tsx';
import { CODE_STYLE } from '../components/code-style.ts';

function ItemRow({ roundId, item }: { roundId: string; item: QueueItem }) {
  const details = [item.title, item.speakerName, item.unitName].filter((x): x is string => !!x);
  return (
    <Link
      to={`/judging/${roundId}/${item.code}`}
      data-testid="judging-item"
      style={{ display: 'block', color: 'inherit' }}
    >
      <Card size="small" hoverable styles={{ body: { padding: '12px 12px' } }}>
        <Flex align="center" gap={8}>
          <Flex vertical gap={4} style={{ flex: 1, minWidth: 0 }}>
            <Flex align="center" gap={8} wrap="wrap">
              <Typography.Text strong style={{ ...CODE_STYLE, fontSize: 22 }}>
                {item.code}
              </Typography.Text>
              <AssignmentStatusTag status={item.status} label={item.statusLabel} />
            </Flex>
            <Typography.Text type="secondary">
              {item.categoryName}
              {item.total !== null && <> · 合计 {item.total} 分</>}
            </Typography.Text>
            {details.length > 0 && (
              <Typography.Text style={{ overflowWrap: 'anywhere' }}>{details.join(' · ')}</Typography.Text>
            )}
          </Flex>
          <RightOutlined aria-hidden style={{ color: '#bfbfbf' }} />
        </Flex>
      </Card>
    </Link>
  );
}

/** The judge's queue in one round: progress, the assigned entries by code, the next one to score. */
export default function JudgeQueuePage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { data, error, isPending, refetch } = useJudgeQueue(id);
  if (isPending) return <BlockLoading />;
  if (error)
    return (
      <>
        <PageHeader title="评审打分" />
        <ErrorState error={error} onRetry={() => void refetch()} />
      </>
    );
  const { round, items, progress } = data;
  const next = items.find((i) => i.status !== 'submitted');
  const percent = progress.assigned ? Math.round((progress.submitted / progress.assigned) * 100) : 0;
  return (
    <>
      <Link to="/judging" style={{ display: 'inline-block', marginBottom: 8, padding: '4px 0' }}>
        <ArrowLeftOutlined /> 我的评审任务
      </Link>
      <PageHeader
        title={round.name}
        sub={
          <>
            {round.campaignTitle} · {round.stageName} · 截止日期：{formatDate(round.deadline)}
          </>
        }
      />
      <Flex vertical gap={12}>
        <Flex gap={8} wrap="wrap" align="center">
          <BlindTag blind={round.blind} />
          {round.blind && <Typography.Text type="secondary">盲评：只显示作品编号</Typography.Text>}
        </Flex>
        {!round.open && <Alert type="info" showIcon title={`本轮评审${round.stateLabel}，评分不能再修改`} />}
        <div>
          <Typography.Text strong>
            已提交 {progress.submitted} / {progress.assigned}
          </Typography.Text>
          <Progress
            percent={percent}
            showInfo={false}
            status={progress.assigned > 0 && progress.submitted === progress.assigned ? 'success' : 'normal'}
            aria-label={`已提交 ${progress.submitted} / ${progress.assigned}`}
          />
        </div>
        <Button
          type="primary"
          size="large"
          block
          disabled={!next}
          onClick={() => next && void navigate(`/judging/${id}/${next.code}`)}
        >
          下一件未评作品
        </Button>
        {!next && items.length > 0 && (
          <Typography.Text type="success">您在本轮的作品已全部提交评分，感谢您的辛勤工作！</Typography.Text>
        )}
        {items.length === 0 ? (
          <EmptyState text="暂无分配给您的作品" />
        ) : (
          <Flex vertical gap={8} role="list" aria-label="待评作品">
            {items.map((item) => (
              <div role="listitem" key={item.code}>
                <ItemRow roundId={id} item={item} />
              </div>
            ))}
          </Flex>
        )}
      </Flex>
    </>
  );
}
