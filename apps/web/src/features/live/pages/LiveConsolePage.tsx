import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Flex, Row, Space, Tag, Typography } from 'antd';
import { CheckCircleFilled, ClockCircleOutlined } from '@ant-design/icons';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ResponsiveTable, type ResponsiveColumn } from '../../../components/ResponsiveTable.tsx';
import { BlockLoading, ErrorState } from '../../../components/states.tsx';
import { errorText } from '../../../lib/api.ts';
import { ReasonModal } from '../../reviews/components/ReasonModal.tsx';
import {
  timerBody,
  useLiveConsole,
  useMcAction,
  useResetRehearsal,
  useStartRehearsal,
  type LiveConsole,
  type LiveSpeakerRow,
} from '../api.ts';
import { LiveTimer, clock } from '../components/LiveTimer.tsx';
import { RehearsalBanner } from '../components/RehearsalBanner.tsx';

const big = { size: 'large' as const, style: { minWidth: 140, height: 56, fontSize: 18 } };

function Speaker({ s, label }: { s: LiveSpeakerRow | null; label: string }) {
  return (
    <div>
      <Typography.Text type="secondary">{label}</Typography.Text>
      {s ? (
        <>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {s.position}. {s.speakerName}
          </Typography.Title>
          <Typography.Text>
            {s.unitName} · 《{s.title}》
          </Typography.Text>
        </>
      ) : (
        <Typography.Title level={4} style={{ margin: 0 }} type="secondary">
          无
        </Typography.Title>
      )}
    </div>
  );
}

/** Which judges have submitted for the speaker being scored: names with a tick or a clock. */
function JudgeTicks({ s }: { s: LiveSpeakerRow }) {
  return (
    <Flex gap={8} wrap="wrap" data-testid="judge-ticks">
      {s.result.judges.map((j) => (
        <Tag
          key={j.judgeId}
          color={j.submitted ? 'success' : 'default'}
          icon={j.submitted ? <CheckCircleFilled /> : <ClockCircleOutlined />}
          style={{ fontSize: 15, padding: '4px 8px' }}
        >
          {j.name}
        </Tag>
      ))}
      <Typography.Text>
        已提交 {s.result.submitted} / {s.result.judges.length}
      </Typography.Text>
    </Flex>
  );
}

/**
 * 主持人控制台 (a laptop): who is on and next, the timer with its limit and warnings, open scoring,
 * the judges' ticks, announce, skip a no-show and undo with a reason. Polls the state every 1.5 s.
 */
