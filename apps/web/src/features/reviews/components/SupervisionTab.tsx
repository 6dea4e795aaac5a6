import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, List, Tag, Typography } from 'antd';
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { ErrorState } from '../../../components/states.tsx';
import { errorText } from '../../../lib/api.ts';
import { formatDateTime } from '../../../lib/format.ts';
import {
  exportUrl,
  useRoundMutations,
  useScoreLog,
  useSignoffs,
  type ExportKind,
  type RoundDetail,
  type ScoreLogItem,
  type VerifyResult,
} from '../api.ts';
import { HeadCheckCard, VerifyAlert } from './ChainCheck.tsx';
import { ResponsiveTable } from '../../../components/ResponsiveTable.tsx';

/** Records written by the judge themself; any other author is named next to the action. */
const byJudge = new Set(['draft', 'submit', 'conflict_declared']);

const exports: { kind: ExportKind; label: string }[] = [
  { kind: 'full', label: '导出评分总表' },
  { kind: 'judges', label: '导出评委评分表' },
  { kind: 'summary', label: '导出监督汇总' },
];

/** `seen`: the log head shown on this page; the sign-off is refused if the log moved on since. */
function SignoffCard({ detail, seen }: { detail: RoundDetail; seen?: { head: string; records: number } }) {
  const r = detail.round;
  const { message } = App.useApp();
  const signoffs = useSignoffs(r.id);
  const m = useRoundMutations(r.id);
  const [form] = Form.useForm<{ comment: string }>();
  const [error, setError] = useState<string | null>(null);
  const open = r.state === 'open';
  return (
    <Card size="small" title="监督签字" style={{ marginTop: 16 }}>
      {signoffs.error ? (
        <ErrorState error={signoffs.error} onRetry={() => void signoffs.refetch()} />
      ) : (
        <List
          size="small"
          aria-label="签字记录"
          loading={signoffs.isPending}
          dataSource={signoffs.data?.items ?? []}
          locale={{ emptyText: '还没有监督员签字' }}
          renderItem={(s) => (
            <List.Item>
              <div style={{ minWidth: 0 }}>
                <div>
                  <strong>{s.name}</strong> 于 {formatDateTime(s.at)} 签字确认{' '}
                  {s.current ? <Tag color="green">有效</Tag> : <Tag color="red">已失效</Tag>}
                </div>
                {s.lapsedNote && <Typography.Text type="danger">{s.lapsedNote}</Typography.Text>}
                {s.comment && <div style={{ whiteSpace: 'pre-wrap' }}>意见：{s.comment}</div>}
                <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
                  签字时评分记录{s.records !== null ? `共 ${s.records} 条，` : ''}链头哈希：{s.chainHead}
                </Typography.Text>
              </div>
            </List.Item>
          )}
        />
      )}
      {detail.canSupervise && detail.signOffRefusal && (
        <Alert type="warning" showIcon title={detail.signOffRefusal} style={{ marginTop: 12 }} />
      )}
      {detail.canSupervise && !detail.signOffRefusal && (
        <Form
          form={form}
          layout="vertical"
          style={{ marginTop: 12 }}
          onFinish={({ comment }) => {
            setError(null);
            if (!seen) return;
            m.signoff.mutate(
              { comment: comment?.trim() ?? '', chainHead: seen.head },
              {
                onSuccess: () => {
                  void message.success('已签字确认');
                  form.resetFields();
                },
                onError: (e) => setError(errorText(e)),
              },
            );
          }}
        >
          {open && <Alert type="info" showIcon title="评分截止后才能签字确认" style={{ marginBottom: 8 }} />}
          {seen && (
            <Typography.Paragraph type="secondary" style={{ wordBreak: 'break-all' }}>
              签字确认的是当前评分记录（共 {seen.records} 条，链头哈希 {seen.head}
              ）下的结果；此后评分记录如有变动，签字即失效。
            </Typography.Paragraph>
          )}
          <Form.Item name="comment" label="意见" rules={[{ max: 1000, message: '意见不能超过 1000 个字' }]}>
            <Input.TextArea
              rows={3}
              maxLength={1000}
              disabled={open}
              placeholder="可不填，例如：评审过程规范，同意评审结果"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" disabled={open || !seen} loading={m.signoff.isPending}>
            签字确认
          </Button>
          {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
        </Form>
      )}
    </Card>
  );
}

/** 「监督」: the score log and its hash-chain check, exports and the supervisors' sign-off. */
export function SupervisionTab({ detail }: { detail: RoundDetail }) {
  const r = detail.round;
  const log = useScoreLog(r.id);
  const m = useRoundMutations(r.id);
  const [verify, setVerify] = useState<VerifyResult | null>(null);
  const [verifyError, setVerifyError] = useState<string | null>(null);
  return (
    <>
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Button
          type="primary"
          icon={<SafetyCertificateOutlined />}
          loading={m.verify.isPending}
          onClick={() => {
            setVerifyError(null);
            m.verify.mutate(undefined, {
              onSuccess: (v) => {
                setVerify(v);
                void log.refetch();
              },
              onError: (e) => setVerifyError(errorText(e)),
            });
          }}
        >
          校验评分记录
        </Button>
        {exports.map((x) => (
          <Button key={x.kind} icon={<DownloadOutlined />} href={exportUrl(r.id, x.kind)} download>
            {x.label}
          </Button>
        ))}
      </Flex>
      {verify && <VerifyAlert verify={verify} />}
      {verifyError && <Alert type="error" showIcon title={verifyError} style={{ marginBottom: 12 }} />}
      <HeadCheckCard roundId={r.id} head={log.data?.chainHead} records={log.data?.records} />
      {log.error ? (
        <ErrorState error={log.error} onRetry={() => void log.refetch()} />
      ) : (
        <ResponsiveTable<ScoreLogItem>
          aria-label="评分记录"
          size="small"
          rowKey="seq"
          loading={log.isPending}
          dataSource={log.data?.items ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '还没有评分记录' }}
          columns={[
            { title: '序号', dataIndex: 'seq', width: 60 },
            {
              title: '编号',
              dataIndex: 'code',
              width: 90,
              card: 'extra',
              render: (v: string | null) => v ?? '—',
            },
            { title: '评委', dataIndex: 'judgeName', width: 90, render: (v: string | null) => v ?? '—' },
            {
              title: '操作',
              key: 'action',
              width: 120,
              card: 'title',
              render: (_: unknown, x) =>
                byJudge.has(x.action) ? x.actionLabel : `${x.actionLabel}（${x.actorName}）`,
            },
            {
              title: '合计 / 内容',
              key: 'content',
              width: 220,
              card: 'full',
              render: (_: unknown, x) => x.summary ?? x.total ?? '—',
            },
            { title: '原因', dataIndex: 'reason', width: 180, render: (v: string | null) => v ?? '' },
            { title: '时间', dataIndex: 'at', width: 150, render: (v: string) => formatDateTime(v) },
            {
              title: '哈希前 12 位',
              dataIndex: 'hash',
              width: 130,
              render: (v: string) => <Typography.Text code>{v.slice(0, 12)}</Typography.Text>,
            },
          ]}
        />
      )}
      <SignoffCard
        detail={detail}
        seen={log.data ? { head: log.data.chainHead, records: log.data.records } : undefined}
      />
    </>
  );
}
