import { App, Button, Form, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { roleLabels, type RoleName } from '@jiangtai/contracts';
import { ApiError, errorText } from '../../../lib/api.ts';
import { applyIssues } from '../../../lib/forms.ts';
import { useCurrentMe } from '../../../lib/me.ts';
import { OrgSearchSelect } from '../../../components/OrgSearchSelect.tsx';
import { grantableRoles } from '../api.ts';

interface Values {
  role: RoleName;
  orgId: string;
}

export function AddGrantForm({
  onAdd,
  pending,
}: {
  onAdd: (g: Values) => Promise<unknown>;
  pending: boolean;
}) {
  const me = useCurrentMe();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const onFinish = async (values: Values) => {
    try {
      await onAdd(values);
      message.success(`已授予「${roleLabels[values.role]}」`);
      form.resetFields();
    } catch (err) {
      applyIssues(form, err);
      if (!(err instanceof ApiError && err.issues.length > 0)) message.error(errorText(err));
    }
  };
  return (
    <Form form={form} layout="inline" onFinish={onFinish} style={{ rowGap: 8 }} aria-label="授予角色">
      <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
        <Select
          placeholder="选择角色"
          options={grantableRoles(me).map((r) => ({ value: r, label: roleLabels[r] }))}
          style={{ width: 140 }}
        />
      </Form.Item>
      <Form.Item name="orgId" label="组织" rules={[{ required: true, message: '请选择组织' }]}>
        <OrgSearchSelect style={{ width: 240, maxWidth: '70vw' }} />
      </Form.Item>
      <Form.Item>
        <Button htmlType="submit" icon={<PlusOutlined />} loading={pending}>
          授予角色
        </Button>
      </Form.Item>
    </Form>
  );
}
