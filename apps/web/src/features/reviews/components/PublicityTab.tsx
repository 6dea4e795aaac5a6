import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Radio, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { objectionOutcomeLabels } from '@jiangtai/contracts';
import { EmptyState, ErrorState } from '../../../components/states.tsx';
import { errorText } from '../../../lib/api.ts';
import { applyIssues } from '../../../lib/forms.ts';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import { useObjections, useRoundMutations, type Objection, type RoundDetail } from '../api.ts';
import { ResponsiveTable } from '../../../components/ResponsiveTable.tsx';

interface AnswerValues {
  outcome: 'upheld' | 'dismissed';
  reason: string;
}

function AnswerModal({
  roundId,
  objection,
  onClose,
}: {
  roundId: string;
  objection: Objection;
  onClose: () => void;
}) {
  const [form] = Form.useForm<AnswerValues>();
  const { message } = App.useApp();
  const m = useRoundMutations(roundId);
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      open
      title="答复异议"
      okText="提交答复"
      cancelText="取消"
      okButtonProps={{ loading: m.answerObjection.isPending }}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph>
        <Typography.Text type="secondary">异议内容：</Typography.Text>
        {objection.content}
      </Typography.Paragraph>
      <Form<AnswerValues>
        form={form}
        layout="vertical"
        onFinish={(v) => {
          setError(null);
          m.answerObjection.mutate(
            { objectionId: objection.id, outcome: v.outcome, reason: v.reason.trim() },
            {
              onSuccess: () => {
                void message.success('已答复');
                onClose();
              },
              onError: (e) => {
                applyIssues(form, e, ['outcome', 'reason']);
                setError(errorText(e));
              },
            },
          );
        }}
      >
        <Form.Item
          name="outcome"
          label="处理结果"
          rules={[{ required: true, message: '请选择异议处理结果' }]}
        >
          <Radio.Group
            options={[
              { value: 'upheld', label: objectionOutcomeLabels.upheld },
              { value: 'dismissed', label: objectionOutcomeLabels.dismissed },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label="答复理由"
          rules={[
            { required: true, whitespace: true, message: '请写明答复理由' },
            { min: 2, message: '请写明答复理由（至少 2 个字）' },
            { max: 500, message: '答复理由不能超过 500 个字' },
          ]}
        >
          <Input.TextArea
            rows={4}
            maxLength={500}
            showCount
            placeholder="写明核实情况和处理意见，提出人可以看到"
          />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}

/** 「公示与异议」: link to the public notice and the objections with their answers. */
export function PublicityTab({ detail }: { detail: RoundDetail }) {
  const r = detail.round;
  const published = r.state === 'publicised' || r.state === 'final';
  const objections = useObjections(r.id, published);
  const [answering, setAnswering] = useState<Objection | null>(null);
  if (!published) return <EmptyState text="确认晋级名单并发布公示后，在这里查看公示和处理异议" />;
  const canAnswer = detail.canManage && r.state === 'publicised';
  return (
    <>
      <Space orientation="vertical" style={{ marginBottom: 12 }}>
        <Typography.Text>
          公示发布于 {formatDateTime(r.publishedAt)}，公示期到 {formatDate(r.noticeEndsOn)}（
          {r.config.noticeWorkingDays} 个工作日）。
        </Typography.Text>
        {r.noticeCode && <Link to={`/publicity/${r.noticeCode}`}>查看公示页面（公开，无需登录）</Link>}
      </Space>
      {objections.error ? (
        <ErrorState error={objections.error} onRetry={() => void objections.refetch()} />
      ) : (
        <ResponsiveTable<Objection>
          aria-label="异议"
          size="small"
          rowKey="id"
          loading={objections.isPending}
          dataSource={objections.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '没有收到异议' }}
          columns={[
            {
              title: '异议内容',
              dataIndex: 'content',
              width: 260,
              card: 'full',
              render: (v: string) => <div style={{ whiteSpace: 'pre-wrap' }}>{v}</div>,
            },
            {
              title: '涉及作品',
              dataIndex: 'entryTitle',
              width: 160,
              card: 'title',
              render: (v: string | null) => v ?? '（未指定）',
            },
            {
              title: '联系人',
              key: 'contact',
              width: 130,
              render: (_: unknown, o) => (
                <>
                  <div>{o.contactName}</div>
                  <Typography.Text type="secondary">{o.contactPhone}</Typography.Text>
                </>
              ),
            },
            {
              title: '提出时间',
              dataIndex: 'lodgedAt',
              width: 150,
              render: (v: string) => formatDateTime(v),
            },
            {
              title: '处理结果',
              key: 'outcome',
              width: 240,
              render: (_: unknown, o) => (
                <>
                  <Tag color={o.outcome === 'upheld' ? 'red' : o.outcome === 'dismissed' ? 'green' : 'gold'}>
                    {o.outcomeLabel}
                  </Tag>
                  {o.answer && <div>{o.answer}</div>}
                  {o.answeredAt && (
                    <Typography.Text type="secondary">{formatDateTime(o.answeredAt)}</Typography.Text>
                  )}
                </>
              ),
            },
            ...(canAnswer
              ? [
                  {
                    title: '操作',
                    key: 'actions',
                    width: 80,
                    render: (_: unknown, o: Objection) =>
                      o.outcome ? null : (
                        <Button size="small" type="primary" onClick={() => setAnswering(o)}>
                          答复
                        </Button>
                      ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {answering && <AnswerModal roundId={r.id} objection={answering} onClose={() => setAnswering(null)} />}
    </>
  );
}
