import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, List, Table, Typography } from 'antd';
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
  type ScoreLogAction,
  type ScoreLogItem,
  type VerifyResult,
} from '../api.ts';

const actionLabels: Record<ScoreLogAction, string> = { draft: '暂存', submit: '提交', reopen: '重新打开' };

const exports: { kind: ExportKind; label: string }[] = [
  { kind: 'full', label: '导出评分总表' },
  { kind: 'judges', label: '导出评委评分表' },
  { kind: 'summary', label: '导出监督汇总' },
];

function SignoffCard({ detail }: { detail: RoundDetail }) {
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
                  <strong>{s.name}</strong> 于 {formatDateTime(s.at)} 签字确认
                </div>
                {s.comment && <div style={{ whiteSpace: 'pre-wrap' }}>意见：{s.comment}</div>}
                <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
                  签字时评分记录哈希：{s.chainHead.slice(0, 12)}
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
            m.signoff.mutate(comment?.trim() ?? '', {
              onSuccess: () => {
                void message.success('已签字确认');
                form.resetFields();
              },
              onError: (e) => setError(errorText(e)),
            });
          }}
        >
          {open && <Alert type="info" showIcon title="评分截止后才能签字确认" style={{ marginBottom: 8 }} />}
          <Form.Item name="comment" label="意见" rules={[{ max: 1000, message: '意见不能超过 1000 个字' }]}>
            <Input.TextArea
              rows={3}
              maxLength={1000}
              disabled={open}
              placeholder="可不填，例如：评审过程规范，同意评审结果"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" disabled={open} loading={m.signoff.isPending}>
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
      {verify && (
        <Alert
          type={verify.ok ? 'success' : 'error'}
          showIcon
          title={verify.message}
          description={
            <>
              校验时间：{formatDateTime(verify.checkedAt)}；共 {verify.records} 条
              {verify.brokenAt !== null && `；第 ${verify.brokenAt} 条起校验失败`}
              <div style={{ wordBreak: 'break-all' }}>记录链末端哈希：{verify.head}</div>
            </>
          }
          style={{ marginBottom: 12 }}
        />
      )}
      {verifyError && <Alert type="error" showIcon title={verifyError} style={{ marginBottom: 12 }} />}
      {log.error ? (
        <ErrorState error={log.error} onRetry={() => void log.refetch()} />
      ) : (
        <Table<ScoreLogItem>
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
            { title: '编号', dataIndex: 'code', width: 90 },
            { title: '评委', dataIndex: 'judgeName', width: 90 },
            {
              title: '操作',
              key: 'action',
              width: 110,
              render: (_: unknown, x) =>
                x.action === 'reopen' ? `${actionLabels.reopen}（${x.actorName}）` : actionLabels[x.action],
            },
            {
              title: '合计',
              dataIndex: 'total',
              width: 70,
              align: 'right',
              render: (v: string | null) => v ?? '—',
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
      <SignoffCard detail={detail} />
    </>
  );
}
