import { Button, Card, Flex, Progress, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BlockLoading, EmptyState, ErrorState } from '../../../components/states.tsx';
import { formatDate } from '../../../lib/format.ts';
import { useMyRounds, type MyRound } from '../api.ts';
import { BlindTag } from '../components/JudgingTags.tsx';

function RoundCard({ round }: { round: MyRound }) {
  const navigate = useNavigate();
  const percent = round.assigned ? Math.round((round.submitted / round.assigned) * 100) : 0;
  return (
    <Card size="small" data-testid="judging-round">
      <Flex vertical gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {round.name}
        </Typography.Title>
        <Typography.Text type="secondary">
          {round.campaignTitle} · {round.stageName}
        </Typography.Text>
        <Flex gap={8} wrap="wrap" align="center">
          <BlindTag blind={round.blind} />
          <Tag color={round.open ? 'processing' : 'default'} style={{ marginInlineEnd: 0 }}>
            {round.stateLabel}
          </Tag>
          <Typography.Text>截止日期：{formatDate(round.deadline)}</Typography.Text>
        </Flex>
        <div>
          <Typography.Text>
            已提交 {round.submitted} / {round.assigned}
          </Typography.Text>
          <Progress
            percent={percent}
            showInfo={false}
            status={round.assigned > 0 && round.submitted === round.assigned ? 'success' : 'normal'}
            aria-label={`已提交 ${round.submitted} / ${round.assigned}`}
          />
        </div>
        <Button type="primary" size="large" block onClick={() => void navigate(`/judging/${round.id}`)}>
          开始评分
        </Button>
      </Flex>
    </Card>
  );
}

/** The judge's rounds: every round on whose panel they sit, with their own progress. */
export default function MyRoundsPage() {
  const { data, error, isPending, refetch } = useMyRounds();
  return (
    <>
      <PageHeader title="评审打分" />
      {isPending ? (
        <BlockLoading />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !data.items.length ? (
        <EmptyState text="暂无分配给您的评审任务" />
      ) : (
        <Flex vertical gap={12}>
          {data.items.map((r) => (
            <RoundCard key={r.id} round={r} />
          ))}
        </Flex>
      )}
    </>
  );
}
