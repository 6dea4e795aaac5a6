import { useState } from 'react';
import { App, Button, Card, Descriptions, Tag } from 'antd';
import { ArrowLeftOutlined, EditOutlined, SwapOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { genderLabels, partyStatusLabels } from '@jiangtai/contracts';
import { errorText } from '../../../lib/api.ts';
import { formatDate } from '../../../lib/format.ts';
import { AuditTable } from '../../../components/AuditTable.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BlockLoading, ErrorState } from '../../../components/states.tsx';
import { useMember, useMemberHistory, useMemberMutations } from '../api.ts';
import { ChooseOrgModal } from '../components/ChooseOrgModal.tsx';
import { MemberFormModal } from '../components/MemberFormModal.tsx';

export default function MemberPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const { data: member, error, isPending, refetch } = useMember(id);
  const history = useMemberHistory(id);
  const { move, setActive } = useMemberMutations();
  const [dialog, setDialog] = useState<'edit' | 'move' | null>(null);

  if (isPending) return <BlockLoading rows={8} />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;

  const toggleActive = () => {
    const next = !member.active;
    modal.confirm({
      title: next ? `恢复党员「${member.name}」？` : `停用党员「${member.name}」？`,
      content: next
        ? '恢复后重新计入名单和统计。'
        : '停用后不再计入名单和统计（如组织关系转出），历史记录保留，可随时恢复。',
      okText: next ? '恢复' : '停用',
      okButtonProps: { danger: !next },
      cancelText: '取消',
      onOk: async () => {
        try {
          await setActive.mutateAsync({ id: member.id, active: next });
          message.success(next ? '已恢复' : '已停用');
        } catch (err) {
          message.error(errorText(err));
          throw err;
        }
      },
    });
  };

  return (
    <>
      <PageHeader
        title={member.name}
        sub={member.orgPathNames || member.orgName}
        extra={
          <>
            <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(`/org?node=${member.orgId}`)}>
              返回组织
            </Button>
            {member.canEdit && (
              <>
                <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
                  编辑
                </Button>
                <Button icon={<SwapOutlined />} onClick={() => setDialog('move')} disabled={!member.active}>
                  转移组织
                </Button>
                <Button danger={member.active} onClick={toggleActive}>
                  {member.active ? '停用' : '恢复'}
                </Button>
              </>
            )}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'name', label: '姓名', children: member.name },
            { key: 'gender', label: '性别', children: genderLabels[member.gender] },
            { key: 'phone', label: '手机号', children: member.phone ?? '—' },
            { key: 'status', label: '党员状态', children: partyStatusLabels[member.partyStatus] },
            { key: 'positions', label: '职务', children: member.positions.join('、') || '—' },
            { key: 'org', label: '所在党组织', children: member.orgName },
            { key: 'joined', label: '入党日期', children: formatDate(member.joinedOn) },
            {
              key: 'active',
              label: '状态',
              children: member.active ? <Tag color="green">在册</Tag> : <Tag>已停用</Tag>,
            },
          ]}
        />
      </Card>
      <Card size="small" title="修改记录">
        {history.error ? (
          <ErrorState error={history.error} onRetry={() => void history.refetch()} />
        ) : (
          <AuditTable
            testId="member-history"
            rows={history.data?.items}
            loading={history.isFetching}
            showEntity={false}
            emptyText="还没有修改记录。"
          />
        )}
      </Card>
      <MemberFormModal open={dialog === 'edit'} member={member} onClose={() => setDialog(null)} />
      <ChooseOrgModal
        open={dialog === 'move'}
        title={`转移党员「${member.name}」`}
        hint="选择新的所在党组织（组织关系转接）。"
        label="新的所在党组织"
        excludeIds={[member.orgId]}
        onClose={() => setDialog(null)}
        onChoose={async (orgId) => {
          await move.mutateAsync({ id: member.id, orgId });
          message.success('已转移');
        }}
      />
    </>
  );
}
