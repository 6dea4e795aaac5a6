import { useState } from 'react';
import { Button, Checkbox, Flex, Input, Select, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import {
  genderLabels,
  partyStatusLabels,
  partyStatuses,
  positions,
  type PartyStatus,
  type Position,
} from '@jiangtai/contracts';
import { formatDate } from '../../../lib/format.ts';
import { useDebounced } from '../../../lib/useDebounced.ts';
import { EmptyState, ErrorState } from '../../../components/states.tsx';
import { useMembers, type Member } from '../api.ts';
import { MemberFormModal } from './MemberFormModal.tsx';
import { ResponsiveTable, type ResponsiveColumn } from '../../../components/ResponsiveTable.tsx';

/** Members of an org's whole subtree, with filters and server-side paging. */
export function MemberTable({
  org,
}: {
  org: { id: string; name: string; canEdit: boolean; active: boolean };
}) {
  const [q, setQ] = useState('');
  const [partyStatus, setPartyStatus] = useState<PartyStatus | undefined>();
  const [position, setPosition] = useState<Position | undefined>();
  const [includeInactive, setIncludeInactive] = useState(false);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [adding, setAdding] = useState(false);
  const term = useDebounced(q.trim(), 300);
  const { data, error, isFetching, refetch } = useMembers({
    orgId: org.id,
    q: term,
    partyStatus,
    position,
    includeInactive,
    page,
    pageSize,
  });
  const filtered = !!(term || partyStatus || position);
  const reset =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };

  const columns: ResponsiveColumn<Member>[] = [
    {
      title: '姓名',
      dataIndex: 'name',
      width: 100,
      fixed: 'left',
      render: (v: string, r) => <Link to={`/members/${r.id}`}>{v}</Link>,
    },
    { title: '性别', dataIndex: 'gender', width: 60, render: (v: Member['gender']) => genderLabels[v] },
    { title: '手机号', dataIndex: 'phone', width: 130, render: (v: string | null) => v ?? '—' },
    {
      title: '党员状态',
      dataIndex: 'partyStatus',
      width: 100,
      render: (v: PartyStatus) => <Tag color={v === 'full' ? 'red' : 'orange'}>{partyStatusLabels[v]}</Tag>,
    },
    { title: '职务', dataIndex: 'positions', width: 140, render: (v: string[]) => v.join('、') || '—' },
    { title: '所在党组织', dataIndex: 'orgName', width: 180 },
    { title: '入党日期', dataIndex: 'joinedOn', width: 130, render: (v: string | null) => formatDate(v) },
    {
      title: '状态',
      dataIndex: 'active',
      width: 80,
      card: 'extra',
      render: (v: boolean) => (v ? <Tag color="green">在册</Tag> : <Tag>已停用</Tag>),
    },
  ];

  return (
    <section aria-label="党员名单">
      <Flex wrap="wrap" gap={8} style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          aria-label="搜索党员"
          placeholder="姓名或手机号"
          value={q}
          onChange={(e) => reset(setQ)(e.target.value)}
          style={{ width: 200 }}
        />
        <Select<PartyStatus>
          allowClear
          aria-label="党员状态"
          placeholder="党员状态"
          value={partyStatus}
          onChange={reset(setPartyStatus)}
          options={partyStatuses.map((s) => ({ value: s, label: partyStatusLabels[s] }))}
          style={{ width: 120 }}
        />
        <Select<Position>
          allowClear
          aria-label="职务"
          placeholder="职务"
          value={position}
          onChange={reset(setPosition)}
          options={positions.map((p) => ({ value: p, label: p }))}
          style={{ width: 120 }}
        />
        <Checkbox
          checked={includeInactive}
          onChange={(e) => reset(setIncludeInactive)(e.target.checked)}
          style={{ alignSelf: 'center' }}
        >
          含已停用
        </Checkbox>
        <div style={{ flex: 1 }} />
        {org.canEdit && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
            disabled={!org.active}
          >
            添加党员
          </Button>
        )}
      </Flex>
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <ResponsiveTable<Member>
          data-testid="member-table"
          rowKey="id"
          size="small"
          loading={isFetching}
          dataSource={data?.items}
          columns={columns}
          scroll={{ x: 'max-content' }}
          rowClassName={(r) => (r.active ? '' : 'jt-inactive')}
          locale={{
            emptyText: (
              <EmptyState
                text={
                  filtered
                    ? '没有符合条件的党员，试试放宽筛选条件。'
                    : '该组织及其下级还没有党员。可以「添加党员」或从 Excel 导入。'
                }
              />
            ),
          }}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (t) => `共 ${t} 人`,
            onChange: (p, s) => {
              setPage(s === pageSize ? p : 1);
              setPageSize(s);
            },
          }}
        />
      )}
      <MemberFormModal open={adding} org={org} onClose={() => setAdding(false)} />
    </section>
  );
}