export default function LiveConsolePage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const q = useLiveConsole(id);
  const act = useMcAction(id);
  const startRehearsal = useStartRehearsal(id);
  const resetRehearsal = useResetRehearsal(id);
  const [dialog, setDialog] = useState<{ kind: 'skip'; s: LiveSpeakerRow } | { kind: 'undo' } | null>(null);

  if (q.isPending) return <BlockLoading />;
  if (!q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const d: LiveConsole = q.data;
  const run = (path: string, body?: unknown) =>
    act.mutateAsync({ path, body }).catch((e: unknown) => {
      void message.error(errorText(e));
    });
  const cur = d.speakers.find((s) => s.entryId === d.currentEntryId) ?? null;
  const next = d.speakers.find((s) => s.entryId === d.nextEntryId) ?? null;
  const screenUrl = `/screen/${d.screenCode}`;
  const busy = act.isPending;
  const announceAfterConfirm = d.round.settings.announce === 'after_confirm';
  const canAnnounce = (s: LiveSpeakerRow) =>
    !s.announced && (s.status === 'confirmed' || (!announceAfterConfirm && s.status === 'scored'));

  const columns: ResponsiveColumn<LiveSpeakerRow>[] = [
    { title: '顺序', dataIndex: 'position', width: 64 },
    {
      title: '选手',
      key: 'name',
      card: 'title',
      render: (_, s) => (
        <span>
          {s.speakerName}
          <Typography.Text type="secondary"> · {s.unitName}</Typography.Text>
        </span>
      ),
    },
    {
      title: '状态',
      key: 'status',
      card: 'extra',
      render: (_, s) => (
        <Tag color={s.status === 'confirmed' ? 'success' : s.status === 'no_show' ? 'default' : 'processing'}>
          {s.statusLabel}
          {s.announced ? ' · 已公布' : ''}
        </Tag>
      ),
    },
    {
      title: '用时',
      key: 'time',
      render: (_, s) =>
        s.result.spokenSeconds === null
          ? '—'
          : `${clock(s.result.spokenSeconds * 1000)}${s.result.overtimeSeconds ? `（超时 ${s.result.overtimeSeconds} 秒，扣 ${s.result.penalty} 分）` : ''}`,
    },
    {
      title: '最后得分',
      key: 'score',
      render: (_, s) => (s.result.complete ? (s.result.score ?? '—') : '—'),
    },
    {
      title: '操作',
      key: 'actions',
      render: (_, s) => (
        <Space wrap>
          {canAnnounce(s) ? (
            <Button
              type="primary"
              disabled={busy}
              onClick={() => void run('announce', { entryId: s.entryId })}
            >
              公布成绩
            </Button>
          ) : null}
          {s.status === 'waiting' && d.state === 'running' ? (
            <Button disabled={busy} onClick={() => setDialog({ kind: 'skip', s })}>
              登记缺席
            </Button>
          ) : null}
          {s.skipReason ? <Typography.Text type="secondary">缺席原因：{s.skipReason}</Typography.Text> : null}
          {s.status === 'withdrawn' ? (
            <Typography.Text type="secondary">
              退出原因：{s.leftReason ?? '未写明'}（跳过此出场位置）
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
  ];

  const untouched = cur?.status === 'speaking' && !d.timer.running && d.timer.elapsedMs === 0;

  return (
    <>
      <PageHeader
        title={`主持人控制台 · ${d.round.name}`}
        sub={d.round.campaignTitle}
        extra={
          <Space wrap>
            <Tag color="blue">{d.stateLabel}</Tag>
            <a href={screenUrl} target="_blank" rel="noreferrer">
              打开大屏（{screenUrl}）
            </a>
            <Link to={`/live/${id}/supervise`}>监督员页面</Link>
            {/* Back to the round (a rehearsal's is the real one): results, awards and certificates. */}
            <Link to={`/rounds/${d.round.rehearsalOf ?? id}`}>评审轮次</Link>
          </Space>
        }
      />
      {d.round.rehearsal ? <RehearsalBanner /> : null}

      {d.state === 'setup' ? (
        <Card title="准备" style={{ marginBottom: 16 }}>
          <Flex vertical gap={12}>
            <Typography.Text>
              决赛选手 · 评委 {d.judges.length} 位：{d.judges.map((j) => j.name).join('、') || '尚未添加'}
            </Typography.Text>
            {!d.orderReady ? (
              <Alert
                type="info"
                showIcon
                message="出场顺序尚未确定，请先完成抽签后再开始比赛"
                action={
                  d.round.rehearsal ? null : (
                    <Button onClick={() => void navigate(`/rounds/${id}/draw`)}>去抽签</Button>
                  )
                }
              />
            ) : null}
            <Space wrap>
              <Button
                type="primary"
                {...big}
                disabled={!d.orderReady || busy}
                onClick={() => void run('start')}
              >
                开始比赛
              </Button>
              {!d.round.rehearsal && !d.activeRehearsal ? (
                <Button
                  {...big}
                  loading={startRehearsal.isPending}
                  onClick={() =>
                    startRehearsal
                      .mutateAsync()
                      .then((r) => void navigate(`/live/${r.rehearsalRoundId}`))
                      .catch((e: unknown) => void message.error(errorText(e)))
                  }
                >
                  开始彩排
                </Button>
              ) : null}
            </Space>
          </Flex>
        </Card>
      ) : null}

      {!d.round.rehearsal && d.activeRehearsal ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message="有一场彩排正在进行"
          action={
            <Space wrap>
              <Button onClick={() => void navigate(`/live/${d.activeRehearsal!.roundId}`)}>
                进入彩排控制台
              </Button>
              <Button
                danger
                loading={resetRehearsal.isPending}
                onClick={() =>
                  modal.confirm({
                    title: '重置彩排？',
                    content: '彩排的评分和成绩将不再显示，正式比赛不受影响。重置后可以重新彩排。',
                    okText: '重置彩排',
                    okButtonProps: { danger: true },
                    cancelText: '取消',
                    onOk: () =>
                      resetRehearsal.mutateAsync().catch((e: unknown) => void message.error(errorText(e))),
                  })
                }
              >
                重置彩排
              </Button>
            </Space>
          }
        />
      ) : null}

      {d.state !== 'setup' ? (
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          <Col xs={24} lg={14}>
            <Card>
              <Flex vertical gap={16}>
                <Speaker s={cur} label={cur ? `正在进行 · ${cur.statusLabel}` : '当前'} />
                {cur && cur.status === 'speaking' ? (
                  <LiveTimer
                    running={d.timer.running}
                    elapsedMs={d.timer.elapsedMs}
                    receivedAt={q.dataUpdatedAt}
                    limitSeconds={d.timer.limitSeconds}
                    warnSeconds={d.timer.warnSeconds}
                    stopped={d.timer.stopped}
                  />
                ) : null}
                <Space wrap size="middle">
                  {cur?.status === 'speaking' && !d.timer.stopped ? (
                    d.timer.running ? (
                      <>
                        <Button
                          {...big}
                          disabled={busy}
                          onClick={() => void run('timer', timerBody('pause'))}
                        >
                          暂停
                        </Button>
                        <Button
                          {...big}
                          danger
                          type="primary"
                          disabled={busy}
                          onClick={() => void run('timer', timerBody('stop'))}
                        >
                          停止计时
                        </Button>
                      </>
                    ) : d.timer.elapsedMs === 0 ? (
                      <Button
                        {...big}
                        type="primary"
                        disabled={busy}
                        onClick={() => void run('timer', timerBody('start'))}
                      >
                        开始计时
                      </Button>
                    ) : (
                      <>
                        <Button
                          {...big}
                          type="primary"
                          disabled={busy}
                          onClick={() => void run('timer', timerBody('resume'))}
                        >
                          继续
                        </Button>
                        <Button
                          {...big}
                          danger
                          disabled={busy}
                          onClick={() => void run('timer', timerBody('stop'))}
                        >
                          停止计时
                        </Button>
                      </>
                    )
                  ) : null}
                  {cur?.status === 'speaking' && d.timer.stopped ? (
                    <Button {...big} type="primary" disabled={busy} onClick={() => void run('open-scoring')}>
                      开始评分
                    </Button>
                  ) : null}
                  {cur && canAnnounce(cur) ? (
                    <Button
                      {...big}
                      type="primary"
                      disabled={busy}
                      onClick={() => void run('announce', { entryId: cur.entryId })}
                    >
                      公布成绩
                    </Button>
                  ) : null}
                  {d.state === 'running' &&
                  (!cur || ['scored', 'confirmed', 'no_show'].includes(cur.status)) &&
                  next ? (
                    <Button {...big} type="primary" disabled={busy} onClick={() => void run('next')}>
                      请下一位选手
                    </Button>
                  ) : null}
                  {untouched && cur ? (
                    <Button {...big} disabled={busy} onClick={() => setDialog({ kind: 'skip', s: cur })}>
                      登记缺席
                    </Button>
                  ) : null}
                  {d.undo && !d.undo.refusal ? (
                    <Button {...big} disabled={busy} onClick={() => setDialog({ kind: 'undo' })}>
                      撤销
                    </Button>
                  ) : null}
                </Space>
                {d.undo?.refusal ? (
                  <Typography.Text type="secondary" data-testid="undo-refusal">
                    {d.undo.refusal}
                  </Typography.Text>
                ) : null}
                {cur && ['scoring', 'scored', 'confirmed'].includes(cur.status) ? (
                  <JudgeTicks s={cur} />
                ) : null}
                {cur && cur.status === 'scored' && announceAfterConfirm ? (
                  <Typography.Text type="secondary">评委已全部提交，等待监督员确认后公布</Typography.Text>
                ) : null}
              </Flex>
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card>
              <Speaker s={next} label="下一位" />
              {d.state === 'finished' ? (
                <Alert
                  style={{ marginTop: 12 }}
                  type="success"
                  showIcon
                  message="全部选手已完成，等待监督员签字确认"
                />
              ) : null}
            </Card>
          </Col>
        </Row>
      ) : null}

      <ResponsiveTable<LiveSpeakerRow>
        rowKey="entryId"
        columns={columns}
        dataSource={d.speakers}
        pagination={false}
        aria-label="出场顺序"
      />

      <ReasonModal
        open={dialog?.kind === 'skip'}
        title={dialog?.kind === 'skip' ? `登记 ${dialog.s.speakerName} 缺席` : '登记缺席'}
        okText="登记缺席"
        danger
        placeholder="例如：选手因病未到场"
        onClose={() => setDialog(null)}
        onSubmit={(reason) =>
          act.mutateAsync({
            path: 'skip',
            body: { entryId: dialog?.kind === 'skip' ? dialog.s.entryId : '', reason },
          })
        }
      />
      <ReasonModal
        open={dialog?.kind === 'undo'}
        title="撤销上一步"
        okText="撤销"
        description={d.undo?.label}
        placeholder="例如：误按了停止计时"
        onClose={() => setDialog(null)}
        onSubmit={(reason) => act.mutateAsync({ path: 'undo', body: { reason } })}
      />
    </>
  );
}
