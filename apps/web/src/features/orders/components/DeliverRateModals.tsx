import { useCallback } from 'react';
import { Form, Input, InputNumber, Modal, Rate } from 'antd';
import { beijingDate, ORDER_PHOTOS_MAX, type OrderPhoto } from '@jiangtai/contracts';
import { PhotoPicker, photoPrecheck } from '../../../components/uploads/PhotoPicker.tsx';
import { useTusUploads } from '../../../components/uploads/useTusUploads.ts';
import { ApiError, errorText } from '../../../lib/api.ts';
import { applyIssues } from '../../../lib/forms.ts';
import { useOrderStep } from '../api.ts';

/**
 * 登记宣讲: date, attendance, a short account and up to nine photos, each uploaded as soon as it is
 * chosen (purpose order-photo) with its progress; saving waits until they are all up.
 */
export function DeliverModal(props: { orderId: string; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ deliveredOn: string; attendance: number; summary?: string }>();
  const step = useOrderStep(props.orderId);
  const metadata = useCallback(() => ({ purpose: 'order-photo', orderId: props.orderId }), [props.orderId]);
  const photos = useTusUploads<OrderPhoto, 'photo'>({ metadata, precheck: photoPrecheck });
  return (
    <Modal
      title="登记宣讲情况"
      open={props.open}
      okText="保存"
      cancelText="取消"
      okButtonProps={{ loading: step.isPending, disabled: photos.busy }}
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
            {
              action: 'deliver',
              body: { ...v, summary: v.summary ?? '', photoIds: photos.saved.map((p) => p.id) },
            },
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
        <Form.Item label="现场照片（可选）" extra={photos.busy ? '照片上传中，完成后才能保存' : undefined}>
          <PhotoPicker
            items={photos.items}
            onFiles={(files) => photos.add('photo', files)}
            onRemove={photos.remove}
            max={ORDER_PHOTOS_MAX}
            testId="order-photo"
          />
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
