import { Form, Input, Modal } from 'antd';
import { errorText } from '../../../lib/api.ts';

/** Asks for a reason (returning or deleting a record), then runs `onOk`; errors stay beside the field. */
export function ReasonModal(props: {
  title: string;
  okText: string;
  label: string;
  placeholder?: string;
  required: boolean;
  open: boolean;
  loading: boolean;
  onClose: () => void;
  onOk: (reason: string) => Promise<unknown>;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      title={props.title}
      open={props.open}
      okText={props.okText}
      cancelText="取消"
      okButtonProps={{ danger: true, loading: props.loading }}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={({ reason }) =>
          void props
            .onOk(reason ?? '')
            .then(() => {
              form.resetFields();
              props.onClose();
            })
            .catch((e: unknown) => form.setFields([{ name: 'reason', errors: [errorText(e)] }]))
        }
      >
        <Form.Item
          name="reason"
          label={props.label}
          rules={[
            ...(props.required
              ? [{ required: true, whitespace: true, message: `请填写${props.label}` }]
              : []),
            { max: 300, message: `${props.label}最多 300 个字` },
          ]}
        >
          <Input.TextArea rows={3} placeholder={props.placeholder} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
