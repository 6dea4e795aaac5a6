import { useState } from 'react';
import { App, Button, Form, Input, Modal } from 'antd';
import { errorText } from '../../../lib/api.ts';
import { applyIssues } from '../../../lib/forms.ts';

export function RenameButton({
  current,
  onSave,
}: {
  current: string;
  onSave: (displayName: string) => Promise<unknown>;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ displayName: string }>();
  const { message } = App.useApp();
  const onFinish = async ({ displayName }: { displayName: string }) => {
    setBusy(true);
    try {
      await onSave(displayName.trim());
      message.success('姓名已修改');
      setOpen(false);
    } catch (err) {
      applyIssues(form, err);
      message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button onClick={() => setOpen(true)}>修改姓名</Button>
      <Modal
        open={open}
        title="修改姓名"
        okText="保存"
        cancelText="取消"
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ displayName: current }}
          onFinish={onFinish}
          preserve={false}
        >
          <Form.Item
            label="姓名"
            name="displayName"
            rules={[
              { required: true, whitespace: true, message: '请输入姓名' },
              { max: 50, message: '姓名不能超过 50 字' },
            ]}
          >
            <Input autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
