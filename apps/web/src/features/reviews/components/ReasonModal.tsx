import type { ReactNode } from 'react';
import { App, Form, Input, Modal } from 'antd';
import { errorText } from '../../../lib/api.ts';
import { applyIssues } from '../../../lib/forms.ts';

/** A change that must be explained: asks for a reason (2–500 characters) and sends it. */
export function ReasonModal({
  open,
  title,
  okText,
  label = '原因',
  placeholder,
  description,
  danger,
  onClose,
  onSubmit,
  successText,
}: {
  open: boolean;
  title: string;
  okText: string;
  label?: string;
  placeholder?: string;
  description?: ReactNode;
  danger?: boolean;
  onClose: () => void;
  /** Resolves when saved; a rejection is shown under the field. */
  onSubmit: (reason: string) => Promise<unknown>;
  successText?: string;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = App.useApp();
  return (
    <Modal
      title={title}
      open={open}
      okText={okText}
      cancelText="取消"
      okButtonProps={{ danger }}
      onCancel={onClose}
      onOk={async () => {
        const { reason } = await form.validateFields();
        try {
          await onSubmit(reason.trim());
          if (successText) void message.success(successText);
          form.resetFields();
          onClose();
        } catch (e) {
          applyIssues(form, e, ['reason']);
          if (form.getFieldError('reason').length === 0)
            form.setFields([{ name: 'reason', errors: [errorText(e)] }]);
        }
      }}
      destroyOnHidden
    >
      {description && <div style={{ marginBottom: 12 }}>{description}</div>}
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={label}
          rules={[
            { required: true, whitespace: true, message: `请写明${label}` },
            { min: 2, message: `请写明${label}（至少 2 个字）` },
            { max: 500, message: `${label}不能超过 500 个字` },
          ]}
        >
          <Input.TextArea rows={4} placeholder={placeholder} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
