import { useState } from 'react';
import { Alert, App, Button, Form, Input, Space } from 'antd';
import { ADMIN_PASSWORD_MIN_LENGTH, ADMIN_ROLES, PASSWORD_MIN_LENGTH } from '@jiangtai/contracts';
import { useNavigate } from 'react-router-dom';
import { ApiError, apiPost, errorText } from '../../../lib/api.ts';
import { applyIssues, passwordRules } from '../../../lib/forms.ts';
import { useCurrentMe, useSetMe, type Me } from '../../../lib/me.ts';
import { AuthCard } from './AuthCard.tsx';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export default function ChangePasswordPage() {
  const me = useCurrentMe();
  const forced = me.mustChangePassword;
  const admin = me.grants.some((g) => ADMIN_ROLES.includes(g.role));
  const minLength = admin ? ADMIN_PASSWORD_MIN_LENGTH : PASSWORD_MIN_LENGTH;
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const setMe = useSetMe();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onFinish = async ({ currentPassword, newPassword }: Values) => {
    setBusy(true);
    setError(null);
    try {
      const updated = await apiPost<Me>('/api/auth/password', { currentPassword, newPassword });
      setMe(updated);
      message.success('密码已修改，其他设备上的登录已失效');
      void navigate('/', { replace: true });
    } catch (err) {
      const unmatched = applyIssues(form, err, ['currentPassword', 'newPassword']);
      const shownBesideFields = err instanceof ApiError && err.issues.length > unmatched.length;
      if (!shownBesideFields) setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const signOut = async () => {
    await apiPost('/api/auth/logout').catch(() => undefined);
    window.location.replace('/login?signedOut=1');
  };

  return (
    <AuthCard title={forced ? '首次登录，请设置新密码' : '修改密码'}>
      {forced && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="为了账号安全，首次登录须先把初始密码（临时密码）改为只有您知道的新密码。"
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={onFinish} disabled={busy}>
        <Form.Item
          label={forced ? '初始密码或临时密码（刚才登录用的密码）' : '当前密码'}
          name="currentPassword"
          rules={[{ required: true, message: '请输入当前密码' }]}
        >
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item
          label="新密码"
          name="newPassword"
          rules={passwordRules({ username: me.username, admin })}
          extra={`至少 ${minLength} 位，须同时包含字母和数字，不能包含用户名，不能是常见密码`}
          hasFeedback
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="再次输入新密码"
          name="confirm"
          dependencies={['newPassword']}
          hasFeedback
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error('两次输入的新密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Button type="primary" htmlType="submit" block loading={busy}>
            确认修改
          </Button>
          {forced ? (
            <Button block type="link" onClick={() => void signOut()}>
              退出登录
            </Button>
          ) : (
            <Button block onClick={() => void navigate(-1)}>
              返回
            </Button>
          )}
        </Space>
      </Form>
    </AuthCard>
  );
}
