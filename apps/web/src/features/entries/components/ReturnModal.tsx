import { App, Form, Input, Modal, Typography } from 'antd';
import { applyIssues } from '../../../lib/forms.ts';
import { errorText } from '../../../lib/api.ts';
import { useEntryMutations } from '../api.ts';

/** The unit admin returns an entry; the reason is shown to the speaker and kept in the history. */
export function ReturnModal({
  entryId,
  open,
  onClose,
}: {
  entryId: string;
  open: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = App.useApp();
  const m = useEntryMutations();
  return (
    <Modal
      title="退回作品"
      open={open}
      okText="退回"
      cancelText="取消"
      okButtonProps={{ danger: true, loading: m.return.isPending }}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={({ reason }) =>
          m.return.mutate(
            { id: entryId, reason },
            {
              onSuccess: () => {
                void message.success('已退回，宣讲人可修改后再次提交');
                form.resetFields();
                onClose();
              },
              onError: (e) => {
                if (!applyIssues(form, e).length && !(form.getFieldError('reason').length > 0))
                  form.setFields([{ name: 'reason', errors: [errorText(e)] }]);
              },
            },
          )
        }
      >
        <Form.Item
          name="reason"
          label="退回原因"
          rules={[
            { required: true, whitespace: true, message: '请写明退回原因，方便宣讲人修改' },
            { min: 2, message: '请写明退回原因，方便宣讲人修改' },
            { max: 500, message: '退回原因不能超过 500 个字' },
          ]}
        >
          <Input.TextArea rows={4} placeholder="例如：讲稿提纲过于简单，请补充主要观点" />
        </Form.Item>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          如作品正在评审中，退回后将标为「已退赛」，评委不再评分，不参加排名和晋级；再次提交后也不会回到这一轮评审。
        </Typography.Paragraph>
      </Form>
    </Modal>
  );
}
