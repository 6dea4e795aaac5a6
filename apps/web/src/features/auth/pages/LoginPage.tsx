import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { api, errorText } from '../../../lib/api.ts';
import { applyIssues } from '../../../lib/forms.ts';
import { useMe, useSetMe, type Me } from '../../../lib/me.ts';
import { safeNext } from '../../../app/guards.tsx';
import { AuthCard } from './AuthCard.tsx';

interface LoginValues {
  login: string;
  password: string;
}

export default function LoginPage() {
  const [form] = Form.useForm<LoginValues>();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const setMe = useSetMe();
  const { data: existing } = useMe();
  const [error, setError] = useState<string | null>(null);
  const signedOut = params.get('signedOut');
  const [busy, setBusy] = useState(false);

  if (existing && !busy)
    return <Navigate to={existing.mustChangePassword ? '/change-password' : next} replace />;

  const onFinish = async (values: LoginValues) => {
    setBusy(true);
    setError(null);
    try {
      const me = await api<Me>('/api/auth/login', { method: 'POST', body: values, noAuthRedirect: true });
      setMe(me);
      void navigate(me.mustChangePassword ? '/change-password' : next, { replace: true });
    } catch (err) {
      applyIssues(form, err);
      setError(errorText(err));
      form.setFieldValue('password', '');
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title="登录">
      {signedOut && !error && (
        <Alert
          type="success"
          showIcon
          title={signedOut === 'all' ? '已在所有设备上退出登录' : '已退出登录'}
          style={{ marginBottom: 16 }}
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} disabled={busy}>
        <Form.Item
          label="用户名或手机号"
          name="login"
          rules={[{ required: true, whitespace: true, message: '请输入用户名或手机号' }]}
        >
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
        </Form.Item>
        <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={busy}>
          登录
        </Button>
      </Form>
      <div style={{ marginTop: 16, textAlign: 'center' }}>
        <Link to="/publicity">查看评审结果公示（无需登录）</Link>
      </div>
    </AuthCard>
  );
}
