import { Button, Card, Flex, Progress, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BlockLoading, EmptyState, ErrorState } from '../../../components/states.tsx';
import { formatDate } from '../../../lib/format.ts';
import { useMyRounds, type MyRound } from '../api.ts';
import { useMyLiveRounds, type MyLiveRound } from '../../live/api.ts';
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

/** A live final (or its rehearsal): scored on the live page while the MC runs the evening. */
function LiveCard({ round }: { round: MyLiveRound }) {
  const navigate = useNavigate();
  return (
    <Card size="small" data-testid="live-round">
      <Flex vertical gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {round.name}
        </Typography.Title>
        <Typography.Text type="secondary">{round.campaignTitle} · 现场决赛</Typography.Text>
        <Flex gap={8} wrap="wrap">
          {round.rehearsal ? <Tag color="warning">彩排</Tag> : null}
          <Tag color="processing">{round.stateLabel}</Tag>
        </Flex>
        <Button type="primary" size="large" block onClick={() => void navigate(`/live/${round.id}/judge`)}>
          进入现场评分
        </Button>
      </Flex>
    </Card>
  );
}

/** The judge's rounds: every round on whose panel they sit, with their own progress; live finals first. */
export default function MyRoundsPage() {
  const { data, error, isPending, refetch } = useMyRounds();
  const live = useMyLiveRounds();
  const reviews = data?.items.filter((r) => !r.live) ?? [];
  const lives = live.data?.items ?? [];
  return (
    <>
      <PageHeader title="评审打分" />
      {isPending || live.isPending ? (
        <BlockLoading />
      ) : error || live.error ? (
        <ErrorState
          error={error ?? live.error}
          onRetry={() => {
            void refetch();
            void live.refetch();
          }}
        />
      ) : !reviews.length && !lives.length ? (
        <EmptyState text="暂无分配给您的评审任务" />
      ) : (
        <Flex vertical gap={12}>
          {lives.map((r) => (
            <LiveCard key={r.id} round={r} />
          ))}
          {reviews.map((r) => (
            <RoundCard key={r.id} round={r} />
          ))}
        </Flex>
      )}
    </>
  );
}
