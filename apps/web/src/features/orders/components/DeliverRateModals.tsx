import { Form, Input, InputNumber, Modal, Rate } from 'antd';
import { beijingDate } from '@jiangtai/contracts';
import { ApiError, errorText } from '../../../lib/api.ts';
import { applyIssues } from '../../../lib/forms.ts';
import { useOrderStep } from '../api.ts';

/** 登记宣讲: date, attendance and a short account (photos are recorded in 宣讲记录, not here). */
export function DeliverModal(props: { orderId: string; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ deliveredOn: string; attendance: number; summary?: string }>();
  const step = useOrderStep(props.orderId);
  return (
    <Modal
      title="登记宣讲情况"
      open={props.open}
      okText="保存"
      cancelText="取消"
      okButtonProps={{ loading: step.isPending }}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ deliveredOn: beijingDate(new Date()) }}
        onFinish={(v) =>
          step.mutate(
            { action: 'deliver', body: { ...v, summary: v.summary ?? '' } },
            {
              onSuccess: props.onClose,
              onError: (e) => {
                if (!(e instanceof ApiError && applyIssues(form, e)))
                  form.setFields([{ name: 'deliveredOn', errors: [errorText(e)] }]);
              },
            },
          )
        }
      >
        <Form.Item
          name="deliveredOn"
          label="宣讲日期"
          rules={[{ required: true, message: '请填写宣讲日期' }]}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item name="attendance" label="参加人数" rules={[{ required: true, message: '请填写参加人数' }]}>
          <InputNumber min={1} max={100000} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="summary" label="情况简述（可选）">
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 评单: 1–5 stars on content and on delivery, and a comment. */
export function RateModal(props: { orderId: string; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ content: number; delivery: number; comment?: string }>();
  const step = useOrderStep(props.orderId);
  return (
    <Modal
      title="评价这次宣讲"
      open={props.open}
      okText="提交评价"
      cancelText="取消"
      okButtonProps={{ loading: step.isPending }}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          step.mutate(
            { action: 'rate', body: { ...v, comment: v.comment ?? '' } },
            {
              onSuccess: props.onClose,
              onError: (e) => form.setFields([{ name: 'comment', errors: [errorText(e)] }]),
            },
          )
        }
      >
        <Form.Item name="content" label="内容" rules={[{ required: true, message: '请为内容打分' }]}>
          <Rate aria-label="内容评分" />
        </Form.Item>
        <Form.Item name="delivery" label="讲授" rules={[{ required: true, message: '请为讲授打分' }]}>
          <Rate aria-label="讲授评分" />
        </Form.Item>
        <Form.Item name="comment" label="评价（可选）">
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
