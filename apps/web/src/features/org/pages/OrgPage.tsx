import { useEffect, useRef } from 'react';
import { Button, Card, Col, Grid, Row, Tabs } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ACCESS, hasRole, useCurrentMe } from '../../../lib/me.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { AuditTable } from '../../../components/AuditTable.tsx';
import { EmptyState } from '../../../components/states.tsx';
import { useOrg, useOrgHistory, useOrgRoots } from '../api.ts';
import { MemberTable } from '../components/MemberTable.tsx';
import { OrgDetailPanel } from '../components/OrgDetailPanel.tsx';
import { OrgTree, type OrgTreeHandle } from '../components/OrgTree.tsx';

function OrgHistory({ id }: { id: string }) {
  const { data, isFetching } = useOrgHistory(id);
  return (
    <AuditTable
      testId="org-history"
      rows={data?.items}
      loading={isFetching}
      showEntity={false}
      emptyText="该组织还没有修改记录。"
    />
  );
}

function SelectedOrgTabs({ id }: { id: string }) {
  const { data: org } = useOrg(id);
  if (!org) return null;
  return (
    <Tabs
      destroyOnHidden
      items={[
        { key: 'members', label: '党员', children: <MemberTable key={org.id} org={org} /> },
        { key: 'history', label: '修改记录', children: <OrgHistory id={org.id} /> },
      ]}
    />
  );
}

export default function OrgPage() {
  const me = useCurrentMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const selected = params.get('node') ?? undefined;
  const treeRef = useRef<OrgTreeHandle>(null);
  const roots = useOrgRoots();
  const screens = Grid.useBreakpoint();
  const wide = !!screens.lg;

  const select = (id: string) => setParams({ node: id }, { replace: true });

  // Deep link: open the path to ?node=…; otherwise start at the first root.
  const firstRoot = roots.data?.[0]?.id;
  const revealed = useRef(false);
  useEffect(() => {
    if (revealed.current || !roots.data) return;
    revealed.current = true;
    if (selected) void treeRef.current?.reveal(selected);
    else if (firstRoot) setParams({ node: firstRoot }, { replace: true });
  }, [roots.data, selected, firstRoot, setParams]);

  return (
    <>
      <PageHeader
        title="组织架构 & 党员"
        sub="逐级展开组织树，选中组织后查看详情和其下全部党员。"
        extra={
          hasRole(me, ACCESS.orgEdit) && (
            <Button icon={<UploadOutlined />} onClick={() => void navigate('/org/import')}>
              从 Excel 导入
            </Button>
          )
        }
      />
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={8}>
          <Card size="small" title="组织树">
            <OrgTree ref={treeRef} selectedId={selected} onSelect={select} height={wide ? 640 : 360} />
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <Card size="small" style={{ marginBottom: 12 }}>
            {selected ? (
              <OrgDetailPanel
                key={selected}
                id={selected}
                onNavigate={(id) => void treeRef.current?.reveal(id)}
              />
            ) : (
              <EmptyState text="在左侧组织树中选择一个组织，或用搜索框查找。" />
            )}
          </Card>
          {selected && (
            <Card size="small">
              <SelectedOrgTabs id={selected} />
            </Card>
          )}
        </Col>
      </Row>
    </>
  );
}
