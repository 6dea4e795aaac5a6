import { useState } from 'react';
import { App, Breadcrumb, Button, Descriptions, Flex, Tag, Typography } from 'antd';
import { DownloadOutlined, EditOutlined, PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { orgTypeLabels } from '@jiangtai/contracts';
import { downloadFile, errorText } from '../../../lib/api.ts';
import { formatCount } from '../../../lib/format.ts';
import { BlockLoading, ErrorState } from '../../../components/states.tsx';
import { useOrg, useOrgMutations, useOrgRoots, type OrgDetail } from '../api.ts';
import { ChooseOrgModal } from './ChooseOrgModal.tsx';
import { OrgFormModal } from './OrgFormModal.tsx';

type Dialog = 'add' | 'edit' | 'move' | null;

export function OrgDetailPanel({ id, onNavigate }: { id: string; onNavigate: (id: string) => void }) {
  const { data: org, error, isPending, refetch } = useOrg(id);
  const { move, setActive } = useOrgMutations();
  const roots = useOrgRoots();
  const { message, modal } = App.useApp();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [exporting, setExporting] = useState(false);

  if (isPending) return <BlockLoading rows={5} />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;

  // Ancestors above the viewer's own top nodes are shown as text (opening them would be refused).
  const rootIds = new Set((roots.data ?? []).map((r) => r.id));
  const firstOpenable = org.ancestors.findIndex((a) => rootIds.has(a.id));

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await downloadFile(`/api/orgs/${org.id}/export`, `${org.name}-组织与党员.xlsx`);
      // The server decides (admins over this org get full phones, with an audit row); say which.
      if (org.canEdit)
        message.success('已导出，文件含完整手机号（已记入操作日志），请妥善保管；可修改后重新导入');
      else message.info('已导出，文件中的手机号隐藏了中间四位，只能查看，不能用于导入');
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setExporting(false);
    }
  };

  const toggleActive = (o: OrgDetail) => {
    const next = !o.active;
    modal.confirm({
      title: next ? `恢复「${o.name}」？` : `停用「${o.name}」？`,
      content: next
        ? '恢复后该组织重新出现在组织架构、统计和活动范围中。'
        : '停用后该组织不再出现在组织树、统计和新活动中，历史记录保留，可随时恢复。只有没有在册党员、且下级组织都已停用的组织才能停用。',
      okText: next ? '恢复' : '停用',
      okButtonProps: { danger: !next },
      cancelText: '取消',
      onOk: async () => {
        try {
          await setActive.mutateAsync({ id: o.id, active: next });
          message.success(next ? '已恢复' : '已停用');
        } catch (err) {
          message.error(errorText(err));
          throw err;
        }
      },
    });
  };

  return (
    <section aria-label="组织详情">
      {org.ancestors.length > 0 && (
        <Breadcrumb
          style={{ marginBottom: 8 }}
          items={[
            ...org.ancestors.map((a, i) => ({
              key: a.id,
              title:
                firstOpenable === -1 || i < firstOpenable ? (
                  a.name
                ) : (
                  <Button
                    type="link"
                    size="small"
                    style={{ padding: 0, height: 'auto' }}
                    onClick={() => onNavigate(a.id)}
                  >
                    {a.name}
                  </Button>
                ),
            })),
            { key: org.id, title: org.name },
          ]}
        />
      )}
      <Flex wrap="wrap" align="center" gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {org.name}
        </Typography.Title>
        <Tag color="red">{orgTypeLabels[org.type]}</Tag>
        {!org.active && <Tag color="default">已停用</Tag>}
      </Flex>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, xl: 3 }}
        items={[
          { key: 'type', label: '组织类型', children: orgTypeLabels[org.type] },
          { key: 'code', label: '组织编码', children: org.code || '—' },
          { key: 'children', label: '下级组织', children: `${formatCount(org.childCount)} 个` },
          { key: 'members', label: '党员（含下级）', children: `${formatCount(org.memberCount)} 人` },
          { key: 'direct', label: '直属党员', children: `${formatCount(org.directMemberCount)} 人` },
          { key: 'sort', label: '排序号', children: org.sortOrder },
        ]}
      />
      <Flex wrap="wrap" gap={8} style={{ marginTop: 12 }}>
        {org.canEdit && (
          <>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setDialog('add')}
              disabled={!org.active}
            >
              添加下级组织
            </Button>
            <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
              编辑
            </Button>
          </>
        )}
        {org.canRestructure && (
          <>
            {org.parentId && (
              <Button icon={<SwapOutlined />} onClick={() => setDialog('move')}>
                移动
              </Button>
            )}
            <Button danger={org.active} onClick={() => toggleActive(org)}>
              {org.active ? '停用' : '恢复'}
            </Button>
          </>
        )}
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()}>
          导出 Excel
        </Button>
      </Flex>
      <OrgFormModal
        open={dialog === 'add'}
        parent={org}
        onClose={() => setDialog(null)}
        onSaved={(saved) => onNavigate(saved.id)}
      />
      <OrgFormModal
        open={dialog === 'edit'}
        org={org}
        onClose={() => setDialog(null)}
        onSaved={() => undefined}
      />
      <ChooseOrgModal
        open={dialog === 'move'}
        title={`移动「${org.name}」`}
        hint="选择新的上级组织。该组织的全部下级组织、党员，以及它的参赛作品、评审轮次和后台任务都会随之移动：新上级的管理员可以管理它们，原上级的管理员不再看到。操作日志仍按原来的归属保留。"
        label="新的上级组织"
        excludeIds={[org.id]}
        onClose={() => setDialog(null)}
        onChoose={async (parentId) => {
          await move.mutateAsync({ id: org.id, parentId });
          message.success('已移动');
          onNavigate(org.id);
        }}
      />
    </section>
  );
}
