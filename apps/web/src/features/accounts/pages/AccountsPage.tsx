import { useState } from 'react';
import { Button, Card, Flex, Input, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { roleLabels, roleNames, type RoleName } from '@jiangtai/contracts';
import { useDebounced } from '../../../lib/useDebounced.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { EmptyState, ErrorState } from '../../../components/states.tsx';
import { useAccounts, type Account } from '../api.ts';
import { AccountStatus, GrantTags } from '../components/AccountStatus.tsx';
import { CreateAccountModal } from '../components/CreateAccountModal.tsx';
import { ResponsiveTable, type ResponsiveColumn } from '../../../components/ResponsiveTable.tsx';

export default function AccountsPage() {
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<RoleName | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [creating, setCreating] = useState(false);
  const term = useDebounced(q.trim(), 300);
  const { data, error, isFetching, refetch } = useAccounts({ q: term, role, page, pageSize });

  const columns: ResponsiveColumn<Account>[] = [
    {
      title: '姓名',
      dataIndex: 'displayName',
      width: 110,
      render: (v: string, r) => <Link to={`/accounts/${r.id}`}>{v}</Link>,
    },
    { title: '用户名', dataIndex: 'username', width: 130 },
    { title: '手机号', dataIndex: 'phone', width: 130, render: (v: string | null) => v ?? '—' },
    { title: '角色', dataIndex: 'grants', render: (_: unknown, r) => <GrantTags grants={r.grants} /> },
    {
      title: '状态',
      key: 'status',
      width: 220,
      card: 'full',
      render: (_: unknown, r) => <AccountStatus account={r} />,
    },
  ];

  return (
    <>
      <PageHeader
        title="账号管理"
        sub="为管理员、组织者、评委、监督员和党员开通账号并授予角色。"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建账号
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex wrap="wrap" gap={8}>
          <Input.Search
            allowClear
            aria-label="搜索账号"
            placeholder="姓名、用户名或手机号"
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              setPage(1);
            }}
            style={{ width: 260, maxWidth: '100%' }}
          />
          <Select<RoleName>
            allowClear
            aria-label="角色"
            placeholder="全部角色"
            value={role}
            onChange={(v) => {
              setRole(v);
              setPage(1);
            }}
            options={roleNames.map((r) => ({ value: r, label: roleLabels[r] }))}
            style={{ width: 160 }}
          />
        </Flex>
      </Card>
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <Card size="small">
          <ResponsiveTable<Account>
            data-testid="account-table"
            rowKey="id"
            size="middle"
            loading={isFetching}
            dataSource={data?.items}
            columns={columns}
            scroll={{ x: 'max-content' }}
            onRow={(r) => ({ onDoubleClick: () => void navigate(`/accounts/${r.id}`) })}
            locale={{
              emptyText: (
                <EmptyState
                  text={term || role ? '没有符合条件的账号。' : '还没有账号，点击「新建账号」开通第一个。'}
                />
              ),
            }}
            pagination={{
              current: page,
              pageSize,
              total: data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (t) => `共 ${t} 个账号`,
              onChange: (p, s) => {
                setPage(s === pageSize ? p : 1);
                setPageSize(s);
              },
            }}
          />
        </Card>
      )}
      <CreateAccountModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
