import { App, Form, Input, Modal, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { errorText } from '../../../lib/api.ts';
import { applyIssues } from '../../../lib/forms.ts';
import { useJudgingMutations } from '../api.ts';

/** 声明回避: the entry leaves this judge's queue and goes to another judge of the panel. */
export function ConflictModal({
  roundId,
  code,
  open,
  onClose,
}: {
  roundId: string;
  code: string;
  open: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const m = useJudgingMutations(roundId);
  return (
    <Modal
      title="声明回避"
      open={open}
      okText="确认回避"
      cancelText="取消"
      okButtonProps={{ danger: true, loading: m.conflict.isPending }}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        如您与该作品存在利害关系（例如认识宣讲人、同一单位等），请声明回避。回避后该作品将改由其他评委评审，您对它的评分不再计入。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={({ reason }) =>
          m.conflict.mutate(
            { code, reason: reason.trim() },
            {
              onSuccess: (out) => {
                void message.success(out.message);
                onClose();
                void navigate(`/judging/${roundId}`, { replace: true });
              },
              onError: (e) => {
                const unmatched = applyIssues(form, e, ['reason']);
                if (unmatched.length || form.getFieldError('reason').length === 0)
                  form.setFields([{ name: 'reason', errors: [errorText(e)] }]);
              },
            },
          )
        }
      >
        <Form.Item
          name="reason"
          label="回避原因"
          rules={[
            { required: true, whitespace: true, message: '请写明回避原因' },
            { min: 2, message: '请写明回避原因（至少 2 个字）' },
            { max: 500, message: '原因不能超过 500 个字' },
          ]}
        >
          <Input.TextArea rows={3} placeholder="例如：与宣讲人同在一个支部" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
