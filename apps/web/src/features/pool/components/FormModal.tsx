import type { ReactNode } from 'react';
import { App, Form, Modal, type FormInstance } from 'antd';
import { errorText } from '../../../lib/api.ts';
import { applyIssues } from '../../../lib/forms.ts';

/** A modal form that sends its values; field problems from the server show beside the fields. */
export function FormModal<T extends object>({
  open,
  title,
  okText,
  initialValues,
  onClose,
  onSubmit,
  successText,
  children,
}: {
  open: boolean;
  title: string;
  okText: string;
  initialValues?: Partial<T>;
  onClose: () => void;
  onSubmit: (values: T, form: FormInstance<T>) => Promise<unknown>;
  successText: string;
  children: ReactNode;
}) {
  const [form] = Form.useForm<T>();
  const { message } = App.useApp();
  return (
    <Modal
      title={title}
      open={open}
      okText={okText}
      cancelText="取消"
      onCancel={onClose}
      destroyOnHidden
      onOk={async () => {
        const values = await form.validateFields();
        try {
          await onSubmit(values, form);
          void message.success(successText);
          onClose();
        } catch (e) {
          const unmatched = applyIssues(form, e);
          if (unmatched.length > 0 || !form.getFieldsError().some((f) => f.errors.length > 0))
            void message.error(errorText(e));
        }
      }}
    >
      <Form form={form} layout="vertical" initialValues={initialValues} preserve={false}>
        {children}
      </Form>
    </Modal>
  );
}
