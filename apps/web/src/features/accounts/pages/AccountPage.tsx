import { useState } from 'react';
import { App, Button, Card, Descriptions, Popconfirm, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { roleLabels } from '@jiangtai/contracts';
import { errorText } from '../../../lib/api.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useCurrentMe, type Grant } from '../../../lib/me.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BlockLoading, EmptyState, ErrorState } from '../../../components/states.tsx';
import { TempPasswordModal } from '../../../components/TempPasswordModal.tsx';
import { useAccount, useAccountMutations, type Account } from '../api.ts';
import { AccountStatus } from '../components/AccountStatus.tsx';
import { AddGrantForm } from '../components/AddGrantForm.tsx';
import { RenameButton } from '../components/RenameButton.tsx';
import { ResponsiveTable } from '../../../components/ResponsiveTable.tsx';

export default function AccountPage() {
  const { id = '' } = useParams();
  const me = useCurrentMe();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const { data: account, error, isPending, refetch } = useAccount(id);
  const m = useAccountMutations(id);
  const [tempPassword, setTempPassword] = useState<string | null>(null);
  const self = account?.id === me.userId;

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/accounts')}>
      返回列表
    </Button>
  );
  if (isPending) return <BlockLoading rows={8} />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;

  const toggleActive = () => {
    const next = !account.active;
    modal.confirm({
      title: next ? `启用账号「${account.displayName}」？` : `停用账号「${account.displayName}」？`,
      content: next
        ? '启用后此人可以重新登录。'
        : '停用后此人立即无法登录，已登录的设备也会退出。可以随时重新启用。',
      okText: next ? '启用' : '停用',
      okButtonProps: { danger: !next },
      cancelText: '取消',
      onOk: async () => {
        try {
          await m.update.mutateAsync({ active: next });
          message.success(next ? '账号已启用' : '账号已停用');
        } catch (err) {
          message.error(errorText(err));
        }
      },
    });
  };

  const resetPassword = async () => {
    try {
      const res = await m.resetPassword.mutateAsync();
      setTempPassword(res.temporaryPassword);
    } catch (err) {
      message.error(errorText(err));
    }
  };

  const removeGrant = async (g: Grant) => {
    try {
      await m.removeGrant.mutateAsync(g.id);
      message.success(`已撤销「${roleLabels[g.role]} · ${g.orgName}」`);
    } catch (err) {
      message.error(errorText(err));
    }
  };

  return (
    <>
      <PageHeader
        title={account.displayName}
        sub={`用户名 ${account.username}`}
        extra={
          <>
            {back}
            {!self && !account.can?.edit && account.can?.blockedReason && (
              <Typography.Text type="secondary" data-testid="account-blocked">
                {account.can.blockedReason}
              </Typography.Text>
            )}
            {!self && account.can?.edit && (
              <>
                <RenameButton
                  current={account.displayName}
                  onSave={(displayName) => m.update.mutateAsync({ displayName })}
                />
                <Button danger={account.active} onClick={toggleActive}>
                  {account.active ? '停用账号' : '启用账号'}
                </Button>
                {account.can.resetPassword && (
                  <Popconfirm
                    title="重置密码？"
                    description="将生成新的临时密码，原密码立即失效，此人须用临时密码登录后重新设置。"
                    okText="重置"
                    cancelText="取消"
                    onConfirm={() => resetPassword()}
                  >
                    <Button loading={m.resetPassword.isPending}>重置密码</Button>
                  </Popconfirm>
                )}
              </>
            )}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions
          column={{ xs: 1, sm: 2, lg: 3 }}
          size="small"
          items={[
            { key: 'username', label: '用户名', children: account.username },
            { key: 'name', label: '姓名', children: account.displayName },
            { key: 'phone', label: '手机号', children: account.phone ?? '—' },
            { key: 'status', label: '状态', children: <AccountStatus account={account} /> },
            { key: 'created', label: '开通时间', children: formatDateTime(account.createdAt) },
            {
              key: 'member',
              label: '关联党员',
              children: account.memberId ? <Tag>党员 #{account.memberId}</Tag> : '未关联',
            },
          ]}
        />
      </Card>
      <Card size="small" title="角色">
        <ResponsiveTable<Grant>
          data-testid="grant-table"
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={account.grants}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: <EmptyState text="此账号还没有任何角色，登录后看不到任何内容。请在下方授予角色。" />,
          }}
          columns={[
            { title: '角色', dataIndex: 'role', render: (r: Grant['role']) => roleLabels[r] },
            { title: '组织', dataIndex: 'orgName' },
            {
              title: '操作',
              key: 'actions',
              width: 90,
              render: (_: unknown, g: Account['grants'][number]) =>
                !g.canRevoke ? null : (
                  <Popconfirm
                    title={`撤销「${roleLabels[g.role]} · ${g.orgName}」？`}
                    okText="撤销"
                    cancelText="取消"
                    okButtonProps={{ danger: true }}
                    onConfirm={() => removeGrant(g)}
                  >
                    <Button type="link" danger size="small">
                      撤销
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
        {!self && (
          <Space orientation="vertical" style={{ width: '100%', marginTop: 12 }}>
            <AddGrantForm onAdd={(grant) => m.addGrant.mutateAsync(grant)} pending={m.addGrant.isPending} />
          </Space>
        )}
      </Card>
      <TempPasswordModal
        open={!!tempPassword}
        username={account.username}
        password={tempPassword}
        onClose={() => setTempPassword(null)}
      />
    </>
  );
}
