import { App, Button, Dropdown, type MenuProps } from 'antd';
import { DownOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { roleLabels } from '@jiangtai/contracts';
import { apiPost, errorText, setCsrfToken } from '../lib/api.ts';
import { useCurrentMe } from '../lib/me.ts';

export function UserMenu({ compact }: { compact: boolean }) {
  const me = useCurrentMe();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();

  const signOut = async (everywhere: boolean) => {
    try {
      await apiPost(everywhere ? '/api/auth/logout-all' : '/api/auth/logout');
    } catch (err) {
      message.error(errorText(err));
      return;
    }
    // A full reload drops everything this session had in memory.
    setCsrfToken(null);
    window.location.replace(everywhere ? '/login?signedOut=all' : '/login?signedOut=1');
  };

  const roles = [...new Set(me.grants.map((g) => roleLabels[g.role]))].join('、') || '无角色';
  const items: MenuProps['items'] = [
    { key: 'who', label: `${me.displayName}（${roles}）`, disabled: true },
    { type: 'divider' },
    { key: 'password', label: '修改密码' },
    { key: 'logout', label: '退出登录' },
    { key: 'logout-all', label: '在所有设备上退出' },
  ];
  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') void navigate('/change-password');
    if (key === 'logout') void signOut(false);
    if (key === 'logout-all') {
      modal.confirm({
        title: '在所有设备上退出？',
        content: '您在手机、电脑等所有设备上的登录都将失效，需要重新登录。',
        okText: '全部退出',
        cancelText: '取消',
        onOk: () => signOut(true),
      });
    }
  };
  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']}>
      <Button
        type="text"
        aria-label={compact ? '用户菜单' : `${me.displayName} 用户菜单`}
        style={{ color: '#fff' }}
      >
        <UserOutlined />
        {!compact && (
          <span style={{ maxWidth: 160, overflow: 'hidden', textOverflow: 'ellipsis' }}>
            {me.displayName}
          </span>
        )}
        <DownOutlined style={{ fontSize: 10 }} />
      </Button>
    </Dropdown>
  );
}
