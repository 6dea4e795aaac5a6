import { Tag, type TableProps } from 'antd';
import { actionLabel, entityTypeLabel } from '../lib/audit-labels.ts';
import { formatDateTime } from '../lib/format.ts';
import { JsonBlock } from './JsonBlock.tsx';
import { EmptyState } from './states.tsx';
import { ResponsiveTable, type ResponsiveColumn } from './ResponsiveTable.tsx';

export interface AuditRow {
  id: string;
  at: string;
  actorName: string | null;
  action: string;
  before: unknown;
  after: unknown;
  /** Only in the full audit log (histories of one record leave them out). */
  entityType?: string;
  entityId?: string | null;
  ip?: string | null;
}

/** Audit rows with the before/after snapshots in an expandable row. */
export function AuditTable({
  rows,
  loading,
  showEntity = true,
  pagination = false,
  emptyText = '还没有操作记录。',
  testId,
}: {
  rows: AuditRow[] | undefined;
  loading: boolean;
  showEntity?: boolean;
  pagination?: TableProps<AuditRow>['pagination'];
  emptyText?: string;
  testId?: string;
}) {
  const columns: ResponsiveColumn<AuditRow>[] = [
    { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
    { title: '操作人', dataIndex: 'actorName', width: 120, render: (v: string | null) => v ?? '系统' },
    {
      title: '操作',
      dataIndex: 'action',
      width: 150,
      card: 'extra',
      render: (v: string) => <Tag>{actionLabel(v)}</Tag>,
    },
    ...(showEntity
      ? [
          {
            title: '对象',
            key: 'entity',
            width: 140,
            render: (_: unknown, r: AuditRow) =>
              `${r.entityType ? entityTypeLabel(r.entityType) : ''}${r.entityId ? ` #${r.entityId}` : ''}`,
          },
          { title: 'IP', dataIndex: 'ip', width: 130, render: (v: string | null | undefined) => v ?? '—' },
        ]
      : []),
  ];
  return (
    <ResponsiveTable<AuditRow>
      data-testid={testId}
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={rows}
      columns={columns}
      pagination={pagination}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <EmptyState text={emptyText} /> }}
      expandable={{
        rowExpandable: (r) => r.before != null || r.after != null,
        expandedRowRender: (r) => (
          <div
            style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(240px, 1fr))', gap: 12 }}
          >
            <div>
              <div style={{ marginBottom: 4, color: '#8c8c8c' }}>修改前</div>
              <JsonBlock value={r.before} />
            </div>
            <div>
              <div style={{ marginBottom: 4, color: '#8c8c8c' }}>修改后</div>
              <JsonBlock value={r.after} />
            </div>
          </div>
        ),
      }}
    />
  );
}
