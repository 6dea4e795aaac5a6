import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { roleLabels, type RoleName } from '@jiangtai/contracts';
import { ApiError, errorText } from '../../../lib/api.ts';
import { applyIssues } from '../../../lib/forms.ts';
import { useCurrentMe } from '../../../lib/me.ts';
import { OrgSearchSelect } from '../../../components/OrgSearchSelect.tsx';
import { TempPasswordModal } from '../../../components/TempPasswordModal.tsx';
import { grantableRoles, useCreateAccount, type NewAccount } from '../api.ts';

interface Values {
  username: string;
  displayName: string;
  phone?: string;
  grants: { role?: RoleName; orgId?: string }[];
}

export function CreateAccountModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const me = useCurrentMe();
  const [form] = Form.useForm<Values>();
  const create = useCreateAccount();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [summary, setSummary] = useState<string | null>(null);
  const [created, setCreated] = useState<{ id: string; username: string; password: string } | null>(null);
  const roleOptions = grantableRoles(me).map((r) => ({ value: r, label: roleLabels[r] }));

  const onFinish = async (values: Values) => {
    setSummary(null);
    const body: NewAccount = {
      username: values.username.trim(),
      displayName: values.displayName.trim(),
      phone: values.phone?.trim() ? values.phone.trim() : null,
      grants: values.grants.map((g) => ({ role: g.role as RoleName, orgId: g.orgId as string })),
    };
    try {
      const res = await create.mutateAsync(body);
      message.success(`已新建账号「${res.account.displayName}」`);
      setCreated({ id: res.account.id, username: res.account.username, password: res.temporaryPassword });
      form.resetFields();
      onClose();
    } catch (err) {
      const unmatched = applyIssues(form, err, ['username', 'displayName', 'phone', 'grants']);
      if (!(err instanceof ApiError) || err.issues.length === 0 || unmatched.length > 0)
        setSummary(errorText(err));
    }
  };

  return (
    <>
      <Modal
        open={open}
        title="新建账号"
        okText="新建"
        cancelText="取消"
        onCancel={onClose}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        {summary && <Alert type="error" showIcon title={summary} style={{ marginBottom: 12 }} />}
        <Form
          form={form}
          layout="vertical"
          onFinish={onFinish}
          initialValues={{ grants: [{}] }}
          preserve={false}
        >
          <Form.Item
            label="用户名"
            name="username"
            extra="3–32 位字母、数字或 _.-，以字母开头；登录时使用"
            rules={[
              { required: true, message: '请输入用户名' },
              {
                pattern: /^[A-Za-z][A-Za-z0-9_.-]{2,31}$/,
                message: '用户名为 3–32 位字母、数字或 _.-，以字母开头',
              },
            ]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item
            label="姓名"
            name="displayName"
            rules={[
              { required: true, whitespace: true, message: '请输入姓名' },
              { max: 50, message: '姓名不能超过 50 字' },
            ]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            label="手机号"
            name="phone"
            extra="选填；填写后可用手机号登录"
            rules={[{ pattern: /^1[3-9]\d{9}$/, message: '手机号应为 11 位数字，以 1 开头' }]}
          >
            <Input inputMode="numeric" maxLength={11} />
          </Form.Item>
          <Form.List name="grants">
            {(fields, { add, remove }, { errors }) => (
              <Form.Item label="角色与所属组织" required>
                {fields.map((field, i) => (
                  <Space key={field.key} align="start" wrap style={{ display: 'flex', marginBottom: 4 }}>
                    <Form.Item
                      name={[field.name, 'role']}
                      rules={[{ required: true, message: '请选择角色' }]}
                      style={{ marginBottom: 4 }}
                    >
                      <Select
                        aria-label={`第 ${i + 1} 个角色`}
                        placeholder="角色"
                        options={roleOptions}
                        style={{ width: 140 }}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'orgId']}
                      rules={[{ required: true, message: '请选择组织' }]}
                      style={{ marginBottom: 4 }}
                    >
                      <OrgSearchSelect aria-label={`第 ${i + 1} 个角色的组织`} style={{ width: 220 }} />
                    </Form.Item>
                    {fields.length > 1 && (
                      <Button
                        type="text"
                        aria-label="删除此角色"
                        icon={<MinusCircleOutlined />}
                        onClick={() => remove(field.name)}
                      />
                    )}
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                  再授予一个角色
                </Button>
                <Form.ErrorList errors={errors} />
              </Form.Item>
            )}
          </Form.List>
        </Form>
      </Modal>
      <TempPasswordModal
        open={!!created}
        username={created?.username ?? ''}
        password={created?.password ?? null}
        onClose={() => {
          const id = created?.id;
          setCreated(null);
          if (id) void navigate(`/accounts/${id}`);
        }}
      />
    </>
  );
}
