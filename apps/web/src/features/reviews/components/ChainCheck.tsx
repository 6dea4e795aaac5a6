import { useState } from 'react';
import { Alert, Button, Card, Collapse, Form, Input, List, Typography } from 'antd';
import { errorText } from '../../../lib/api.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useRoundMutations, type HeadCheck, type VerifyResult } from '../api.ts';

/** The chain check's answer: the message, and every copy of the head it compared with. */
export function VerifyAlert({ verify }: { verify: VerifyResult }) {
  const failed = verify.anchors.filter((a) => !a.ok);
  return (
    <Alert
      type={verify.ok ? 'success' : 'error'}
      showIcon
      title={verify.message}
      description={
        <>
          校验时间：{formatDateTime(verify.checkedAt)}；共 {verify.records} 条
          {verify.brokenAt !== null && `；第 ${verify.brokenAt} 条起校验失败`}
          <div style={{ wordBreak: 'break-all' }}>记录链末端哈希：{verify.head}</div>
          {verify.anchors.length > 0 && (
            <Collapse
              size="small"
              ghost
              style={{ marginTop: 4 }}
              items={[
                {
                  key: 'anchors',
                  label: `另存的链头 ${verify.anchors.length} 处${failed.length ? `，不一致 ${failed.length} 处` : '，全部一致'}`,
                  children: (
                    <List
                      size="small"
                      aria-label="另存的链头"
                      dataSource={verify.anchors}
                      renderItem={(a) => (
                        <List.Item>
                          <div style={{ minWidth: 0, wordBreak: 'break-all' }}>
                            <Typography.Text type={a.ok ? undefined : 'danger'}>
                              {a.ok ? '一致' : '不一致'}：{a.source}
                            </Typography.Text>
                            {a.problem && <div>{a.problem}</div>}
                          </div>
                        </List.Item>
                      )}
                    />
                  ),
                },
              ]}
            />
          )}
        </>
      }
      style={{ marginBottom: 12 }}
    />
  );
}

/**
 * 核对链头: a head copied from a signed paper sheet, the 公示 page or a screenshot. Someone who can
 * write to the database can rewrite every copy inside it; a copy on paper they cannot.
 */
export function HeadCheckCard({
  roundId,
  records,
  head,
}: {
  roundId: string;
  records?: number;
  head?: string;
}) {
  const m = useRoundMutations(roundId);
  const [form] = Form.useForm<{ head: string }>();
  const [result, setResult] = useState<HeadCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <Card size="small" title="核对纸面或截图上的链头哈希" style={{ marginBottom: 12 }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        评分总表、评委评分表、监督汇总的签字处和公示页面都印有评分记录的链头哈希。输入其中一个（至少前 12
        位），系统会告诉您今天的评分记录是否延续了它、它是第几条记录。
      </Typography.Paragraph>
      {head && (
        <Typography.Paragraph style={{ marginBottom: 8, wordBreak: 'break-all' }}>
          当前评分记录：共 {records ?? '—'} 条，链头哈希{' '}
          <Typography.Text code copyable={{ text: head, tooltips: ['复制', '已复制'] }}>
            {head}
          </Typography.Text>
        </Typography.Paragraph>
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={({ head: value }) => {
          setError(null);
          setResult(null);
          m.checkHead.mutate(value.trim(), {
            onSuccess: setResult,
            onError: (e) => setError(errorText(e)),
          });
        }}
      >
        <Form.Item
          name="head"
          label="链头哈希"
          rules={[{ required: true, whitespace: true, message: '请输入纸面或截图上的链头哈希' }]}
        >
          <Input
            autoComplete="off"
            spellCheck={false}
            placeholder="例如：3f9a1c0b7e2d…（0–9、a–f，至少 12 位）"
            style={{ fontFamily: 'monospace' }}
          />
        </Form.Item>
        <Button htmlType="submit" loading={m.checkHead.isPending}>
          核对
        </Button>
      </Form>
      {result && (
        <Alert
          type={result.extends ? 'success' : 'error'}
          showIcon
          title={result.message}
          style={{ marginTop: 8 }}
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
    </Card>
  );
}
