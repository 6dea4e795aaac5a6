import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Flex, Input, Modal, Space, Tag, Typography } from 'antd';
import { ResponsiveTable } from '../../../components/ResponsiveTable.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BlockLoading, ErrorState } from '../../../components/states.tsx';
import { errorText } from '../../../lib/api.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useSupervision, useSupervisorAction, type LiveSpeakerRow, type Supervision } from '../api.ts';
import { clock } from '../components/LiveTimer.tsx';
import { RehearsalBanner } from '../components/RehearsalBanner.tsx';

/** One speaker: every judge's score as it arrives (named), the dropped ones, the result, confirm. */
function SpeakerCard({
  s,
  d,
  busy,
  onConfirm,
}: {
  s: LiveSpeakerRow;
  d: Supervision;
  busy: boolean;
  onConfirm: () => void;
}) {
  const r = s.result;
  const current = s.entryId === d.currentEntryId;
  return (
    <Card
      size="small"
      data-testid="supervised-speaker"
      title={
        <Space wrap>
          <span>
            {s.position}. {s.speakerName}
          </span>
          <Typography.Text type="secondary">{s.unitName}</Typography.Text>
        </Space>
      }
      extra={
        <Space wrap>
          {current ? <Tag color="processing">当前</Tag> : null}
          <Tag color={s.status === 'confirmed' ? 'success' : 'default'}>{s.statusLabel}</Tag>
        </Space>
      }
      style={current ? { borderColor: '#1677ff' } : undefined}
    >
      {s.status === 'no_show' ? (
        <Typography.Text type="secondary">缺席：{s.skipReason}</Typography.Text>
      ) : (
        <Flex vertical gap={8}>
          {r.judges.length ? (
            // On a phone each judge is a card (the supervisor in the hall may hold one).
            <ResponsiveTable<(typeof r.judges)[number]>
              aria-label={`${s.speakerName}的评委评分`}
              size="small"
              pagination={false}
              rowKey="judgeId"
              dataSource={r.judges}
              scroll={{ x: true }}
              columns={[
                { title: '评委', dataIndex: 'name', card: 'title' },
                ...d.round.criteria.map((c) => ({
                  title: `${c.name}（${c.max}）`,
                  key: c.key,
                  render: (_: unknown, j: (typeof r.judges)[number]) => j.criteria?.[c.key] ?? '—',
                })),
                {
                  title: '总分',
                  key: 'total',
                  card: 'extra',
                  render: (_: unknown, j: (typeof r.judges)[number]) =>
                    j.submitted ? (
                      <span style={j.dropped ? { textDecoration: 'line-through' } : undefined}>
                        {j.total}
                        {j.dropped ? (j.dropped === 'high' ? '（去掉最高分）' : '（去掉最低分）') : ''}
                      </span>
                    ) : (
                      <Tag>未提交</Tag>
                    ),
                },
                {
                  title: '提交时间',
                  key: 'at',
                  render: (_: unknown, j: (typeof r.judges)[number]) => (j.at ? formatDateTime(j.at) : '—'),
                },
              ]}
            />
          ) : null}
          <Typography.Text>
            用时 {r.spokenSeconds === null ? '—' : clock(r.spokenSeconds * 1000)}
            {r.overtimeSeconds ? `，超时 ${r.overtimeSeconds} 秒，扣 ${r.penalty} 分` : ''}
            {r.complete ? `；去分后平均 ${r.average ?? '—'}，最后得分 ` : ''}
            {r.complete ? <strong>{r.score ?? '—'}</strong> : null}
          </Typography.Text>
          {s.status === 'scored' && d.canConfirm ? (
            <Button type="primary" size="large" disabled={busy} onClick={onConfirm}>
              确认该选手成绩
            </Button>
          ) : null}
        </Flex>
      )}
    </Card>
  );
}

/**
 * 监督员页面: every score as it arrives, each speaker's result confirmed one by one, and the sign-off
 * of the whole final (pinning the score log's head). Polls every 1.5 s.
 */
export default function LiveSupervisorPage() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const q = useSupervision(id);
  const act = useSupervisorAction(id);
  const [signing, setSigning] = useState(false);
  const [comment, setComment] = useState('');

  if (q.isPending) return <BlockLoading />;
  if (!q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const run = (path: 'confirm' | 'signoff', body: unknown) => act.mutateAsync({ path, body });

  return (
    <>
      <PageHeader
        title={`监督 · ${d.round.name}`}
        sub={`${d.round.campaignTitle} · 去掉 ${d.round.dropHighest} 个最高分和 ${d.round.dropLowest} 个最低分 · 保留 ${d.round.decimals} 位小数`}
        extra={<Tag color="blue">{d.stateLabel}</Tag>}
      />
      {d.round.rehearsal ? <RehearsalBanner /> : null}
      {d.confirmRefusal ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={`您可以查看评分；${d.confirmRefusal}`}
        />
      ) : null}
      {d.problems.map((p) => (
        <Alert key={p} type="error" showIcon style={{ marginBottom: 12 }} message={p} />
      ))}
      <Flex vertical gap={12}>
        {d.speakers.map((s) => (
          <SpeakerCard
            key={s.entryId}
            s={s}
            d={d}
            busy={act.isPending}
            onConfirm={() =>
              void run('confirm', { entryId: s.entryId }).catch(
                (e: unknown) => void message.error(errorText(e)),
              )
            }
          />
        ))}
        <Card size="small" title="签字确认">
          <Flex vertical gap={8}>
            <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>
              评分记录 {d.records} 条，链头 {d.chainHead}
            </Typography.Text>
            {d.signOff.signed ? (
              <Alert type="success" showIcon message="现场决赛全部成绩已签字确认" />
            ) : d.signOff.allowed ? (
              <Button type="primary" size="large" onClick={() => setSigning(true)}>
                签字确认全部成绩
              </Button>
            ) : (
              <Typography.Text type="secondary">{d.signOff.blockedReason}</Typography.Text>
            )}
          </Flex>
        </Card>
      </Flex>
      <Modal
        open={signing}
        title="签字确认现场决赛全部成绩"
        okText="签字确认"
        cancelText="取消"
        confirmLoading={act.isPending}
        onCancel={() => setSigning(false)}
        onOk={() =>
          run('signoff', { comment: comment.trim(), chainHead: d.chainHead })
            .then(() => {
              setSigning(false);
              void message.success('已签字确认');
            })
            .catch((e: unknown) => void message.error(errorText(e)))
        }
        destroyOnHidden
      >
        <Typography.Paragraph>
          签字将锁定当前评分记录（链头 {d.chainHead.slice(0, 12)}
          …），评分随即截止。此后评分如有变动，签字即失效。
        </Typography.Paragraph>
        <Input.TextArea
          rows={3}
          maxLength={1000}
          placeholder="监督意见（可不填）"
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </Modal>
    </>
  );
}
