import { App, Alert, Button, Input, Modal, Space, Typography } from 'antd';
import { CopyOutlined } from '@ant-design/icons';

/** The one-time temporary password: shown once, with a copy button. */
export function TempPasswordModal({
  open,
  username,
  password,
  onClose,
}: {
  open: boolean;
  username: string;
  password: string | null;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const copy = async () => {
    if (!password) return;
    try {
      await navigator.clipboard.writeText(password);
      message.success('已复制临时密码');
    } catch {
      message.warning('浏览器不允许自动复制，请手动选中密码复制');
    }
  };
  return (
    <Modal
      open={open}
      title="临时密码（只显示这一次）"
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose}>
          我已记下
        </Button>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Alert
          type="warning"
          showIcon
          title="请把用户名和临时密码当面或通过安全渠道交给本人。关闭后无法再次查看；对方首次登录时须修改密码。"
        />
        <Typography.Text>
          用户名：<Typography.Text strong>{username}</Typography.Text>
        </Typography.Text>
        <Space.Compact style={{ width: '100%' }}>
          <Input
            readOnly
            value={password ?? ''}
            aria-label="临时密码"
            data-testid="temp-password"
            style={{ fontFamily: 'monospace', fontSize: 16 }}
          />
          <Button icon={<CopyOutlined />} onClick={() => void copy()}>
            复制
          </Button>
        </Space.Compact>
      </Space>
    </Modal>
  );
}
