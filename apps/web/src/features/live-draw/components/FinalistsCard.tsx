import { useState } from 'react';
import { App, Button, Card, Form, Input, List, Modal, Typography } from 'antd';
import type { DrawFinalist, DrawView } from '@jiangtai/contracts';
import { errorText } from '../../../lib/api.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useDrawMutations } from '../api.ts';
import { WithdrawnNote } from './OrderList.tsx';

/** A finalist leaves before the commitment, with a reason (afterwards the list is fixed). */
function WithdrawButton({ roundId, finalist }: { roundId: string; finalist: DrawFinalist }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = App.useApp();
  const { withdraw } = useDrawMutations(roundId);
  return (
    <>
      <Button size="small" danger onClick={() => setOpen(true)}>
        退出
      </Button>
      <Modal
        open={open}
        title={`${finalist.speakerName} 退出决赛`}
        okText="确认退出"
        okButtonProps={{ danger: true, loading: withdraw.isPending }}
        cancelText="取消"
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          退出后不参加抽签和决赛，本轮的评分记录中会记下退出的时间和原因。抽签承诺值公布后名单即确定，不能再退出。
        </Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          onFinish={({ reason }) =>
            withdraw.mutate(
              { entryId: finalist.entryId, reason: reason.trim() },
              {
                onSuccess: () => {
                  setOpen(false);
                  void message.success(`${finalist.speakerName} 已退出决赛`);
                },
                onError: (e) => void message.error(errorText(e)),
              },
            )
          }
        >
          <Form.Item
            name="reason"
            label="退出原因"
            rules={[
              { required: true, whitespace: true, message: '请填写退出原因' },
              { min: 2, message: '请写明退出原因（至少 2 个字）' },
              { max: 500, message: '原因不能超过 500 个字' },
            ]}
          >
            <Input.TextArea
              rows={3}
              maxLength={500}
              showCount
              placeholder="例如：因病无法参加决赛（本人书面申请）"
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** The finalists: before the commitment the list that will be published, afterwards the published one. */
export function FinalistsCard({ view, canWithdraw }: { view: DrawView; canWithdraw: boolean }) {
  const withdrawn = new Map((view.record?.withdrawn ?? []).map((w) => [w.entryId, w]));
  return (
    <Card
      size="small"
      title={`决赛选手（${view.finalists.length} 名）`}
      style={{ marginBottom: 12 }}
      extra={
        view.status === 'none' ? (
          <Typography.Text type="secondary">按作品编号排列</Typography.Text>
        ) : (
          <Typography.Text type="secondary">已随承诺值公布</Typography.Text>
        )
      }
    >
      <List
        size="small"
        dataSource={view.finalists}
        renderItem={(f, i) => (
          <List.Item
            actions={canWithdraw ? [<WithdrawButton key="w" roundId={view.roundId} finalist={f} />] : []}
          >
            <List.Item.Meta
              title={`${i + 1}. ${f.speakerName}（${f.unitName}）`}
              description={
                <>
                  《{f.title}》 · 作品编号 {f.entryId}
                  {withdrawn.has(f.entryId) ? (
                    <div>
                      <WithdrawnNote w={withdrawn.get(f.entryId)!} />
                    </div>
                  ) : null}
                </>
              }
            />
          </List.Item>
        )}
      />
      {view.departed.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 12 }}>
            已退出本轮
          </Typography.Title>
          <List
            size="small"
            dataSource={view.departed}
            renderItem={(d) => (
              <List.Item>
                <List.Item.Meta
                  title={`${d.speakerName}《${d.title}》`}
                  description={`${formatDateTime(d.at)} · ${d.reason ?? '未写明原因'}`}
                />
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}
