import { useState } from 'react';
import { App, Button, Card, Modal, Popconfirm, Table, Tag, type TableProps } from 'antd';
import { PrinterOutlined, UserAddOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { apiPost, errorText } from '../../../lib/api.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ErrorState } from '../../../components/states.tsx';
import { base, useBranchMembers, type BranchMember, type Run, type Slip } from './api.ts';
import { SlipButtons } from './MemberAccountsPage.tsx';
import { SlipCard, loginUrl } from './SlipCard.tsx';

const STATUS_COLORS: Record<BranchMember['status'], string> = {
  none: 'default',
  pending: 'orange',
  activated: 'green',
};

/** One branch's members with their account status; the branch admin reissues a lost or expired slip here. */
export default function BranchAccountsPage() {
  const { orgId = '' } = useParams<{ orgId: string }>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const members = useBranchMembers(orgId, page, pageSize);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [slip, setSlip] = useState<Slip | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [starting, setStarting] = useState(false);
  const navigate = useNavigate();

  /** Accounts for the chosen members only; the progress is followed on the 党员账号 page. */
  const createSelected = async () => {
    setStarting(true);
    try {
      const run = await apiPost<Run>(`${base}/runs`, { orgId, memberIds: selected });
      void navigate(`/member-accounts?org=${orgId}&run=${run.id}`);
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setStarting(false);
    }
  };

  const reissue = async (m: BranchMember) => {
    try {
      const res = await apiPost<{ slip: Slip }>(`${base}/users/${m.userId}/reissue`);
      setSlip(res.slip);
      void qc.invalidateQueries({ queryKey: ['member-accounts'] });
    } catch (err) {
      message.error(errorText(err));
    }
  };

  const printOne = () => {
    document.body.classList.add('printing-one-slip');
    window.print();
    document.body.classList.remove('printing-one-slip');
  };

  const columns: TableProps<BranchMember>['columns'] = [
    { title: '姓名', dataIndex: 'name', width: 90 },
    { title: '手机号', dataIndex: 'phone', width: 120, render: (v: string | null) => v ?? '—' },
    {
      title: '账号',
      key: 'status',
      width: 150,
      render: (_: unknown, m) => (
        <>
          <Tag color={STATUS_COLORS[m.status]}>{m.statusLabel}</Tag>
          {m.codeExpired && <Tag color="red">初始密码已过期</Tag>}
        </>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 120,
      render: (_: unknown, m) =>
        m.userId ? (
          <Popconfirm
            title="重置初始密码"
            description="原凭条和本人已设置的密码都将失效，本人须用新凭条重新登录。确定重置？"
            okText="重置"
            cancelText="取消"
            onConfirm={() => reissue(m)}
          >
            <Button size="small">重置初始密码</Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title={members.data ? `${members.data.orgName} · 党员账号` : '党员账号'}
        sub="手机号已脱敏显示。勾选未开通的党员可只为他们开通；为整个支部开通请点「开通账号与激活情况」。"
        extra={
          <>
            <Link to={`/member-accounts?org=${orgId}`}>
              <Button>开通账号与激活情况</Button>
            </Link>
            {members.data && <SlipButtons orgId={orgId} orgName={members.data.orgName} />}
          </>
        }
      />
      <Card size="small">
        {selected.length > 0 && (
          <Button
            type="primary"
            icon={<UserAddOutlined />}
            loading={starting}
            onClick={() => void createSelected()}
            style={{ marginBottom: 12 }}
          >
            为所选 {selected.length} 人开通账号
          </Button>
        )}
        {members.error ? (
          <ErrorState error={members.error} onRetry={() => void members.refetch()} />
        ) : (
          <Table
            rowKey="memberId"
            size="small"
            rowSelection={{
              selectedRowKeys: selected,
              preserveSelectedRowKeys: true,
              onChange: (keys) => setSelected(keys.map(String)),
              // Only members without an account can be chosen, and only those with a phone to sign in with.
              getCheckboxProps: (m) => ({ disabled: m.status !== 'none' || !m.phone }),
            }}
            loading={members.isFetching}
            columns={columns}
            dataSource={members.data?.items}
            scroll={{ x: 480 }}
            pagination={{
              current: page,
              pageSize,
              total: members.data?.total,
              showTotal: (n) => `共 ${n} 人`,
              onChange: (p, size) => {
                setPage(size === pageSize ? p : 1);
                setPageSize(size);
              },
            }}
          />
        )}
      </Card>
      <Modal
        open={!!slip}
        title="新的登录凭条"
        onCancel={() => setSlip(null)}
        footer={[
          <Button key="close" onClick={() => setSlip(null)}>
            关闭
          </Button>,
          <Button key="print" type="primary" icon={<PrinterOutlined />} onClick={printOne}>
            打印凭条
          </Button>,
        ]}
      >
        {slip && (
          <div className="print-this-slip">
            <SlipCard slip={slip} loginUrl={loginUrl()} />
          </div>
        )}
      </Modal>
    </>
  );
}
